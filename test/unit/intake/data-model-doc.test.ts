import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterMembersPrefix, dueIndex, keys, noticesPrefix, outboxIndex, unreferencedUploadIndex } from '../../../shared/adapters/keys';

/** Each access pattern row of docs/data-model.md: its example must be what the key builder builds. */
const rows = readFileSync(join(__dirname, '../../../docs/data-model.md'), 'utf8')
  .split('## Access patterns')[1]!
  .split('\n## ')[0]!
  .split('\n')
  .filter((line) => line.startsWith('| ') && !line.startsWith('| Access pattern') && !line.startsWith('|---'))
  .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));

const unquote = (cell: string) => cell.replace(/`/g, '');

/** The same example values as the doc, fed to the builders. */
const built: Record<string, () => string> = {
  'keys.case': () => Object.values(keys.case('TS-20261122-0042')).join(' / '),
  'keys.history': () => Object.values(keys.history('TS-20261122-0042', '2026-11-22T06:00:00.000Z', 0)).join(' / '),
  'keys.contact': () => Object.values(keys.contact('TS-20261122-0042')).join(' / '),
  'keys.notice': () => Object.values(keys.notice('TS-20261122-0042', 'acknowledge')).join(' / '),
  'keys.outbox': () => Object.values(keys.outbox('TS-20261122-0042', 'review')).join(' / '),
  'keys.sequence': () => Object.values(keys.sequence('TS', '20261122')).join(' / '),
  'keys.rateCounter': () => Object.values(keys.rateCounter('submissions', 'abc', '2026-11-22T06:00')).join(' / '),
  'keys.outbox (with id)': () => Object.values(keys.outbox('TS-20261122-0042', 'notify', 'TS-20261122-0042#assigned#2#0#assignee')).join(' / '),
  'keys.duplicate': () => Object.values(keys.duplicate('9f2c')).join(' / '),
  'keys.clusterMember': () => Object.values(keys.clusterMember('u7Qx', 'k3Jd', 'TS-20261122-0042')).join(' / '),
  clusterMembersPrefix: () => `${keys.clusterMember('u7Qx', '', '').pk} / ${clusterMembersPrefix}`,
  noticesPrefix: () => `${keys.case('TS-20261122-0042').pk} / ${noticesPrefix}`,
  'keys.load': () => Object.values(keys.load('li.na@example.org')).join(' / '),
  'keys.sweepState': () => Object.values(keys.sweepState()).join(' / '),
  'keys.sweepAttempts': () => Object.values(keys.sweepAttempts('TS-20261122-0042', '2026-11-23T05:12:00.000Z')).join(' / '),
  'dueIndex.parked': () => `${dueIndex.parked} / ${dueIndex.sortKey('2026-11-23T05:12:00.000Z', 'TS-20261122-0042')}`,
  'dueIndex.sortKey': () => `${dueIndex.bucket('2026-11-23T05:00:00.000Z')} / ${dueIndex.sortKey('2026-11-23T05:00:00.000Z', 'TS-20261122-0042')}`,
  'keys.upload': () => Object.values(keys.upload('0b6f1f5e-8a52-4a8e-9a39-1c3f0c0b7a11')).join(' / '),
  'unreferencedUploadIndex.sortKey': () =>
    `${unreferencedUploadIndex.bucket('2026-11-23T06:00:00.000Z')} / ${unreferencedUploadIndex.sortKey('2026-11-23T06:00:00.000Z', '0b6f1f5e-8a52-4a8e-9a39-1c3f0c0b7a11')}`,
  'outboxIndex.sortKey': () =>
    `${outboxIndex.partition} / ${outboxIndex.sortKey('2026-11-22T06:05:00.000Z', 'TS-20261122-0042', 'review')}`,
};

describe('docs/data-model.md access patterns', () => {
  it('documents every key builder', () => {
    const documented = rows.map((row) => unquote(row[4]!));
    expect(documented.sort()).toEqual(Object.keys(built).sort());
    expect(Object.keys(keys).map((name) => `keys.${name}`).every((name) => documented.includes(name))).toBe(true);
  });

  it.each(rows.map((row) => [row[0]!, row] as const))('%s: the example is what the code builds', (_name, row) => {
    expect(unquote(row[3]!)).toBe(built[unquote(row[4]!)]!());
  });
});
