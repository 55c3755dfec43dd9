import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * One logger, one metrics and one tracer instance per Lambda, made at module scope so warm invocations
 * reuse them. Service name and namespace come from POWERTOOLS_SERVICE_NAME / POWERTOOLS_METRICS_NAMESPACE.
 * In Lambda the three come from the Powertools layer, not the bundle (docs/decisions.md#16-powertools-from-its-public-lambda-layer).
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'jixiao' });
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Jixiao',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'jixiao',
});
/**
 * Traces only in Lambda with active tracing; elsewhere (the local runtime sets POWERTOOLS_TRACE_ENABLED=false,
 * tests run outside Lambda) every call is a no-op. The stack sets POWERTOOLS_TRACER_CAPTURE_ERROR=false: an
 * error then flags the handler's subsegment without its message, since most are refusals (4xx) and a 5xx is
 * logged with its stack anyway.
 */
export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'jixiao' });
