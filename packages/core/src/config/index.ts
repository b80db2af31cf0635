export { configDir } from './config-file-path.ts';
export type { UserDefaults } from './config-schema.ts';
export { type LoadedConfig, loadUserConfig } from './load-user-config.ts';
