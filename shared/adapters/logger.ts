import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs. Log case numbers, steps and counts; never a name, address,
 * phone number, description, token or IP address (spec: personal data never in logs).
 */
export const logger = new Logger({ serviceName: 'complaints' });
