import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JsonLogger } from '../../../shared/adapters/logger';
import { capturingOutput } from '../../support/output';

const context = { functionName: 'classify-case', invokedFunctionArn: 'arn:aws:lambda:us-east-1:1:function:classify-case', memoryLimitInMB: '256', awsRequestId: 'req-1' } as Context;
const lines = (text: string) => text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the JSON logger (the Powertools line shape, without Powertools)', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('writes one JSON line per call with the Lambda context, the step and the line\'s own keys, then forgets the step', async () => {
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    const logger = new JsonLogger('complaints');
    const handler = middy(async () => logger.info('Case classified', { caseNumber: 'TS-20261207-0001', caseLevel: 2 })).use({
      before: () => {
        logger.startInvocation(context);
        logger.appendKeys({ step: 'classify' });
      },
      after: () => logger.endInvocation(),
    });
    const out = await capturingOutput(async () => {
      await handler({}, context);
      logger.warn('After the invocation', { error: new Error('boom'), level: 3 });
    });
    const [first, second] = lines(out);
    expect(first).toMatchObject({
      level: 'INFO', message: 'Case classified', service: 'complaints', cold_start: true, function_name: 'classify-case',
      function_request_id: 'req-1', function_memory_size: '256', sampling_rate: 0, step: 'classify', caseNumber: 'TS-20261207-0001', caseLevel: 2,
    });
    expect(Date.parse(String(first!.timestamp))).not.toBeNaN();
    expect(second).toMatchObject({ level: 'WARN', error: { name: 'Error', message: 'boom' } }); // a line's own `level` never replaces the frame's
    expect(second).not.toHaveProperty('step');
  });

  it('keeps to the level of POWERTOOLS_LOG_LEVEL at each line (SILENT writes nothing), Lambda\'s own level first', async () => {
    const logger = new JsonLogger('complaints');
    const out = await capturingOutput(async () => {
      for (const set of [() => vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'WARN'), () => vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT'), () => vi.stubEnv('AWS_LAMBDA_LOG_LEVEL', 'ERROR')]) {
        set();
        logger.info('info line');
        logger.warn('warn line');
        logger.error('error line');
      }
    });
    expect(lines(out).map((l) => l.message)).toEqual(['warn line', 'error line', 'error line']);
  });
});
