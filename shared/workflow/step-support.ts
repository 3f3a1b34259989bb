import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactionItem } from '../adapters/aws-clients';
import type { Handoff } from '../adapters/case-store';
import { handoffDone } from '../adapters/handoff';
import { logger } from '../adapters/logger';
import { dynamo } from '../adapters/aws-clients';
import { ConcurrentChangeError, dueIndexFields } from '../adapters/workflow-store';
import { noticeWrites, type NoticeDecision } from '../adapters/notice-ledger';
import type { StageConfig } from '../config/stage-config';
import type { CaseState } from '../domain/case-state';
import { domainContext, type DomainContext } from '../domain/domain-context';
import { escalationsDue, nextEscalationAt } from '../domain/escalation';
import { noticeKey, recipientsOf, type Audience } from '../domain/notices';
import type { QueueName } from '../topology';

/** What a workflow step needs from its environment. */
export interface StepSettings {
  readonly tableName: string;
  readonly config: StageConfig;
}

const contexts = new WeakMap<StageConfig, DomainContext>();
/** The domain context (config + calendar), built once per container. */
export function contextOf(config: StageConfig): DomainContext {
  let ctx = contexts.get(config);
  if (!ctx) contexts.set(config, (ctx = domainContext(config)));
  return ctx;
}

/** Attempts of one message against concurrent changes before SQS redelivers it. */
const attempts = 3;

/**
 * Runs `decide` (read, decide, commit) until it commits without a concurrent change; a
 * step whose transaction lost against another writer reads the case again and decides
 * anew, so the second decision sees what the first one did.
 */
export async function withOptimisticRetry<T>(decide: () => Promise<T | 'conflict'>): Promise<T> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const result = await decide();
    if (result !== 'conflict') return result;
  }
  throw new ConcurrentChangeError('The case kept changing; the message will be retried');
}

/**
 * A case in a state the step does not expect (already done, or moved on): left alone,
 * logged, and the hand-off confirmed so the outbox relay does not send it again.
 */
export async function leaveAlone(tableName: string, caseNumber: string, queue: QueueName, status: string): Promise<'skipped'> {
  logger.info('Case not in the state this step expects; left alone', { caseNumber, status });
  await dynamo().send(new TransactWriteCommand({ TransactItems: [handoffDone(tableName, caseNumber, queue)] }));
  return 'skipped';
}

/** A notice of a workflow step itself (not of the ladder): keyed by the new version, so a redelivery gives the same key. */
export function stepNotice(
  ctx: DomainContext,
  state: CaseState,
  topic: NoticeDecision['topic'],
  audience: Audience,
  now: Date,
  params?: NoticeDecision['params'],
): NoticeDecision {
  return {
    key: noticeKey(state.caseNumber, topic, state.version, 0, audience),
    caseNumber: state.caseNumber,
    topic,
    audience,
    recipients: recipientsOf(ctx, state, audience),
    dueAt: now.toISOString(),
    immediate: true,
    ...(params ? { params } : {}),
  };
}

/** The notice items, their outbox entries and hand-offs of a step; complainant notices only for a case with a contact. */
export function noticesOf(tableName: string, state: CaseState, notices: readonly NoticeDecision[], now: Date, anonymous: boolean) {
  const writes = notices
    .filter((n) => !(n.audience === 'complainant' && anonymous))
    .map((n) => noticeWrites(tableName, state.caseNumber, n, now));
  return { items: writes.flatMap((w) => w.items), handoffs: writes.map((w) => w.handoff) };
}

/**
 * Where the case goes in the due index after a step: the next instant its ladder has
 * something due, with the notices already decided (and those being written) left out.
 */
export function nextDue(ctx: DomainContext, state: CaseState, now: Date, decided: ReadonlySet<string>, writtenAt: Date = now) {
  const next = nextEscalationAt(ctx, state, now, decided);
  return dueIndexFields(state.caseNumber, next, writtenAt);
}

export type StepWrites = { items: TransactionItem[]; handoffs: Handoff[] };

/**
 * The escalation ladder's share of a step: the notices due at `now` that are not yet
 * decided, and the case's next place in the due index (with those notices counted as decided).
 */
export function ladderWrites(ctx: DomainContext, tableName: string, state: CaseState, now: Date, decided: ReadonlySet<string>, anonymous: boolean, writtenAt: Date = now) {
  const due = escalationsDue(ctx, state, now, decided).notices;
  const notices = noticesOf(tableName, state, due, now, anonymous);
  const index = nextDue(ctx, state, now, new Set([...decided, ...due.map((n) => n.key)]), writtenAt);
  return { notices: due, items: notices.items, handoffs: notices.handoffs, index };
}
