/**
 * Stands in for `@smithy/core/event-streams` in Lambda bundles (an esbuild alias, see
 * infra/lambda-bundling.ts). The SDK loads it only for operations that stream events (S3 Select,
 * Bedrock, Transcribe…); DynamoDB and the hand-signed S3 requests of this project use none, so
 * bundling the codec (~12 KB minified) would only cost cold-start time. Reaching it is a bug, said
 * plainly rather than failing on an undefined export.
 */
const unsupported = (): never => {
  throw new Error('event streams are not bundled in Jixiao Lambdas (see infra/lambda-bundling.ts)');
};

export const EventStreamSerde = unsupported;
export const eventStreamSerdeProvider = unsupported;
