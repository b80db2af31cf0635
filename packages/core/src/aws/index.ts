// No AWS SDK import happens when this barrel loads: createAwsContext imports clients on demand.
export { addApiCallRecorder } from './api-call-middleware.ts';
export { type AwsServiceName, createAwsContext } from './create-aws-context.ts';
export { type FanOutOptions, type FanOutResult, fanOut, type RegionProgress } from './fan-out.ts';
export { fetchText } from './fetch-text.ts';
export { hasConfiguredCredentials } from './has-configured-credentials.ts';
export { configuredProxy, createProxyAgent } from './proxy-agent.ts';
export { validateRegionName } from './region-name.ts';
export { type RegionResolution, type ResolveRegionOptions, resolveRegion } from './resolve-region.ts';
export { type AwsErrorContext, translateAwsError, withAwsErrors } from './translate-aws-error.ts';
export type {
  ApiCallEvent,
  AwsContext,
  AwsContextOptions,
  AwsCredentialIdentityProvider,
  AwsSetup,
} from './types.ts';
