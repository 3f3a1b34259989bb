/**
 * Issue 19 item 6: the complainant key and the client's rate-counter key are keyed
 * hashes (HMAC-SHA256 with the stage's secret, locally the file HASH_SECRET_FILE), so
 * nobody holding the table can recover a phone number or an IPv4 address by hashing
 * every candidate. Over HTTP: a real submission, then the stored keys.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamo } from '../../shared/adapters/aws-clients';
import { keyedDigest } from '../../shared/adapters/keyed-hash';
import { keys } from '../../shared/adapters/keys';
import { complaintBody, uniqueMarker } from '../support/cases';
import { postJson } from '../support/http-client';
import { systemUrls } from '../support/system';

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

describe('issue 19 item 6: keyed hashes, not plain SHA-256', () => {
  it('the complainant key and the client key are HMACs with the stage secret, not SHA-256 of the contact or address', async () => {
    const from = '127.0.19.61';
    const phone = `137${String(Date.now()).slice(-8)}`;
    const marker = uniqueMarker();
    const answer = await postJson('/complaints', complaintBody(marker, { contact: { phone } }), { from });
    expect(answer.status, answer.text).toBe(201);
    const { caseNumber } = answer.json<{ caseNumber: string }>();
    const { tableName, env } = systemUrls();
    const state = (await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.case(caseNumber) }))).Item!;
    const key = String(state.complainantKey);
    expect(key).not.toBe(sha256(`complainant:${phone}`));
    expect(key).not.toBe(sha256(`complainant:phone:${phone}`));
    const secret = Buffer.from(readFileSync(env.HASH_SECRET_FILE!, 'utf8').trim(), 'utf8');
    expect(key).toBe(keyedDigest(secret, 'complainant', `phone:${phone}`));

    const minute = new Date().toISOString().slice(0, 16);
    const counter = keys.rateCounter(keyedDigest(secret, 'client', from), minute);
    const plain = keys.rateCounter(sha256(from), minute);
    const read = async (key: { pk: string; sk: string }) => (await dynamo().send(new GetCommand({ TableName: tableName, Key: key }))).Item;
    expect(await read(counter)).toMatchObject({ requests: expect.any(Number) });
    expect(await read(plain)).toBeUndefined();
    const index = await dynamo().send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `COMPLAINANT#${sha256(`complainant:${phone}`)}` } }));
    expect(index.Items ?? []).toEqual([]);
  });
});
