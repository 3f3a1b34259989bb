/**
 * Properties of the synthesised role policies that hold whatever the code calls (the
 * calls themselves are proven in test/handlers/least-privilege.test.ts), and the access
 * table of docs/security.md against the template.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { keys, rateCounterKeyPrefix } from '../../shared/adapters/keys';
import { topology, type TableWrite } from '../../shared/topology';
import { accessRows, accessTableColumns, markdownRow } from '../support/access-table';
import { isAllowed, stagePolicies, type StagePolicies } from '../support/iam-proof';
import { describeCall } from '../support/aws-calls';
import { loadStageConfig } from '../../shared/config/load-stage-config';

let stage: StagePolicies;
beforeAll(() => {
  stage = stagePolicies('local');
});
let smtpStage: StagePolicies | undefined;
/** prod-cn's policies, synthesised once for the tests that read them. */
const smtpPolicies = (): StagePolicies => (smtpStage ??= stagePolicies('prod-cn'));

const writes: readonly TableWrite[] = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'];
const prefixOf = (pk: string) => pk.split('#')[0]!;
/** The handlers of GET routes and of unmatched requests: they answer anyone and only read. */
const publicReaders = [...new Set([...topology.routes.filter((r) => r.method === 'GET').map((r) => r.handler), topology.fallbackHandler])];

describe('functions that answer public GETs', () => {
  it.each(publicReaders)('%s holds no write to case, contact or history items', async (name) => {
    const items = [keys.case('TS-20261129-0001'), keys.contact('TS-20261129-0001'), keys.history('TS-20261129-0001', '2026-11-29T00:00:00.000Z', 1)];
    for (const action of writes) {
      for (const item of items) {
        const access = { action: `dynamodb:${action}`, table: 'table' as const, keyPrefix: prefixOf(item.pk), sortPrefix: prefixOf(item.sk) };
        expect(await isAllowed(stage, name, access), `${name} ${action} ${item.sk}`).toBe(false);
      }
    }
  });

  it.each(publicReaders)('%s sends no message and no mail', async (name) => {
    for (const queue of topology.queues) expect(await isAllowed(stage, name, { action: 'sqs:SendMessage', queue: queue.name }), queue.name).toBe(false);
    expect(await isAllowed(stage, name, { action: 'ses:SendEmail', from: 'complaints@example.org' })).toBe(false);
  });

  it('the rate-counter prefix is where the request counters live', () => {
    expect(keys.rateCounter('hash', '2026-11-29T06:00').pk.startsWith(rateCounterKeyPrefix)).toBe(true);
    expect(keys.case('TS-20261129-0001').pk.startsWith(rateCounterKeyPrefix)).toBe(false);
  });
});

describe('an SMTP stage (prod-cn): the mail adapter\'s one AWS call', () => {
  let smtp: StagePolicies;
  let secretName: string;
  beforeAll(() => {
    smtp = smtpPolicies();
    const mail = loadStageConfig('prod-cn').mail;
    if (mail.provider !== 'smtp') throw new Error('prod-cn sends through SMTP');
    secretName = mail.credentialsSecret;
  });
  // The call as shared/adapters' mail secret reader makes it (GetSecretValue by the secret's name), seen by the recorder.
  const read = (secret: string) => describeCall('secretsmanager', 'GetSecretValue', { SecretId: secret }).accesses[0]!;
  const readsMailSecret = (decl: (typeof topology.functions)[number]) => Boolean(decl.access.sendsMail || (decl.access as { mailSecret?: boolean }).mailSecret);

  it('the recorder sees it as secretsmanager:GetSecretValue of the named secret', () => {
    expect(read('complaints/prod-cn/smtp')).toEqual({ action: 'secretsmanager:GetSecretValue', secret: 'complaints/prod-cn/smtp' });
  });

  it.each(topology.functions.map((f) => [f.name, readsMailSecret(f)] as const))('%s may read the mail secret: %s', async (name, reads) => {
    expect(await isAllowed(smtp, name, read(secretName))).toBe(reads);
  });

  it('no function may read another secret, not even one whose name starts with the mail secret\'s', async () => {
    for (const decl of topology.functions) {
      for (const other of [`${secretName}-extra`, `${secretName}x`, 'complaints/prod-cn/other']) expect(await isAllowed(smtp, decl.name, read(other)), `${decl.name} ${other}`).toBe(false);
    }
  });

  it('no function may send through SES', async () => {
    for (const decl of topology.functions) expect(await isAllowed(smtp, decl.name, { action: 'ses:SendEmail', from: loadStageConfig('prod-cn').senderAddress })).toBe(false);
  });
});

describe('docs/security.md', () => {
  it('lists what each function may touch exactly as the template grants it, with a reason', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'docs', 'security.md'), 'utf8');
    // Only the table of the least-privilege section: the separation-of-duties table has rows of the same shape.
    const section = text.slice(text.indexOf('### What each function may touch'), text.indexOf('### Rate counters stay in the table'));
    const documented = section
      .split('\n')
      .filter((line) => /^\| `[a-z-]+` \|/.test(line))
      .map((line) => line.slice(1, -1).split(' | ').map((cell) => cell.trim()));
    const expected = accessRows(stage);
    const table = [markdownRow([...accessTableColumns, 'Why']), ...expected.map((row) => markdownRow([...row, '…']))].join('\n');
    expect(documented.map((row) => row.slice(0, accessTableColumns.length)), `docs/security.md should list:\n${table}`).toEqual(expected);
    for (const row of documented) expect(row[accessTableColumns.length], `${row[0]}: why`).toMatch(/\w/);
  });

  it('lists the mail grants of an SMTP stage (prod-cn) exactly as its template grants them', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'docs', 'security.md'), 'utf8');
    const section = text.slice(text.indexOf('### On an SMTP stage'), text.indexOf('### How the IAM proof works'));
    const documented = section
      .split('\n')
      .filter((line) => /^\| `[a-z-]+` \|/.test(line))
      .map((line) => line.slice(1, -1).split(' | ').map((cell) => cell.trim()));
    const mailColumn = accessTableColumns.indexOf('Mail');
    const expected = accessRows(smtpPolicies())
      .filter((row) => row[mailColumn] !== '-')
      .map((row) => [row[0]!, row[mailColumn]!]);
    expect(documented, `docs/security.md should list:\n${expected.map((row) => markdownRow(row)).join('\n')}`).toEqual(expected);
  });
});
