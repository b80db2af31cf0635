/**
 * The protocol's major version, in every record's `v`. Its own file: record producers import it
 * without loading zod (the schemas' module does, which costs more than a whole offline startup).
 */
export const PROTOCOL_VERSION = 1;
