/** Calling handlers in the test's own process, as Lambda would, and faults injected on purpose. */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { vi } from 'vitest';
import { sqs } from '../../shared/adapters/aws-clients';
import { handler as registerCase } from '../../functions/register-case';
import { apiEvent, lambdaContext } from './events';

/** POST /complaints straight into the register-case handler. */
export async function register(body: unknown, at = new Date()) {
  const result = (await registerCase(
    apiEvent({ method: 'POST', path: '/complaints', body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, at }),
    lambdaContext('register-case'),
  )) as APIGatewayProxyStructuredResultV2;
  return { status: result.statusCode, body: JSON.parse(result.body as string) as { caseNumber: string; accessToken: string } };
}

/** Fault injected on purpose: every SQS SendMessage of this worker fails while it is on. */
export function failEverySend() {
  const client = sqs();
  const original = client.send.bind(client);
  return vi.spyOn(client, 'send').mockImplementation(((command: { constructor: { name: string } }, ...rest: unknown[]) =>
    command.constructor.name.startsWith('SendMessage')
      ? Promise.reject(Object.assign(new Error('injected: SQS unavailable'), { name: 'ServiceUnavailable' }))
      : (original as (...args: unknown[]) => Promise<unknown>)(command, ...rest)) as typeof client.send);
}
