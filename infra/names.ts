/**
 * Physical names of a deployed stage. Fixed names (not CDK-generated ones) so that an
 * operator, `npm run dlq -- ... --stage <name>` and the runbook in docs/operations.md
 * find a stage's queues, functions and logs without looking anything up.
 */
export const stackName = (stage: string): string => `complaints-${stage}`;

/** `complaints-<stage>-<name>`: queues, dead-letter queues, functions. */
export const resourceName = (stage: string, name: string): string => `${stackName(stage)}-${name}`;

/** `acknowledge-dlq` → `AcknowledgeDlq`, for construct ids and output names. */
export const pascalCase = (name: string): string =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
