import { type StoredCase } from '../adapters/case-items';
import { ConcurrentChangeError, confirmHandoff } from '../adapters/case-store';
import type { QueueUrls } from '../adapters/handoff';
import { logger } from '../adapters/logger';
import type { StageConfig } from '../config/stage-config';
import { ActionNotAllowedError } from '../domain/action-errors';
import { applyAction, type ActionOutcome, type SystemAction } from '../domain/case-actions';
import type { CaseState } from '../domain/case-state';
import { domainContext, type DomainContext } from '../domain/domain-context';
import { escalationsDue, nextEscalationAt } from '../domain/escalation';
import type { Notice } from '../domain/notices';
import type { QueueName } from '../queue-names';

/** What a workflow step needs from its environment, passed in by its handler. */
export interface StepSettings {
  readonly tableName: string;
  readonly config: StageConfig;
  readonly queueUrls: QueueUrls;
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

const system = { kind: 'system' } as const;

/** A system action through the domain's state machine; `undefined` when the case is not in a state that allows it. */
export function systemAction(ctx: DomainContext, state: CaseState, action: SystemAction, now: Date): ActionOutcome | undefined {
  try {
    return applyAction(ctx, state, system, action, now);
  } catch (error) {
    if (error instanceof ActionNotAllowedError) return undefined;
    throw error;
  }
}

/**
 * A case in a state the step does not expect (already done, or moved on): left alone,
 * logged, and the hand-off confirmed so the outbox relay does not send it again.
 */
export async function leaveAlone(tableName: string, stored: StoredCase, queue: QueueName, now: Date, id?: string): Promise<'skipped'> {
  logger.info('Case not in the state this step expects; left alone', { caseNumber: stored.state.caseNumber, status: stored.state.status });
  await confirmHandoff(tableName, stored, queue, id, now);
  return 'skipped';
}

/**
 * The escalation ladder's share of a step: the notices due at `now` that are not yet
 * decided (nor being decided by the step), and the case's next instant in the due index.
 */
export function ladder(ctx: DomainContext, state: CaseState, now: Date, decided: ReadonlySet<string>, deciding: readonly Notice[], writtenAt: Date = now) {
  const known = new Set([...decided, ...deciding.map((n) => n.key)]);
  const notices = escalationsDue(ctx, state, now, known).notices;
  const next = nextEscalationAt(ctx, state, now, new Set([...known, ...notices.map((n) => n.key)]));
  return { notices, due: { next, writtenAt } };
}
