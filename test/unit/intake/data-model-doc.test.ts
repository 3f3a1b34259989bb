import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditRange, caseItemsRange, caseKeyPrefix, caseWithHistoryRange, closedIndex, clusterMembersPrefix, complainantCasesPartition, directoryPartition, dueIndex, hotOrMajorPrefix, keys, materialPrefix, noticesPrefix, outboxIndex, teamFiguresPrefix, unreferencedUploadIndex, unshardedStatistics, workListIndex } from '../../../shared/adapters/keys';

/**
 * Each access pattern row of docs/data-model.md: its example must be what the key builder
 * builds, and its key condition what the builder gives for the placeholders.
 */
const rows = readFileSync(join(__dirname, '../../../docs/data-model.md'), 'utf8')
  .split('## Access patterns')[1]!
  .split('\n## ')[0]!
  .split('\n')
  .filter((line) => line.startsWith('| ') && !line.startsWith('| Access pattern') && !line.startsWith('|---'))
  .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));

/** The doc writes `\uffff` as those six characters. */
const unquote = (cell: string) => cell.replace(/`/g, '').replace(/\\uffff/g, '\uffff');
const n = 'TS-20261122-0042';
const N = '<caseNumber>';
const pair = (key: { pk: string; sk: string }) => `${key.pk} / ${key.sk}`;
const exact = (key: { pk: string; sk: string }) => `pk = ${key.pk} AND sk = ${key.sk}`;
/** A sharded key's condition: shard 0 built, written `<shard>`. */
const sharded = (text: string) => text.replace(/#0( AND|$)/, '#<shard>$1');

/** Per builder: the doc's example values built, and the key condition with the doc's placeholders. */
const built: Record<string, { example: () => string; condition: () => string }> = {
  'keys.case': { example: () => pair(keys.case(n)), condition: () => exact(keys.case(N)) },
  'keys.submission': { example: () => pair(keys.submission(n)), condition: () => exact(keys.submission(N)) },
  caseItemsRange: {
    example: () => `${keys.case(n).pk} / ${caseItemsRange.to}`,
    condition: () => `pk = ${keys.case(N).pk} AND sk BETWEEN ${caseItemsRange.from} AND ${caseItemsRange.to}`,
  },
  caseWithHistoryRange: {
    example: () => `${keys.case(n).pk} / ${caseWithHistoryRange.to}`,
    condition: () => `pk = ${keys.case(N).pk} AND sk BETWEEN ${caseWithHistoryRange.from} AND ${caseWithHistoryRange.to}`,
  },
  'keys.history': {
    example: () => pair(keys.history(n, '2026-11-22T06:00:00.000Z', 0)),
    condition: () => exact(keys.history(N, '<at>', 0)).replace(/#0000$/, '#<seq>'),
  },
  'keys.contact': { example: () => pair(keys.contact(n)), condition: () => exact(keys.contact(N)) },
  'keys.notice': { example: () => pair(keys.notice(n, 'acknowledge')), condition: () => exact(keys.notice(N, '<noticeKey>')) },
  'keys.outbox': { example: () => pair(keys.outbox(n, 'review')), condition: () => exact(keys.outbox(N, '<queue>')) },
  'keys.sequence': { example: () => pair(keys.sequence('TS', '20261122')), condition: () => exact(keys.sequence('<prefix>', '<YYYYMMDD>')) },
  'keys.rateCounter': {
    example: () => pair(keys.rateCounter('abc', '2026-11-22T06:00')),
    condition: () => exact(keys.rateCounter('<addressHash>', '<minute>')),
  },
  'keys.outbox (with id)': {
    example: () => pair(keys.outbox(n, 'notify', `${n}#assigned#2#0#assignee`)),
    condition: () => exact(keys.outbox(N, '<queue>', '<id>')),
  },
  'keys.mailCounter': { example: () => pair(keys.mailCounter('k3Jd', '20261123')), condition: () => exact(keys.mailCounter('<addressHash>', '<YYYYMMDD>')) },
  'keys.suppressedAddress': { example: () => pair(keys.suppressedAddress('k3Jd')), condition: () => exact(keys.suppressedAddress('<addressHash>')) },
  'keys.submissionGuard': { example: () => pair(keys.submissionGuard('Qm9v')), condition: () => exact(keys.submissionGuard('<keyHash>')) },
  'keys.duplicate': { example: () => pair(keys.duplicate('9f2c')), condition: () => exact(keys.duplicate('<fingerprint>')) },
  'keys.clusterMember': {
    example: () => pair(keys.clusterMember('u7Qx', 'k3Jd', n)),
    condition: () => exact(keys.clusterMember('<subjectHash>', '<complainantKey>', N)),
  },
  'keys.clusterHot': {
    example: () => pair(keys.clusterHot('u7Qx')),
    condition: () => exact(keys.clusterHot('<subjectHash>')),
  },
  clusterMembersPrefix: {
    example: () => `${keys.clusterMember('u7Qx', '', '').pk} / ${clusterMembersPrefix}`,
    condition: () => `pk = ${keys.clusterMember('<subjectHash>', '', '').pk} AND begins_with(sk, ${clusterMembersPrefix}), filter at >= now - window`,
  },
  noticesPrefix: {
    example: () => `${keys.case(n).pk} / ${noticesPrefix}`,
    condition: () => `pk = ${keys.case(N).pk} AND begins_with(sk, ${noticesPrefix})`,
  },
  'keys.material': {
    example: () => pair(keys.material(n, '2026-11-25T02:00:00.000Z', 'supplement')),
    condition: () => exact(keys.material(N, '<at>', '<kind>')),
  },
  materialPrefix: {
    example: () => `${keys.case(n).pk} / ${materialPrefix}`,
    condition: () => `pk = ${keys.case(N).pk} AND begins_with(sk, ${materialPrefix})`,
  },
  'keys.accessGrant': { example: () => pair(keys.accessGrant(n, '5e1d')), condition: () => exact(keys.accessGrant(N, '<grantHash>')) },
  'keys.load': { example: () => pair(keys.load('li.na@example.org')), condition: () => exact(keys.load('<staffId>')) },
  'keys.sweepState': { example: () => pair(keys.sweepState()), condition: () => exact(keys.sweepState()) },
  'keys.sweepAttempts': {
    example: () => pair(keys.sweepAttempts(n, '2026-11-23T05:12:00.000Z')),
    condition: () => exact(keys.sweepAttempts(N, '<dueAt>')),
  },
  'keys.statistics': { example: () => pair(keys.statistics('2026-10', 3)), condition: () => sharded(exact(keys.statistics('<period>', 0))) },
  'keys.statisticsSubjects': { example: () => pair(keys.statisticsSubjects('2026-W44', 5)), condition: () => sharded(exact(keys.statisticsSubjects('<period>', 0))) },
  'keys.statisticsHotOrMajor': {
    example: () => pair(keys.statisticsHotOrMajor('2026-10', 3, n)),
    condition: () => sharded(exact(keys.statisticsHotOrMajor('<period>', 0, N))),
  },
  hotOrMajorPrefix: {
    example: () => `${keys.statistics('2026-10', 3).pk} / ${hotOrMajorPrefix}`,
    condition: () => `pk = ${sharded(keys.statistics('<period>', 0).pk)} AND begins_with(sk, ${hotOrMajorPrefix})`,
  },
  'unshardedStatistics.counters': { example: () => pair(unshardedStatistics.counters('2026-10')), condition: () => exact(unshardedStatistics.counters('<period>')) },
  'unshardedStatistics.subjects': { example: () => pair(unshardedStatistics.subjects('2026-10')), condition: () => exact(unshardedStatistics.subjects('<period>')) },
  'keys.statisticsTeam': {
    example: () => pair(keys.statisticsTeam('2026-10', 3, 'handler', 'li.na@example.org')),
    condition: () => sharded(exact(keys.statisticsTeam('<period>', 0, '<scope>', '<id>'))),
  },
  teamFiguresPrefix: {
    example: () => `${keys.statistics('2026-10', 3).pk} / ${teamFiguresPrefix}`,
    condition: () => `pk = ${sharded(keys.statistics('<period>', 0).pk)} AND begins_with(sk, ${teamFiguresPrefix})`,
  },
  'keys.statisticsApplied': { example: () => pair(keys.statisticsApplied(`${n}#v3@2026-11`)), condition: () => exact(keys.statisticsApplied('<updateId>')) },
  'keys.report': { example: () => pair(keys.report('2026-10')), condition: () => exact(keys.report('<period>')) },
  'keys.complainantCase': { example: () => pair(keys.complainantCase('k3JdQx', n)), condition: () => exact(keys.complainantCase('<complainantKey>', N)) },
  'keys.submitterLimit': { example: () => pair(keys.submitterLimit('k3JdQx')), condition: () => exact(keys.submitterLimit('<complainantKey>')) },
  'keys.staffIdentity': { example: () => pair(keys.staffIdentity('https://idp.example.cn', '8f14e45f')), condition: () => exact(keys.staffIdentity('<issuer>', '<sub>')) },
  'keys.staffMemberIdentity': { example: () => pair(keys.staffMemberIdentity('li.na@example.org')), condition: () => exact(keys.staffMemberIdentity('<email>')) },
  complainantCasesPartition: {
    example: () => `${complainantCasesPartition('k3JdQx')} / *`,
    condition: () => `pk = ${complainantCasesPartition('<complainantKey>')}`,
  },
  'keys.audit': {
    example: () => pair(keys.audit('2026-11-29T04:00:00.000Z', 'f3a1')),
    condition: () => exact({ pk: auditRange('<YYYY-MM>', '', '').pk, sk: keys.audit('<at>', '<id>').sk }),
  },
  auditRange: {
    example: () => `${auditRange('2026-11', '', '').pk} / ${auditRange('2026-11', '2026-11-01T00:00:00.000Z', '2026-11-30T23:59:59.999Z').to}`,
    condition: () => `pk = ${auditRange('<YYYY-MM>', '', '').pk} AND sk BETWEEN <from> AND ${auditRange('', '', '<to>').to}`,
  },
  'dueIndex.parked': {
    example: () => `${dueIndex.parked} / ${dueIndex.sortKey('2026-11-23T05:12:00.000Z', n)}`,
    condition: () => `gsi1pk = ${dueIndex.parked}`,
  },
  'keys.upload': {
    example: () => pair(keys.upload('0b6f1f5e-8a52-4a8e-9a39-1c3f0c0b7a11')),
    condition: () => exact(keys.upload('<uploadId>')),
  },
  'unreferencedUploadIndex.sortKey': {
    example: () => `${unreferencedUploadIndex.bucket('2026-11-23T06:00:00.000Z')} / ${unreferencedUploadIndex.sortKey('2026-11-23T06:00:00.000Z', '0b6f1f5e-8a52-4a8e-9a39-1c3f0c0b7a11')}`,
    condition: () => `gsi1pk = ${unreferencedUploadIndex.bucket('')}<YYYY-MM-DD> AND gsi1sk <= ${unreferencedUploadIndex.dueUntil('<now>')}`,
  },
  'dueIndex.partition': {
    example: () => `${dueIndex.partition('2026-11-23T05:00:00.000Z', n)} / ${dueIndex.sortKey('2026-11-23T05:00:00.000Z', n)}`,
    condition: () => `gsi1pk = ${dueIndex.partitions(`${dueIndex.bucket('')}<YYYY-MM-DDTHH>`)[0]!.replace(/#0$/, '#<shard>')} AND gsi1sk <= ${dueIndex.dueUntil('<now>')}`,
  },
  'dueIndex.partitions': {
    example: () => `${dueIndex.partitions(dueIndex.bucket('2026-11-23T05:00:00.000Z')).at(-1)} / ${dueIndex.sortKey('2026-11-23T05:00:00.000Z', n)}`,
    condition: () => `gsi1pk = ${dueIndex.partitions(`${dueIndex.bucket('')}<YYYY-MM-DDTHH>`).at(-1)} AND gsi1sk <= ${dueIndex.dueUntil('<now>')}`,
  },
  'workListIndex.assignee': {
    example: () => `${workListIndex.assignee.partition('li.na@example.org')} / ${workListIndex.sortKey(1, '2026-11-23T05:00:00.000Z', n)}`,
    condition: () => `gsi2pk = ${workListIndex.assignee.partition('<email>')} AND gsi2sk > <cursor>`,
  },
  'workListIndex.department': {
    example: () => `${workListIndex.department.partition('customer-service', n)} / ${workListIndex.sortKey(1, '2026-11-23T05:00:00.000Z', n)}`,
    condition: () => `gsi3pk = ${workListIndex.department.partitions('<department>')[0]!.replace(/#0$/, '#<shard>')} AND gsi3sk > <cursor>`,
  },
  'workListIndex.department.partitions (before the shards)': {
    example: () => `${workListIndex.department.partitions('customer-service').at(-1)} / ${workListIndex.sortKey(1, '2026-11-23T05:00:00.000Z', n)}`,
    condition: () => `gsi3pk = ${workListIndex.department.partitions('<department>').at(-1)} AND gsi3sk > <cursor>`,
  },
  'workListIndex.department.partitions': {
    example: () => `${workListIndex.department.partition(undefined, n)} / ${workListIndex.sortKey(3, '2026-11-23T05:00:00.000Z', n)}`,
    condition: () => `gsi3pk = ${workListIndex.department.partitions(undefined)[0]!.replace(/#0$/, '#<shard>')} AND gsi3sk > <cursor>`,
  },
  'workListIndex.open': {
    example: () => `${workListIndex.assignee.partition('li.na@example.org')} / ${workListIndex.open.to}`,
    condition: () => `gsi2pk = ${workListIndex.assignee.partition('<email>')} AND gsi2sk BETWEEN ${workListIndex.open.from} AND ${workListIndex.open.to}`,
  },
  'workListIndex.overdue': {
    example: () => `${workListIndex.department.partition('customer-service', n)} / ${workListIndex.overdue('2026-11-23T05:00:00.000Z').to}`,
    condition: () => `gsi3pk = ${workListIndex.department.partitions('<department>')[0]!.replace(/#0$/, '#<shard>')} AND gsi3sk BETWEEN ${workListIndex.overdue('<now>').from} AND ${workListIndex.overdue('<now>').to}`,
  },
  'closedIndex.partition': {
    example: () => `${closedIndex.partition('2026-11-23T02:01:00.000Z', n)} / ${closedIndex.sortKey('2026-11-23T02:01:00.000Z', n)}`,
    condition: () => `gsi1pk = ${closedIndex.partitions('<YYYY-MM>')[0]!.replace(/#0$/, '#<shard>')} AND gsi1sk <= ${closedIndex.closedUntil('<cutoff>')}`,
  },
  'closedIndex.partitions': {
    example: () => `${closedIndex.partitions('2026-11').at(-1)} / ${closedIndex.sortKey('2026-11-23T02:01:00.000Z', n)}`,
    condition: () => `gsi1pk = ${closedIndex.partitions('<YYYY-MM>').at(-1)} AND gsi1sk <= ${closedIndex.closedUntil('<cutoff>')}`,
  },
  caseKeyPrefix: {
    example: () => `${keys.case(n).pk} / *`,
    condition: () => `pk = ${caseKeyPrefix}<caseNumber>`,
  },
  directoryPartition: { example: () => `${directoryPartition} / *`, condition: () => `pk = ${directoryPartition}` },
  'keys.directoryStaff': { example: () => pair(keys.directoryStaff('li.na@example.org')), condition: () => exact(keys.directoryStaff('<email>')) },
  'keys.directoryDepartment': { example: () => pair(keys.directoryDepartment('customer-service')), condition: () => exact(keys.directoryDepartment('<id>')) },
  'keys.directoryCategory': { example: () => pair(keys.directoryCategory('fraud')), condition: () => exact(keys.directoryCategory('<id>')) },
  'keys.directoryAbsence': { example: () => pair(keys.directoryAbsence('li.na@example.org', '0b6f1f5e')), condition: () => exact(keys.directoryAbsence('<email>', '<id>')) },
  'keys.directoryCalendarDay': { example: () => pair(keys.directoryCalendarDay('2027-10-08')), condition: () => exact(keys.directoryCalendarDay('<date>')) },
  'keys.directoryLimits': { example: () => pair(keys.directoryLimits()), condition: () => exact(keys.directoryLimits()) },
  'keys.directoryMeta': { example: () => pair(keys.directoryMeta()), condition: () => exact(keys.directoryMeta()) },
  'keys.directoryChange': { example: () => pair(keys.directoryChange('0b6f1f5e')), condition: () => exact(keys.directoryChange('<changeId>')) },
  'outboxIndex.sortKey': {
    example: () => `${outboxIndex.partition(n)} / ${outboxIndex.sortKey('2026-11-22T06:05:00.000Z', n, 'review')}`,
    condition: () => `gsi1pk = ${outboxIndex.partitions()[0]!.replace(/#0$/, '#<shard>')} AND gsi1sk <= ${outboxIndex.dueUntil('<now>')}`,
  },
  'outboxIndex.partitions': {
    example: () => `${outboxIndex.partitions().at(-1)} / ${outboxIndex.sortKey('2026-11-22T06:05:00.000Z', n, 'review')}`,
    condition: () => `gsi1pk = ${outboxIndex.partitions().at(-1)} AND gsi1sk <= ${outboxIndex.dueUntil('<now>')}`,
  },
};

describe('docs/data-model.md access patterns', () => {
  it('documents every key builder', () => {
    const documented = rows.map((row) => unquote(row[4]!));
    expect(documented.sort()).toEqual(Object.keys(built).sort());
    expect(Object.keys(keys).map((name) => `keys.${name}`).every((name) => documented.includes(name))).toBe(true);
  });

  it.each(rows.map((row) => [row[0]!, row] as const))('%s: the example is what the code builds', (_name, row) => {
    expect(unquote(row[3]!)).toBe(built[unquote(row[4]!)]!.example());
  });

  it.each(rows.map((row) => [row[0]!, row] as const))('%s: the key condition is what the code builds', (_name, row) => {
    expect(unquote(row[2]!)).toBe(built[unquote(row[4]!)]!.condition());
  });
});
