/**
 * `npm run soak`: the fault-injected 1,000-case run of issue 5 (item 6).
 *
 * Starts the whole local system in this process (free ports, DynamoDB in memory, no
 * schedule timers) with 10 % of the queue consumers' and scheduled functions'
 * invocations failing on purpose (local/fault-injection.ts: half before the handler
 * runs, half after it finished but before its result is returned). Submits 1,000 cases
 * over HTTP, fires the outbox relay (event time past the hand-off grace period) and the
 * SLA sweep until everything has settled, then checks, per case by GetItem/Query (never
 * a Scan), that the workflow did everything exactly once:
 *
 *   - every case meant to be assigned is `assigned` to a handler of its department, with
 *     exactly one assignment mail to that handler (and no complainant data in it);
 *   - the others ended as planned: rejected (out of scope), needs-supplement (report
 *     without the evidence its category needs), closed (a simple inquiry answered);
 *   - every complainant with an email got exactly one receipt (a `receipt` notice sent
 *     through `notify` like every other) and exactly one mail per complainant notice; no
 *     receipt notice exists without an email; every decided notice is `sent` (none left pending/sending), and
 *     the mails of each case are exactly its sent notices (nothing mailed twice);
 *   - level 3 and security cases alerted on-call (and level 3 the supervisor) once; every
 *     member of a hot cluster was raised, and leadership told once per cluster (not per member);
 *   - handler load counters add up to the assigned cases (incremented exactly once);
 *   - no outbox entry is left, and every DLQ is empty, except for a message whose every
 *     receive was failed by an injected fault (that one is meant to be there).
 *
 * Exit code 0 only when every check passes. Knobs (environment): SOAK_CASES (1000),
 * SOAK_FAULT_RATE (0.1), SOAK_SEED (random, printed), SOAK_CONCURRENCY (16),
 * SOAK_TIMEOUT_SECONDS (300), SOAK_VISIBILITY_SECONDS (10: the queues' visibility timeout,
 * shortened from the topology's 60 s so a failed batch comes back in seconds; SQS
 * semantics are otherwise unchanged), SOAK_HANDLER_LOG_LEVEL (ERROR).
 */
import { execSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { countDeadLetters, peekDeadLetters } from '../../local/dead-letter';
import { MailOutage, mulberry32 } from '../../local/fault-injection';
import { addClientMiddleware } from '../../shared/adapters/aws-clients';
import type { LocalTopology } from '../../local/local-topology';
import type { RuntimeLog } from '../../local/runtime-log';
import { startLocalSystem, type LocalSystem } from '../../local/system';
import { handoffGraceSeconds } from '../../shared/adapters/handoff';
import { keys, outboxIndex } from '../../shared/adapters/keys';
import { loadStageConfig } from '../../shared/config/load-stage-config';
import type { StageConfig } from '../../shared/config/stage-config';
import { readAggregates, readHotAndMajor } from '../../shared/adapters/statistics-store';
import { periodsOf } from '../../shared/domain/report-period';
import { counter } from '../../shared/domain/statistics-counters';
import { topology } from '../../shared/topology';
import { relayBatchLimit } from '../../shared/workflow/relay-outbox';
import { ClassifyMeter, type ClassifyWrites } from './cluster-meter';

const env = process.env;
const args = process.argv.slice(2);
/**
 * `npm run soak -- --incident`: a mass incident (issue 20). Half the cases (5,000 of the
 * default 10,000; SOAK_CLUSTER sets it) are about one subject from distinct complainants,
 * one cluster; DynamoDB conflicts and throttles are injected on purpose besides the step
 * crashes (local/fault-injection.ts `DynamoFaultInjector`), and a mail outage of
 * SOAK_MAIL_OUTAGE_MINUTES (60) of the local clock from the first submission
 * (`MailOutage`: every SES send refused; the clock is moved past its end once the system is
 * idle, then the outbox relay's backoff heals it). Every member must end hot, every
 * handler's load counter equal their open cases, the month's counters count each case once.
 */
const incident = args.includes('--incident');
/**
 * `npm run soak -- --cluster 1000`: one cluster of that many members (CI's, issue 20): every
 * case on one subject from distinct complainants, submitted at a fixed rate (SOAK_RATE, 10 a
 * second), no faults unless SOAK_FAULT_RATE says so. Each member classified once and marked
 * hot once, nothing in a DLQ, and classify's write units per member flat: the last tenth of
 * the members within 10 % of the first tenth.
 */
const clusterArg = args.indexOf('--cluster');
const clusterRun = clusterArg >= 0 ? Number(args[clusterArg + 1]) : undefined;
if (clusterRun !== undefined && !(Number.isInteger(clusterRun) && clusterRun >= 3)) throw new Error('Usage: npm run soak -- --cluster <members, at least 3>');
const totalCases = Number(env.SOAK_CASES ?? clusterRun ?? (incident ? 10_000 : 1000));
const faultRate = Number(env.SOAK_FAULT_RATE ?? (clusterRun ? 0 : 0.1));
const seed = env.SOAK_SEED ? Number(env.SOAK_SEED) : Math.floor(Math.random() * 2 ** 31);
const concurrency = Number(env.SOAK_CONCURRENCY ?? 16);
/** Submissions a second, evenly spaced (a cluster run's arrivals); none: as fast as `concurrency` allows. */
const submitRate = env.SOAK_RATE ? Number(env.SOAK_RATE) : clusterRun ? 10 : undefined;
const timeoutMs = Number(env.SOAK_TIMEOUT_SECONDS ?? (incident ? 3600 : clusterRun ? 900 : 300)) * 1000;
const visibilitySeconds = Number(env.SOAK_VISIBILITY_SECONDS ?? 10);
const handlerLogLevel = env.SOAK_HANDLER_LOG_LEVEL ?? 'ERROR';

/** The only host the soak's stage answers for; any other URL subject is out of scope. */
const scopeHost = 'example.cn';
const clusterSize = clusterRun ? totalCases : incident ? Number(env.SOAK_CLUSTER ?? Math.floor(totalCases / 2)) : 3;
/** Shares of DynamoDB calls refused on purpose in an incident run. */
const dynamoFaults = incident ? { conflictRate: Number(env.SOAK_CONFLICT_RATE ?? 0.05), throttleRate: Number(env.SOAK_THROTTLE_RATE ?? 0.05) } : undefined;
/** The mail outage of an incident run, in minutes of the local clock. */
const mailOutageMinutes = Number(env.SOAK_MAIL_OUTAGE_MINUTES ?? (incident ? 60 : 0));
/** Where the write units of the cluster's classifications are measured (a cluster or an incident run). */
const metered = incident || clusterRun !== undefined;

// ─── the cases ────────────────────────────────────────────────────────────────────────

type Outcome = 'assigned' | 'rejected' | 'needs-supplement' | 'inquiry-closed';
type Plan = 'assign' | 'hot' | 'reject' | 'supplement' | 'inquiry';
type Category = StageConfig['categories'][number];

interface PlannedCase {
  readonly index: number;
  readonly plan: Plan;
  readonly expected: Outcome;
  readonly body: Record<string, unknown>;
  readonly email?: string;
  readonly name?: string;
  readonly phone?: string;
  readonly kind: 'complaint' | 'report';
  readonly category: string;
  readonly level: number;
  readonly security: boolean;
  readonly department: string;
  readonly cluster?: number;
  caseNumber?: string;
  submitError?: string;
}

/**
 * What each case is meant to become is chosen first; its submission is then built to
 * match the review rules of config/stages/local.ts (plus scopeHosts, set below):
 * a URL subject on another host → rejected; a fraud or illegal-content report without
 * evidence → assigned at once with everything missing asked for in parallel (level 3
 * never waits, seed 003); a complaint of the
 * `other` (inquiry) category that mentions service hours → answered from the FAQ and
 * closed; everything else in scope and complete → classified and assigned.
 */
function planCases(config: StageConfig, runId: string): PlannedCase[] {
  const random = mulberry32(seed ^ 0x5eed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const forKind = (kind: 'complaint' | 'report') => config.categories.filter((c) => c.kinds.includes(kind));
  const needsEvidence = (c: Category, kind: string) =>
    config.review.requirements.some((r) => r.category === c.id && r.kinds.includes(kind as 'complaint' | 'report') && r.needs.includes('evidence'));
  const cases: PlannedCase[] = [];
  const hotClusters = incident || clusterRun ? 1 : Math.max(1, Math.round(totalCases * 0.01));
  const hotCases = Math.min(hotClusters * clusterSize, totalCases);

  for (let i = 0; i < totalCases; i++) {
    const language = i % 2 === 0 ? 'zh-CN' : 'en';
    const marker = `${runId}-${String(i).padStart(4, '0')}`;
    const email = `soak-${marker}@example.com`;
    const name = `测试${marker}`;
    const draw = random();
    let plan: Plan;
    if (i < hotCases) plan = 'hot';
    else if (draw < 0.03) plan = 'reject';
    else if (draw < 0.08) plan = 'supplement';
    else if (draw < 0.11) plan = 'inquiry';
    else plan = 'assign';

    let kind: 'complaint' | 'report';
    let category: Category;
    let subject: { type: string; value: string } = { type: 'url', value: `https://shop${i % 7}.${scopeHost}/items/${marker}` };
    let description = language === 'zh-CN' ? `页面显示的信息有误，请核实处理。编号 ${marker}` : `The page shows wrong information, please check it. Ref ${marker}`;
    let evidence: { url: string }[] | undefined;
    let anonymous = false;
    let phoneOnly = false;
    switch (plan) {
      case 'hot': {
        const cluster = Math.floor(i / clusterSize);
        kind = 'complaint';
        category = config.categories.find((c) => c.id === 'service-quality')!;
        subject = { type: 'url', value: `https://forum.${scopeHost}/threads/hot-${runId}-${cluster}` };
        break;
      }
      case 'reject':
        kind = random() < 0.5 ? 'complaint' : 'report';
        category = pick(forKind(kind).filter((c) => c.defaultType !== 'inquiry'));
        subject = { type: 'url', value: `https://www.elsewhere-${i}.example.net/${marker}` };
        evidence = [{ url: `https://evidence.${scopeHost}/${marker}.png` }];
        break;
      case 'supplement':
        kind = 'report';
        category = pick(forKind('report').filter((c) => needsEvidence(c, 'report')));
        anonymous = random() < 0.3;
        break;
      case 'inquiry':
        kind = 'complaint';
        category = config.categories.find((c) => c.defaultType === 'inquiry' && c.kinds.includes('complaint'))!;
        subject = { type: 'other', value: `服务咨询 ${marker}` };
        description = language === 'zh-CN' ? `请问你们的服务时间是什么时候？编号 ${marker}` : `What are your service hours, please? Ref ${marker}`;
        break;
      default: {
        kind = random() < 0.6 ? 'complaint' : 'report';
        category = pick(forKind(kind));
        if (needsEvidence(category, kind) || random() < 0.3) evidence = [{ url: `https://evidence.${scopeHost}/${marker}.png` }];
        if (kind === 'report') anonymous = random() < 0.25;
        else phoneOnly = random() < 0.04;
        const shape = random();
        if (shape < 0.1) subject = { type: 'account', value: `user-${marker}` };
        else if (shape < 0.15) subject = { type: 'icp-filing', value: `京ICP备${String(10_000_000 + i)}号` };
      }
    }
    const phone = `+86 138 ${String(i).padStart(4, '0')} ${String(1000 + (i % 9000))}`;
    const contact: { name: string; email?: string; phone?: string } | undefined = anonymous ? undefined : phoneOnly ? { name, phone } : { name, email, ...(random() < 0.5 ? { phone } : {}) };
    const body: Record<string, unknown> = {
      kind,
      category: category.id,
      subject,
      description,
      language,
      ...(plan === 'inquiry' ? {} : { request: language === 'zh-CN' ? '请尽快处理并答复' : 'Please handle it and reply' }),
      ...(contact ? { contact } : {}),
      ...(evidence ? { evidence } : {}),
    };
    const expected: Outcome = plan === 'reject' ? 'rejected' : plan === 'supplement' ? 'needs-supplement' : plan === 'inquiry' ? 'inquiry-closed' : 'assigned';
    cases.push({
      index: i,
      plan,
      expected,
      body,
      kind,
      category: category.id,
      level: category.level[kind] ?? 1,
      security: category.security === true,
      department: category.department,
      ...(contact?.email ? { email: contact.email } : {}),
      ...(contact ? { name } : {}),
      ...(contact?.phone ? { phone: contact.phone } : {}),
      ...(plan === 'hot' ? { cluster: Math.floor(i / clusterSize) } : {}),
    });
  }
  return cases;
}

// ─── running ──────────────────────────────────────────────────────────────────────────

interface RuntimeLines {
  injectedLines: number;
  other: string[];
}

/** The runtime's own lines: injected-fault lines are counted, anything else is kept and shown. */
function soakLog(lines: RuntimeLines): RuntimeLog {
  const keep = (line: string, error?: unknown) => {
    const text = `${line}${error === undefined ? '' : ` ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`}`;
    if (text.includes('InjectedFault') || text.includes('fault injection')) lines.injectedLines += 1;
    else lines.other.push(text);
  };
  return { info: () => undefined, warn: (line) => keep(line), error: (line, error) => keep(line, error) };
}

async function submitAll(gateway: string, cases: PlannedCase[]): Promise<void> {
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < cases.length) {
      const index = next++;
      const planned = cases[index]!;
      // At a fixed rate: the i-th submission leaves i / rate seconds after the first (or as soon as a worker is free).
      if (submitRate) await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + (index * 1000) / submitRate - Date.now())));
      // One key per case: a post tried again after a timeout (the function may have stored the
      // case before the gateway gave up on it) gets the same case back, as a client's retry would.
      const headers = { 'content-type': 'application/json', 'idempotency-key': `soak-${planned.index}-${seed}` };
      for (let attempt = 1; ; attempt++) {
        try {
          const response = await fetch(`${gateway}/complaints`, { method: 'POST', headers, body: JSON.stringify(planned.body) });
          const text = await response.text();
          if (response.ok) planned.caseNumber = (JSON.parse(text) as { caseNumber: string }).caseNumber;
          else if (response.status >= 500 && attempt < 5) await new Promise((resolve) => setTimeout(resolve, 2000 * attempt));
          else planned.submitError = `${response.status} ${text.slice(0, 200)}`;
          if (planned.caseNumber || planned.submitError) break;
        } catch (error) {
          // A connection reset is the client's problem, not the system's: try again, a little.
          if (attempt >= 3) {
            planned.submitError = String(error);
            break;
          }
        }
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

interface SettleStats {
  /** Minutes of relay time after the mail outage's end until no outbox entry was left (an incident run). */
  healedAfterMinutes?: number;
  rounds: number;
  relayRuns: number;
  relayRunsFaulted: number;
  relayed: number;
  givenUp: number;
  sweepRuns: number;
  sweepRunsFaulted: number;
  settled: boolean;
  lastBusy: string;
}

const expectedStatus: Record<Outcome, string> = { assigned: 'assigned', rejected: 'rejected', 'needs-supplement': 'assigned', 'inquiry-closed': 'closed' };

async function settle(system: LocalSystem, doc: DynamoDBDocumentClient, cases: PlannedCase[], outage: MailOutage | undefined): Promise<SettleStats> {
  const stats: SettleStats = { rounds: 0, relayRuns: 0, relayRunsFaulted: 0, relayed: 0, givenUp: 0, sweepRuns: 0, sweepRunsFaulted: 0, settled: false, lastBusy: '' };
  const deadline = Date.now() + timeoutMs;
  const submitted = cases.filter((c) => c.caseNumber);
  /**
   * The outbox relay's event time. While the system is busy, the clock's (a hand-off is
   * relayed after its grace period, as in AWS: relaying every pending entry at once would
   * send a copy of each message still queued, thousands in a large run). Once it is idle,
   * past the grace period: whatever is still pending then was lost. After a mail outage it moves on as the schedule would fire over the
   * next hours, so the relay's backoff (up to two hours between sends) runs its course
   * without the rest of the system's clock moving: a minute after a full run (the schedule's
   * next firing drains the backlog), ten minutes after one that found less.
   */
  let relayAt = 0;
  let relayFull = false;
  let healingFrom: number | undefined;
  let lastProgress = Date.now();
  while (Date.now() < deadline) {
    stats.rounds += 1;
    let idle = true;
    try {
      await system.waitForIdle({ timeoutMs: Math.min(20_000, Math.max(1_000, deadline - Date.now())) });
    } catch (error) {
      idle = false;
      stats.lastBusy = (error as Error).message;
    }
    const pastGrace = system.clock.nowMs() + (handoffGraceSeconds + 60) * 1000;
    relayAt = healingFrom === undefined ? (idle ? pastGrace : system.clock.nowMs()) : Math.max(relayAt + (relayFull ? 1 : 10) * 60_000, pastGrace);
    const relay = await system.runSchedule('outbox-relay', new Date(relayAt));
    stats.relayRuns += 1;
    if (relay.ok) {
      const result = relay.result as { relayed?: number; givenUp?: number } | undefined;
      stats.relayed += result?.relayed ?? 0;
      stats.givenUp += result?.givenUp ?? 0;
      relayFull = (result?.relayed ?? 0) >= relayBatchLimit;
    } else stats.relayRunsFaulted += 1;
    const sweep = await system.runSchedule('sla-sweep');
    stats.sweepRuns += 1;
    if (!sweep.ok) stats.sweepRunsFaulted += 1;
    // A line a minute: a long run (an incident at full size) shows where it stands.
    if (Date.now() - lastProgress >= 60_000) {
      lastProgress = Date.now();
      console.log(`settling, round ${stats.rounds}: ${idle ? 'idle' : 'busy'}; ${stats.lastBusy}${outage ? `; mail outage ${outage.down() ? 'on' : 'over'}, ${outage.refused} send(s) refused` : ''}`);
    }
    if (!idle) continue;

    const statuses = await caseStatuses(doc, system.tableName, submitted.map((c) => c.caseNumber!));
    const pending = submitted.filter((c) => statuses.get(c.caseNumber!) !== expectedStatus[c.expected]);
    // Every shard of the outbox index (keys.ts `outboxIndex.partitions`).
    const counts = await Promise.all(
      outboxIndex.partitions().map((p) =>
        doc.send(new QueryCommand({ TableName: system.tableName, IndexName: outboxIndex.name, KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': p }, Select: 'COUNT' })),
      ),
    );
    const outbox = { Count: counts.reduce((sum, c) => sum + (c.Count ?? 0), 0) };
    stats.lastBusy = `${pending.length} case(s) not yet in their expected state, ${outbox.Count} outbox entr(ies)`;
    if (outage?.down()) {
      // Everything the outage allows is done: an hour of it passes on the clock, then the relay heals what it held up.
      system.clock.set(outage.untilMs + 1000);
      healingFrom = system.clock.nowMs();
      console.log(`mail outage over at ${system.clock.now().toISOString()} (local clock), ${outage.refused} send(s) refused; ${outbox.Count} outbox entr(ies) left for the relay`);
      continue;
    }
    if (pending.length === 0 && outbox.Count === 0) {
      if (healingFrom !== undefined) stats.healedAfterMinutes = Math.round((relayAt - healingFrom) / 60_000);
      // Idle twice in a row with nothing left: what a relay or sweep just sent has been handled too.
      await system.waitForIdle({ timeoutMs: 30_000 });
      stats.settled = true;
      return stats;
    }
    // Cases still on their way (a batch waits out its visibility timeout): give them a moment.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return stats;
}

async function caseStatuses(doc: DynamoDBDocumentClient, tableName: string, caseNumbers: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < caseNumbers.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> }> | undefined = {
      [tableName]: { Keys: caseNumbers.slice(i, i + 100).map((n) => keys.case(n)), ProjectionExpression: 'caseNumber, #s', ExpressionAttributeNames: { '#s': 'status' } },
    };
    while (request && Object.keys(request).length > 0) {
      const answer = await doc.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of answer.Responses?.[tableName] ?? []) found.set(String(item.caseNumber), String(item.status));
      request = answer.UnprocessedKeys as typeof request;
    }
  }
  return found;
}

// ─── checking ─────────────────────────────────────────────────────────────────────────

interface StoredMail {
  readonly destination: { readonly to: string[]; readonly cc: string[]; readonly bcc: string[] };
  readonly subject: string;
  readonly body: { readonly html?: string; readonly text?: string };
}

interface Check {
  readonly name: string;
  failures: string[];
  count: number;
}

class Checks {
  readonly list: Check[] = [];
  check(name: string): Check {
    let found = this.list.find((c) => c.name === name);
    if (!found) this.list.push((found = { name, failures: [], count: 0 }));
    return found;
  }
  /** Records one checked thing; `failure` (if any) says what was wrong. */
  expect(name: string, ok: boolean, failure: () => string): void {
    const c = this.check(name);
    c.count += 1;
    if (!ok) c.failures.push(failure());
  }
  get passed(): boolean {
    return this.list.every((c) => c.failures.length === 0);
  }
}

const caseNumberPattern = /\b(?:TS|JB)-\d{8}-\d{4,}\b/g;
const recipientsOf = (mail: StoredMail) => [...mail.destination.to, ...mail.destination.cc, ...mail.destination.bcc];

async function queryCase(doc: DynamoDBDocumentClient, tableName: string, caseNumber: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.case(caseNumber).pk }, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

async function checkEverything(system: LocalSystem, doc: DynamoDBDocumentClient, sqs: SQSClient, config: StageConfig, cases: PlannedCase[], outage: MailOutage | undefined, receivedAt: Date) {
  const checks = new Checks();
  const mails = ((await (await fetch(`${system.urls.ses}/store`)).json()) as { emails: StoredMail[] }).emails;
  const mailsByCase = new Map<string, StoredMail[]>();
  const mailsByAddress = new Map<string, StoredMail[]>();
  for (const mail of mails) {
    for (const n of new Set(mail.subject.match(caseNumberPattern) ?? [])) (mailsByCase.get(n) ?? mailsByCase.set(n, []).get(n)!).push(mail);
    for (const to of recipientsOf(mail)) (mailsByAddress.get(to) ?? mailsByAddress.set(to, []).get(to)!).push(mail);
  }
  const handlersOf = (department: string) => config.staff.filter((s) => s.roles.includes('handler') && s.departments.includes(department)).map((s) => s.email.toLowerCase());
  const outcomes: Record<string, { planned: number; reached: number }> = {};
  let assignedCount = 0;
  const noticeStates: Record<string, number> = {};
  const clusterRaised = new Map<number, number>();
  /** Sent `cluster-hot` leadership notices per cluster: one each (docs/domain.md "One leadership mail per incident"). */
  const clusterTold = new Map<number, number>();
  /** Open cases per holder (assignee of a case not closed or rejected), from the state items. */
  const openCasesOf = new Map<string, number>();
  /** What the month's counters must hold, from the cases' final states. */
  const expectedCounts = { received: 0, rejected: 0, hot: 0, hotOrMajor: 0 };
  /** Notices whose every send the mail outage refused, by `<case>|<notice key>`: sent since, or not. */
  const noticeSent = new Map<string, boolean>();
  /** The headline figures: each must be 0 (lost, duplicates, double counts, counters off) or all (hot members). */
  const figures = { lostNotices: 0, casesOff: 0, duplicateMails: 0, hotMembers: 0, clusterMembers: 0, doubleCounts: 0, countersOff: 0, handlers: config.staff.length };

  // Every case's partition first, sixteen Queries at a time (one after another, 10,000 cases took minutes).
  const partitions = new Map<string, Record<string, unknown>[]>();
  const submitted = cases.filter((c) => c.caseNumber).map((c) => c.caseNumber!);
  let nextCase = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (nextCase < submitted.length) {
        const n = submitted[nextCase++]!;
        partitions.set(n, await queryCase(doc, system.tableName, n));
      }
    }),
  );
  for (const c of cases) {
    checks.expect('every case submitted (201)', Boolean(c.caseNumber), () => `case #${c.index} (${c.plan}): ${c.submitError}`);
    if (!c.caseNumber) continue;
    const n = c.caseNumber;
    const items = partitions.get(n)!;
    const item = items.find((i) => i.sk === 'CASE') ?? {};
    const notices = items.filter((i) => String(i.sk).startsWith('NOTICE#'));
    // Hand-offs not yet confirmed, on whichever item carries them (state, notice or outbox item).
    const outbox = items.filter((i) => i.handoffQueue !== undefined);
    const status = String(item.status);
    if (typeof item.assignee === 'string' && status !== 'closed' && status !== 'rejected') openCasesOf.set(item.assignee.toLowerCase(), (openCasesOf.get(item.assignee.toLowerCase()) ?? 0) + 1);
    expectedCounts.received += 1;
    if (status === 'rejected') expectedCounts.rejected += 1;
    if (item.priority === 'hot') expectedCounts.hot += 1;
    if (item.priority === 'hot' || item.priority === 'major') expectedCounts.hotOrMajor += 1;
    for (const notice of notices) noticeSent.set(`${n}|${String(notice.noticeKey)}`, notice.state === 'sent');
    const history = items.filter((i) => String(i.sk).startsWith('HISTORY#'));
    const entries = (action: string) => history.filter((h) => h.action === action).length;
    checks.expect('no case classified twice', entries('classify') <= 1, () => `${n}: ${entries('classify')} classifications`);
    const tally = (outcomes[c.expected] ??= { planned: 0, reached: 0 });
    tally.planned += 1;
    if (status === expectedStatus[c.expected]) tally.reached += 1;
    else figures.casesOff += 1;
    checks.expect(`case ends in its expected state`, status === expectedStatus[c.expected], () => `${n} (${c.plan}, ${c.kind}/${c.category}): expected ${expectedStatus[c.expected]}, is ${status}`);

    const byTopic = (topic: string) => notices.filter((x) => x.topic === topic);
    const sentOnce = (topic: string, label: string) =>
      checks.expect(label, byTopic(topic).length === 1 && byTopic(topic)[0]!.state === 'sent', () => `${n}: ${topic} notices ${JSON.stringify(byTopic(topic).map((x) => x.state))}`);

    switch (c.expected) {
      case 'assigned': {
        assignedCount += status === 'assigned' ? 1 : 0;
        const assignee = typeof item.assignee === 'string' ? item.assignee.toLowerCase() : undefined;
        checks.expect('assigned to a handler of the category\'s department', assignee !== undefined && item.department === c.department && handlersOf(c.department).includes(assignee), () => `${n}: assignee ${assignee}, department ${String(item.department)} (expected one of ${handlersOf(c.department).join(', ')} in ${c.department})`);
        checks.expect('level and security as the category says', item.level === c.level && Boolean(item.security) === c.security, () => `${n}: level ${String(item.level)} security ${String(item.security)}, expected ${c.level} ${c.security}`);
        sentOnce('assigned', 'assignment notice decided once and sent');
        const assignmentMails = (mailsByCase.get(n) ?? []).filter((m) => m.subject.startsWith('【新分派】'));
        checks.expect('exactly one assignment mail, to the assignee', assignmentMails.length === 1 && assignee !== undefined && recipientsOf(assignmentMails[0]!).map((a) => a.toLowerCase()).includes(assignee), () => `${n}: ${assignmentMails.length} assignment mail(s) to ${assignmentMails.map((m) => recipientsOf(m).join('+')).join(', ')}; assignee ${assignee}`);
        if (c.level === 3) sentOnce('level-3-alert', 'level 3: supervisor alerted once');
        if (c.level === 3 || c.security) sentOnce('on-call-alert', 'level 3 / security: on-call alerted once');
        else checks.expect('no on-call alert for an ordinary case', byTopic('on-call-alert').length === 0, () => `${n}: ${byTopic('on-call-alert').length} on-call alert(s)`);
        if (c.cluster !== undefined) {
          const raised = item.priority === 'hot';
          if (raised) clusterRaised.set(c.cluster, (clusterRaised.get(c.cluster) ?? 0) + 1);
          figures.clusterMembers += 1;
          if (raised) figures.hotMembers += 1;
          const told = byTopic('cluster-hot').filter((x) => x.state === 'sent').length;
          clusterTold.set(c.cluster, (clusterTold.get(c.cluster) ?? 0) + told);
          checks.expect('every member of the cluster classified once and raised at most once', entries('classify') === 1 && entries('reprioritise') <= 1, () => `${n}: ${entries('classify')} classification(s), ${entries('reprioritise')} raise(s)`);
          checks.expect('every member of a hot cluster raised, with no leadership notice of its own', raised && byTopic('hot').length === 0 && byTopic('cluster-hot').length === told, () => `${n} (cluster ${c.cluster}): priority ${String(item.priority)}, hot notices ${JSON.stringify(byTopic('hot').map((x) => x.state))}, cluster-hot ${JSON.stringify(byTopic('cluster-hot').map((x) => x.state))}`);
        }
        break;
      }
      case 'rejected':
        checks.expect('rejected: no assignee', item.assignee === undefined, () => `${n}: assignee ${String(item.assignee)}`);
        if (c.email) sentOnce('rejected', 'outcome notice to the complainant sent once');
        break;
      case 'needs-supplement':
        // Worked at once (level 3 never waits, seed 003): assigned like the others, so counted in the loads.
        assignedCount += status === 'assigned' ? 1 : 0;
        checks.expect('material asked for in parallel: assigned, evidence asked for', item.assignee !== undefined && JSON.stringify(item.missing ?? []).includes('evidence'), () => `${n}: assignee ${String(item.assignee)}, missing ${JSON.stringify(item.missing)}`);
        if (c.email) sentOnce('supplement-requested', 'outcome notice to the complainant sent once');
        break;
      case 'inquiry-closed':
        checks.expect('inquiry: closed as answered, no assignee', item.assignee === undefined && item.type === 'inquiry', () => `${n}: type ${String(item.type)}, assignee ${String(item.assignee)}, closeReason ${String(item.closeReason)}`);
        if (c.email) sentOnce('inquiry-answered', 'outcome notice to the complainant sent once');
        break;
    }

    // The notice ledger: every decided notice went out (or, for a complainant without an address, was closed as such).
    for (const notice of notices) {
      const state = String(notice.state);
      noticeStates[state] = (noticeStates[state] ?? 0) + 1;
      const fine = state === 'sent' || (state === 'skipped' && notice.audience === 'complainant' && !c.email);
      if (!fine) figures.lostNotices += 1;
      checks.expect('no notice left pending, sending, failed or skipped without reason', fine, () => `${n}: notice ${String(notice.noticeKey)} is ${state}${notice.reason ? ` (${String(notice.reason)})` : ''}`);
    }
    // Exactly once: the case's mails are exactly its sent notices, no more, no fewer.
    const sent = notices.filter((x) => x.state === 'sent').length;
    const caseMails = mailsByCase.get(n) ?? [];
    figures.duplicateMails += Math.max(0, caseMails.length - sent);
    checks.expect('mails of a case = its sent notices (nothing mailed twice or lost)', caseMails.length === sent, () => `${n}: ${caseMails.length} mail(s) for ${sent} sent notice(s): ${caseMails.map((m) => m.subject).join(' | ')}`);
    checks.expect('no outbox entry left', outbox.length === 0, () => `${n}: ${outbox.map((o) => `${String(o.sk)} ${String(o.handoffQueue)} (attempts ${String(o.handoffAttempts)})`).join(', ')}`);

    if (c.email) {
      const own = mailsByAddress.get(c.email) ?? [];
      const receipts = own.filter((m) => m.subject.startsWith('【受理回执】') || m.subject.startsWith('Receipt:'));
      checks.expect('every complainant with an email: exactly one receipt', receipts.length === 1, () => `${n} → ${c.email}: ${receipts.length} receipt(s)`);
      checks.expect('the receipt is a notice of the ledger, sent once through notify', notices.filter((x) => x.topic === 'receipt' && x.state === 'sent').length === 1, () => `${n}: receipt notices ${JSON.stringify(notices.filter((x) => x.topic === 'receipt').map((x) => x.state))}`);
      const complainantNotices = notices.filter((x) => x.audience === 'complainant' && x.state === 'sent').length;
      checks.expect('complainant mails = complainant notices sent (the receipt among them)', own.length === complainantNotices, () => `${n} → ${c.email}: ${own.length} mail(s): ${own.map((m) => m.subject).join(' | ')}`);
      checks.expect('complainant mail in the chosen language', own.every((m) => (c.body.language === 'en') === !/[\u4e00-\u9fff]/.test(m.subject)), () => `${n}: ${own.map((m) => m.subject).join(' | ')} (language ${String(c.body.language)})`);
    } else {
      checks.expect('no email, no complainant mail', notices.every((x) => x.audience !== 'complainant' || x.state !== 'sent'), () => `${n}: a complainant notice was sent without an address`);
      checks.expect('no email (anonymous or phone only), no receipt notice at all', notices.every((x) => x.topic !== 'receipt'), () => `${n}: a receipt notice without an address`);
    }
    // Staff mails carry no complainant name, email or phone.
    for (const mail of caseMails.filter((m) => !c.email || !recipientsOf(m).includes(c.email))) {
      const text = `${mail.subject}\n${mail.body.text ?? ''}\n${mail.body.html ?? ''}`;
      const leaked = [c.email, c.name, c.phone].filter((v): v is string => Boolean(v) && text.includes(v!));
      checks.expect('staff mails carry no complainant personal data', leaked.length === 0, () => `${n}: "${mail.subject}" contains ${leaked.join(', ')}`);
    }
  }

  // Load counters: incremented once per assignment, whatever the redeliveries.
  const staffLoads = await Promise.all(
    config.staff.map(async (s) => Number((await doc.send(new GetCommand({ TableName: system.tableName, Key: keys.load(s.email.toLowerCase()) }))).Item?.assigned ?? 0)),
  );
  const loadTotal = staffLoads.reduce((a, b) => a + b, 0);
  checks.expect('handler load counters add up to the assigned cases', loadTotal === assignedCount, () => `loads sum to ${loadTotal}, ${assignedCount} cases assigned`);
  // And each handler's open-case counter equals the cases they hold (derived by saveChange).
  for (const s of config.staff) {
    const id = s.email.toLowerCase();
    const counter = Number((await doc.send(new GetCommand({ TableName: system.tableName, Key: keys.load(id) }))).Item?.openCases ?? 0);
    const holding = openCasesOf.get(id) ?? 0;
    if (counter !== holding) figures.countersOff += 1;
    checks.expect('each handler\'s load counter equals their open cases', counter === holding, () => `${id}: counter ${counter}, ${holding} open case(s)`);
  }

  // Every mail belongs to a case of this run.
  const known = new Set(cases.map((c) => c.caseNumber).filter(Boolean));
  const stray = mails.filter((m) => !(m.subject.match(caseNumberPattern) ?? []).some((n) => known.has(n)));
  checks.expect('every mail belongs to a submitted case', stray.length === 0, () => `${stray.length} mail(s) without a case of this run: ${stray.slice(0, 3).map((m) => m.subject).join(' | ')}`);
  for (const cluster of new Set(cases.flatMap((c) => (c.cluster !== undefined ? [c.cluster] : [])))) {
    checks.expect('leadership told once per hot cluster', clusterTold.get(cluster) === 1, () => `cluster ${cluster}: ${clusterTold.get(cluster) ?? 0} cluster-hot notice(s) sent`);
  }

  // DLQs: empty, but for a message every receive of which an injected fault failed.
  const dlq: Record<string, { messages: number; meant: number }> = {};
  const queueNames = topology.queues.map((q) => q.name);
  for (const count of await countDeadLetters(sqs, system.stage, queueNames)) {
    const messages = (count.messages ?? 0) + (count.inFlight ?? 0);
    let meant = 0;
    if (messages > 0) {
      const decl = topology.queues.find((q) => q.name === count.queue)!;
      for (const message of await peekDeadLetters(sqs, system.stage, count.queue, { max: messages })) {
        const injected = system.faults?.faultsForMessage(message.messageId) ?? 0;
        // A notice the mail outage held up past its receives sits in notify's DLQ (its alarm fires at once) while the relay sends it.
        const body = /"caseNumber":"(?<caseNumber>[^"]+)".*"noticeKey":"(?<noticeKey>[^"]+)"/.exec(message.body)?.groups ?? {};
        const healed = outage !== undefined && count.queue === 'notify' && noticeSent.get(`${body.caseNumber}|${body.noticeKey}`) === true;
        const ok = injected >= decl.maxReceiveCount || healed;
        if (ok) meant += 1;
        checks.expect('DLQs empty (but for messages every receive of which was an injected fault, or a notice held up by the mail outage and sent since)', ok, () => `${count.dlqName}: ${message.messageId} received ${message.receiveCount}×, ${injected} injected fault(s): ${message.body}`);
      }
    }
    checks.expect('DLQs empty (but for messages every receive of which was an injected fault, or a notice held up by the mail outage and sent since)', true, () => '');
    dlq[count.queue] = { messages, meant };
  }
  // The month's counters count each case once (no double counts, whatever the redeliveries and conflicts).
  const period = periodsOf(receivedAt, config.timeZone).month;
  const [month] = await readAggregates(system.tableName, [period]);
  const stored = month!.aggregate.counters;
  const counted = { received: stored[counter.received] ?? 0, rejected: stored[counter.rejected] ?? 0, hot: stored[counter.receivedBy('priority', 'hot')] ?? 0, hotOrMajor: (await readHotAndMajor(system.tableName, period)).length };
  for (const name of Object.keys(expectedCounts) as (keyof typeof expectedCounts)[]) {
    figures.doubleCounts += Math.abs(counted[name] - expectedCounts[name]);
    checks.expect("the month's counters count each case once", counted[name] === expectedCounts[name], () => `${name}: counted ${counted[name]}, ${expectedCounts[name]} case(s)`);
  }
  return { checks, mails, outcomes, noticeStates, dlq, assignedCount, loadTotal, clusterRaised, counted, figures };
}

// ─── main ─────────────────────────────────────────────────────────────────────────────

/** The machine's 1-minute load average, sampled every 30 s of the run (a shared machine: the figures depend on it). */
const loadSamples: number[] = [loadavg()[0]!];
setInterval(() => loadSamples.push(loadavg()[0]!), 30_000).unref();

function commitOf(): string {
  try {
    return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<number> {
  const t0 = Date.now();
  const runId = Date.now().toString(36);
  const base = loadStageConfig('local');
  // One client submits everything: lift the per-client limits (as bench/run.ts does). Scope
  // hosts are set so that out-of-scope rejection is exercised too (local lists none).
  const config: StageConfig = {
    ...base,
    rateLimits: { ...base.rateLimits, submissionsPerMinute: 10_000_000, requestsPerMinute: 10_000_000, mailsPerRecipientPerDay: 10_000_000 },
    review: { ...base.review, scopeHosts: [scopeHost] },
  };
  const soakTopology: LocalTopology = { ...topology, queues: topology.queues.map((q) => ({ ...q, visibilityTimeoutSeconds: visibilitySeconds })) };
  const lines: RuntimeLines = { injectedLines: 0, other: [] };
  const mode = incident
    ? ` (mass incident: ${clusterSize} cases on one subject, DynamoDB conflicts ${dynamoFaults!.conflictRate} and throttles ${dynamoFaults!.throttleRate}, a mail outage of ${mailOutageMinutes} min)`
    : clusterRun
      ? ` (one cluster of ${clusterSize} members)`
      : '';
  console.log(`Fault-injected soak${mode}: ${totalCases} cases, fault rate ${faultRate}, seed ${seed}, concurrency ${concurrency}${submitRate ? `, ${submitRate} submissions a second` : ''}, visibility timeout ${visibilitySeconds} s, timeout ${timeoutMs / 1000} s`);

  const system = await startLocalSystem({
    ports: { gateway: 0, dynamodb: 0, sqs: 0, ses: 0, control: false },
    log: soakLog(lines),
    scheduleTimers: false,
    topology: soakTopology,
    stageConfig: config,
    // Handler logs at ERROR only; the metrics' EMF lines (stdout) would drown the report.
    env: { POWERTOOLS_LOG_LEVEL: handlerLogLevel, POWERTOOLS_METRICS_DISABLED: 'true' },
    faults: { rate: faultRate, seed },
    ...(dynamoFaults ? { dynamoFaults: { ...dynamoFaults, seed } } : {}),
  });
  const tStarted = Date.now();
  const clientConfig = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const dynamodb = new DynamoDBClient({ ...clientConfig, endpoint: system.urls.dynamodb });
  const doc = DynamoDBDocumentClient.from(dynamodb);
  const sqs = new SQSClient({ ...clientConfig, endpoint: system.urls.sqs });
  try {
    // The form's categories, from the API (the plan must only use valid kind/category pairs).
    const categories = (await (await fetch(`${system.urls.gateway}/categories`)).json()) as { id: string; kinds: string[] }[];
    const cases = planCases(config, runId);
    for (const c of cases) {
      if (!categories.some((cat) => cat.id === c.category && cat.kinds.includes(c.kind))) throw new Error(`planned an invalid category ${c.kind}/${c.category}`);
    }

    const meter = metered ? new ClassifyMeter().install(system) : undefined;
    const receivedAt = system.clock.now();
    const outage = mailOutageMinutes > 0 ? new MailOutage(system.clock, { fromMs: receivedAt.getTime(), durationMs: mailOutageMinutes * 60_000 }).install(addClientMiddleware) : undefined;
    await submitAll(system.urls.gateway, cases);
    const tSubmitted = Date.now();
    const settled = await settle(system, doc, cases, outage);
    const tSettled = Date.now();
    const result = await checkEverything(system, doc, sqs, config, cases, outage, receivedAt);
    const tChecked = Date.now();
    if (!settled.settled) result.checks.expect('settled before the timeout', false, () => `not settled after ${timeoutMs / 1000} s: ${settled.lastBusy}`);
    else result.checks.expect('settled before the timeout', true, () => '');
    const writes = meter?.result;
    if (writes && clusterRun) {
      result.checks.expect("classify's write units per member flat (last tenth within 10 % of the first)", writes.lastTenth <= writes.firstTenth * 1.1, () => `first tenth ${writes.firstTenth.toFixed(1)}, last tenth ${writes.lastTenth.toFixed(1)} write units per member`);
    }

    report(system, cases, settled, result, lines, writes, outage, {
      start: tStarted - t0,
      submit: tSubmitted - tStarted,
      settle: tSettled - tSubmitted,
      check: tChecked - tSettled,
      total: tChecked - t0,
    });
    return result.checks.passed ? 0 : 1;
  } finally {
    dynamodb.destroy();
    sqs.destroy();
    await system.stop();
  }
}

function report(
  system: LocalSystem,
  cases: PlannedCase[],
  settled: SettleStats,
  result: Awaited<ReturnType<typeof checkEverything>>,
  lines: RuntimeLines,
  writes: ClassifyWrites | undefined,
  outage: MailOutage | undefined,
  ms: Record<'start' | 'submit' | 'settle' | 'check' | 'total', number>,
): void {
  const s = (n: number) => `${(n / 1000).toFixed(1)} s`;
  const faults = system.faults!.stats;
  const queues = system.queueStatus();
  const plans = (p: Plan) => cases.filter((c) => c.plan === p).length;

  console.log('\nOutcomes (expected by construction vs reached)');
  console.table(Object.fromEntries(Object.entries(result.outcomes).map(([outcome, t]) => [outcome, { planned: t.planned, reached: t.reached }])));
  console.log(
    `plans: ${plans('assign')} ordinary, ${plans('hot')} in ${new Set(cases.filter((c) => c.cluster !== undefined).map((c) => c.cluster)).size} hot clusters of ${clusterSize}, ` +
      `${plans('reject')} out of scope, ${plans('supplement')} without required evidence, ${plans('inquiry')} simple inquiries; ` +
      `${cases.filter((c) => !c.email && c.kind === 'report' && !c.name).length} anonymous reports, ${cases.filter((c) => !c.email && c.name).length} phone-only`,
  );

  console.log('\nInjected faults (on purpose) per function');
  console.table(
    Object.fromEntries(Object.entries(faults.byFunction).map(([name, f]) => [name, { invocations: f.invocations, 'before handler': f.before, 'after handler': f.after, share: `${((100 * (f.before + f.after)) / Math.max(1, f.invocations)).toFixed(1)} %` }])),
  );

  console.log('\nQueues');
  console.table(
    Object.fromEntries(queues.map((q) => [q.name, { batches: q.stats.batches, succeeded: q.stats.succeeded, failed: q.stats.failed, redelivered: q.stats.redelivered, 'in DLQ': result.dlq[q.name]?.messages ?? 0, 'DLQ (meant)': result.dlq[q.name]?.meant ?? 0 }])),
  );

  console.log('\nTotals');
  console.table({
    cases: { value: cases.length },
    'cases assigned': { value: result.assignedCount },
    'injected faults': { value: `${faults.injected} of ${faults.invocations} invocations (${faults.before} before, ${faults.after} after)` },
    'redelivered records': { value: queues.reduce((a, q) => a + q.stats.redelivered, 0) },
    'outbox relay runs': { value: `${settled.relayRuns} (${settled.relayRunsFaulted} hit by a fault), ${settled.relayed} hand-offs relayed, ${settled.givenUp} given up` },
    'SLA sweep runs': { value: `${settled.sweepRuns} (${settled.sweepRunsFaulted} hit by a fault)` },
    ...(system.dynamoFaults ? { 'DynamoDB faults (on purpose)': { value: `${system.dynamoFaults.stats.conflicts} conflicts, ${system.dynamoFaults.stats.throttles} throttles in ${system.dynamoFaults.stats.calls} calls` } } : {}),
    ...(outage ? { 'mail outage (on purpose)': { value: `${mailOutageMinutes} min of the local clock, ${outage.refused} sends refused; no outbox entry left ${settled.healedAfterMinutes ?? '?'} min of relay time after its end` } } : {}),
    ...(writes
      ? {
          'classify write units per case changed': { value: `${writes.firstTenth.toFixed(1)} over the first tenth of ${writes.records}, ${writes.lastTenth.toFixed(1)} over the last (and ${writes.idleUnits.toFixed(0)} in invocations that changed no case)` },
          'largest classify transaction': { value: `${writes.maxTransactionItems} items` },
        }
      : {}),
    "the month's counters": { value: JSON.stringify(result.counted) },
    mails: { value: result.mails.length },
    'notice items by state': { value: JSON.stringify(result.noticeStates) },
    'other runtime warnings/errors': { value: lines.other.length },
  });

  const f = result.figures;
  const loads = [...loadSamples, loadavg()[0]!];
  console.log(`\nFigures (seed ${seed}, commit ${commitOf()})`);
  console.table({
    lost: { value: `${f.lostNotices} notice(s) not sent, ${f.casesOff} case(s) not in their expected state` },
    'duplicate mails': { value: f.duplicateMails },
    "double counts (the month's counters)": { value: f.doubleCounts },
    'hot members': { value: `${f.hotMembers} of ${f.clusterMembers}` },
    'load counters not equal to open cases': { value: `${f.countersOff} of ${f.handlers} handlers` },
    ...(outage ? { 'mail outage': { value: `${mailOutageMinutes} min, ${outage.refused} sends refused` }, 'healing time': { value: `${settled.healedAfterMinutes ?? '?'} min of relay time after the outage's end` } } : {}),
    'wall time': { value: s(ms.total) },
    'load average (1 min)': { value: `min ${Math.min(...loads).toFixed(1)}, mean ${(loads.reduce((a, b) => a + b, 0) / loads.length).toFixed(1)}, max ${Math.max(...loads).toFixed(1)} over ${loads.length} samples; 15-min ${loadavg()[2]!.toFixed(1)} at the end` },
  });

  console.log('\nTimings');
  console.table({ 'system start': { time: s(ms.start) }, 'submit (HTTP)': { time: s(ms.submit) }, 'settle (workflow + relays)': { time: s(ms.settle) }, checks: { time: s(ms.check) }, 'wall time': { time: s(ms.total) } });

  if (lines.other.length > 0) {
    console.log(`\nRuntime warnings/errors not caused by an injected fault (${lines.other.length}; first 10):`);
    for (const line of lines.other.slice(0, 10)) console.log(`  ${line.slice(0, 400)}`);
  }

  console.log('\nChecks');
  console.table(Object.fromEntries(result.checks.list.map((c) => [c.name, { checked: c.count, failed: c.failures.length, result: c.failures.length === 0 ? 'PASS' : 'FAIL' }])));
  for (const c of result.checks.list.filter((x) => x.failures.length > 0)) {
    console.log(`\nFAIL ${c.name} (${c.failures.length}):`);
    for (const failure of c.failures.slice(0, 10)) console.log(`  - ${failure}`);
  }
  console.log(result.checks.passed ? '\nSOAK PASSED' : '\nSOAK FAILED');
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
