import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';

/**
 * Structured JSON logs. Log case numbers, steps and counts; never a name, address,
 * phone number, description, token or IP address (spec: personal data never in logs).
 */
export const logger = new Logger({ serviceName: 'complaints' });

/**
 * The logging middleware of every function: Lambda context, the step's name, and keys
 * reset after each invocation so nothing of one case leaks into the next one's lines.
 * The step is a per-invocation key, not a persistent one, because the local runtime runs
 * every function in one process with this one logger.
 */
export const stepLogging = (step: string) => [
  injectLambdaContext(logger, { resetKeys: true }),
  { before: () => void logger.appendKeys({ step }) },
];
