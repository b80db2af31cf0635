export { formatMessage } from './format-message.ts';
export { parseMessageLine } from './parse-message-line.ts';
export {
  MAX_LINE_BYTES,
  type ReadMessage,
  type ReadMessagesOptions,
  readAllMessages,
  readMessages,
} from './read-messages.ts';
export * from './schemas.ts';
export * from './spawnd-schemas.ts';
