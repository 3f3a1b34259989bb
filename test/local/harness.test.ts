import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { topology } from '../../shared/topology';
import { sesStore, systemUrls, waitFor, waitForIdle } from '../support/system';

// The shared system of the integration project (test/support/global-setup.ts).
describe('test harness', () => {
  it('provides the running system: gateway, SES, queues, handler environment', async () => {
    const urls = systemUrls();
    for (const url of [urls.gatewayUrl, urls.sesUrl, urls.controlUrl]) expect(url).not.toMatch(/:(3000|8005|3099)$/);
    expect(await (await fetch(`${urls.gatewayUrl}/health`)).json()).toMatchObject({ ok: true });
    expect(Object.keys(urls.queueUrls).sort()).toEqual(topology.queues.map((q) => q.name).sort());
    expect(process.env.TABLE_NAME).toBe(urls.tableName);
    expect(process.env.AWS_ENDPOINT_URL_SQS).toBe(urls.sqsEndpoint);
    expect(JSON.parse(process.env.STAGE_CONFIG!)).toMatchObject({ publicBaseUrl: urls.gatewayUrl });

    const sqs = new SQSClient({});
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: Object.values(urls.queueUrls)[0], AttributeNames: ['RedrivePolicy'] }));
    sqs.destroy();
    expect(JSON.parse(Attributes!.RedrivePolicy!)).toHaveProperty('maxReceiveCount');
  });

  // Not clearing the outbox here: other files of the run may be waiting for their mails.
  it('reads the outbox and waits for idle', async () => {
    expect(Array.isArray(await sesStore())).toBe(true);
    await waitForIdle(5_000);
    expect(await waitFor(() => 42)).toBe(42);
  });
});
