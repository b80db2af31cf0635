/** Node releases the startup figures are measured on besides the running one (what users run). */
export const OTHER_NODE_VERSIONS = ['22.23.3', '24.21.0'] as const;

export { nodeBinary } from '../node-binary.ts';
