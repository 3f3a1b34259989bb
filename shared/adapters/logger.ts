import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';

/**
 * Structured JSON logs. Log case numbers, steps and counts; never a name, address,
 * phone number, description, token or IP address (spec: personal data never in logs).
 *
 * The lines have the Powertools logger's shape (level, message, timestamp, service, the Lambda
 * context's keys, sampling_rate, then the line's own keys) and read its level variables, but
 * this is not Powertools: its logger was about 20 KB of every bundle (issue #20, bundles
 * ≤ 150 KB) for the four calls used here.
 */
const levels = { TRACE: 6, DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20, CRITICAL: 24, SILENT: 28 } as const;
type LevelName = keyof typeof levels;

type Fields = Record<string, unknown>;

/** Powertools' precedence: Lambda's own log level, then its variables, else INFO. */
function levelFromEnvironment(env: NodeJS.ProcessEnv): number {
  for (const name of [env.AWS_LAMBDA_LOG_LEVEL, env.POWERTOOLS_LOG_LEVEL, env.LOG_LEVEL]) {
    const level = levels[name?.toUpperCase() as LevelName];
    if (level !== undefined) return level;
  }
  return levels.INFO;
}

/** An Error as Powertools prints one (name, location, message, stack); bigints as text. */
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const location = /\(([^)]+:\d+):\d+\)/.exec(value.stack ?? '')?.[1] ?? '';
    return { name: value.name, location, message: value.message, stack: value.stack, ...(value.cause === undefined ? {} : { cause: value.cause }) };
  }
  return typeof value === 'bigint' ? value.toString() : value;
}

/** A line's own keys never replace its frame (as Powertools, which drops them with a warning). */
const reserved = new Set(['level', 'message', 'timestamp', 'service', 'sampling_rate']);
const withoutReserved = (fields: Fields | undefined): Fields => Object.fromEntries(Object.entries(fields ?? {}).filter(([name]) => !reserved.has(name)));

export class JsonLogger {
  private context: Fields = {};
  private keys: Fields = {};
  private coldStart = true;

  constructor(private readonly service: string) {}

  info(message: string, fields?: Fields): void {
    this.write('INFO', message, fields);
  }

  warn(message: string, fields?: Fields): void {
    this.write('WARN', message, fields);
  }

  error(message: string, fields?: Fields): void {
    this.write('ERROR', message, fields);
  }

  /** Keys on every line until the end of the invocation. */
  appendKeys(fields: Fields): void {
    this.keys = { ...this.keys, ...fields };
  }

  removeKeys(names: readonly string[]): void {
    this.keys = Object.fromEntries(Object.entries(this.keys).filter(([name]) => !names.includes(name)));
  }

  /** The invocation's Lambda context, as Powertools' injectLambdaContext adds it; the invocation's own keys start empty. */
  startInvocation(context: Context | undefined): void {
    this.context = context
      ? {
          cold_start: this.coldStart,
          function_arn: context.invokedFunctionArn,
          function_memory_size: context.memoryLimitInMB,
          function_name: context.functionName,
          function_request_id: context.awsRequestId,
        }
      : {};
    this.coldStart = false;
    this.keys = {};
  }

  endInvocation(): void {
    this.keys = {};
  }

  private write(level: LevelName, message: string, fields: Fields | undefined): void {
    // Read at each line, not once: the local runtime sets the level after a module may have loaded this one.
    if (levels[level] < levelFromEnvironment(process.env)) return;
    const trace = process.env._X_AMZN_TRACE_ID?.match(/Root=([^;]+)/)?.[1];
    const line = {
      level,
      message,
      timestamp: new Date().toISOString(),
      service: this.service,
      ...this.context,
      sampling_rate: 0,
      ...(trace ? { xray_trace_id: trace } : {}),
      ...withoutReserved(this.keys),
      ...withoutReserved(fields),
    };
    // Warnings and errors on stderr, as a Console prints them (Lambda keeps both streams).
    (level === 'INFO' ? process.stdout : process.stderr).write(`${JSON.stringify(line, replacer)}\n`);
  }
}

export const logger = new JsonLogger('complaints');

/**
 * The logging middleware of every function: Lambda context, the step's name, and keys
 * reset after each invocation so nothing of one case leaks into the next one's lines.
 * The step is a per-invocation key, not a persistent one, because the local runtime runs
 * every function in one process with this one logger.
 */
export const stepLogging = (step: string): MiddlewareObj => ({
  before: (request) => {
    logger.startInvocation(request.context as Context | undefined);
    logger.appendKeys({ step });
  },
  after: () => logger.endInvocation(),
  onError: () => logger.endInvocation(),
});
