/**
 * Plays a seed plan (seed-plan.ts) against a running local system, as its users would:
 * each submission through `POST /complaints` (JSON, or urlencoded as the HTML form posts),
 * the assignee's reply and a supervisor's approval through `POST /staff/cases/{n}/actions`
 * with real staff tokens, survey answers and appeals through the complainant endpoints
 * with the case's access token. Before each step the local clock is set to its instant
 * (steps only move forward); the workflow settles (`/idle`) before a step that needs what
 * it did, and the SLA sweep runs at the end of each day so that unanswered cases run
 * overdue. The clock is put back to real time at the end, whatever happened.
 *
 * Idempotent-safe: a second run adds another month of cases (new case numbers); a step
 * the case no longer offers (409) is counted as skipped, not fatal.
 */
import type { StageConfig } from '../shared/config/stage-config';
import { wallClock } from '../shared/domain/time-zone';
import { callControl } from './control-client';
import type { StaffPool } from './provision';
import { seedPlan, seedSteps, type PlannedCase, type SeedStep } from './seed-plan';
import { staffIdToken } from './staff-sign-in';

export interface SeedOptions {
  readonly month: string;
  readonly cases: number;
  readonly config: Pick<StageConfig, 'timeZone' | 'categories' | 'review'>;
  /** The control endpoint of the running system (default: LOCAL_CONTROL_URL / port 3099). */
  readonly controlUrl?: string;
  /** Called after each step with the number done and the total. */
  readonly onProgress?: (done: number, total: number, day: string) => void;
  /** Generator seed: the same arguments plan the same month. */
  readonly seed?: number;
  /** Cases of the caller's own besides the planned ones (a test's recognisable case). */
  readonly extraCases?: readonly PlannedCase[];
}

/** What the seeding did; `results` are the instants a result went out (the report's `resolved`). */
export interface SeedSummary {
  readonly submitted: number;
  readonly refused: readonly string[];
  readonly results: readonly Date[];
  readonly feedback: number;
  readonly appeals: number;
  readonly reviews: number;
  readonly skipped: readonly string[];
}

const director = 'director@example.org';
/** Approves level-3 replies: an admin who never reviews, so the director stays independent for appeals. */
const approver = 'admin@example.org';

interface Seeded {
  readonly caseNumber: string;
  readonly accessToken: string;
}

export async function runSeed(options: SeedOptions): Promise<SeedSummary> {
  const base = options.controlUrl;
  const control = <T>(method: 'GET' | 'POST', path: string, body?: unknown) => callControl<T>(method, path, body, base);
  const status = await control<{ urls: { gateway: string }; staffPool: StaffPool }>('GET', '/status');
  const gateway = status.body.urls.gateway;
  const plan = [...seedPlan(options.month, options.cases, options.config, options.seed), ...(options.extraCases ?? [])];
  const steps = seedSteps(plan);
  const seeded = new Map<number, Seeded>();
  const tokens = new Map<string, string>();
  const staffHeaders = async (email: string) => {
    if (!tokens.has(email)) tokens.set(email, await staffIdToken(status.body.staffPool, email));
    return { authorization: `Bearer ${tokens.get(email)!}`, 'content-type': 'application/json' };
  };
  const summary = { submitted: 0, refused: [] as string[], results: [] as Date[], feedback: 0, appeals: 0, reviews: 0, skipped: [] as string[] };
  const settle = async () => {
    const idle = await control('POST', '/idle', { timeoutMs: 120_000 });
    if (idle.status !== 200) throw new Error('The workflow did not settle within 2 minutes');
  };
  const act = async (who: string, caseNumber: string, body: Record<string, unknown>) =>
    fetch(`${gateway}/staff/cases/${caseNumber}/actions`, { method: 'POST', headers: await staffHeaders(who), body: JSON.stringify(body) });
  const staffView = async (caseNumber: string) => {
    const answer = await fetch(`${gateway}/staff/cases/${caseNumber}`, { headers: await staffHeaders(director) });
    if (!answer.ok) throw new Error(`GET /staff/cases/${caseNumber} answered ${answer.status}`);
    return (await answer.json()) as { status: string; version: number; assignee: string | null; level: number | null };
  };
  /**
   * A staff action on the case as it is now: a 409 (the workflow changed it meanwhile: a
   * sweep's notice, a cluster raise) is read again and retried, as staff do in the console.
   */
  const actOnView = async (caseNumber: string, who: (view: Awaited<ReturnType<typeof staffView>>) => string | undefined, body: Record<string, unknown>) => {
    for (let attempt = 1; ; attempt++) {
      const view = await staffView(caseNumber);
      const actor = who(view);
      if (!actor) return { view, answer: undefined };
      const answer = await act(actor, caseNumber, { ...body, version: view.version });
      if (answer.status !== 409 || attempt === 3) return { view, answer };
    }
  };
  const complainant = (path: string, s: Seeded, body: unknown) =>
    fetch(`${gateway}/complaints/${s.caseNumber}/${path}`, { method: 'POST', headers: { authorization: `Bearer ${s.accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  const stepsOf: Record<SeedStep['step'], (planned: PlannedCase, s: Seeded, at: Date) => Promise<string | undefined>> = {
    submit: async () => undefined,
    reply: async (planned, s, at) => {
      const replying = (view: { assignee: string | null; status: string }) =>
        view.assignee && ['assigned', 'in-progress', 'reopened'].includes(view.status) ? view.assignee : undefined;
      const { view, answer: replied } = await actOnView(s.caseNumber, replying, { action: 'reply', ...planned.handling!.reply });
      if (!replied) return `${s.caseNumber} reply: ${view.status}`;
      if (!replied.ok) return `${s.caseNumber} reply: ${replied.status}`;
      const after = (await replied.json()) as { status: string; version: number };
      if (after.status !== 'replied') {
        // A level-3 reply waits for a supervisor's approval (separation of duties: not its author).
        const approved = await act(approver, s.caseNumber, { action: 'approve-reply', version: after.version, approve: true });
        if (!approved.ok) return `${s.caseNumber} approve-reply: ${approved.status}`;
      }
      summary.results.push(at);
      return undefined;
    },
    feedback: async (planned, s) => {
      const { resolved, score } = planned.handling!.feedback!;
      const answer = await complainant('feedback', s, { resolved, score });
      if (!answer.ok) return `${s.caseNumber} feedback: ${answer.status}`;
      summary.feedback++;
      return undefined;
    },
    appeal: async (_planned, s) => {
      const answer = await complainant('appeals', s, { reasons: '处理结果未能解决我的问题，请复核。' });
      if (!answer.ok) return `${s.caseNumber} appeal: ${answer.status}`;
      summary.appeals++;
      return undefined;
    },
    review: async (planned, s) => {
      const changed = planned.handling!.appeal!.changed;
      const { view, answer } = await actOnView(s.caseNumber, (v) => (v.status === 'appealed' ? director : undefined), {
        action: 'review',
        result: changed ? '经复核，原处理结果不当，已重新处理并补偿。' : '经复核，维持原处理结果。',
        basis: '《投诉处理办法》复核规定',
        changed,
      });
      if (!answer) return `${s.caseNumber} review: ${view.status}`;
      if (!answer.ok) return `${s.caseNumber} review: ${answer.status}`;
      summary.reviews++;
      return undefined;
    },
  };

  let day = '';
  let unsettled = false;
  try {
    for (const [done, step] of steps.entries()) {
      const today = wallClock(step.at, options.config.timeZone).date;
      if (day && today !== day) {
        // The day is over: the workflow settles and the SLA sweep runs at its end.
        await settle();
        await control('POST', '/schedules/sla-sweep/run', { at: step.at.toISOString() });
        unsettled = false;
      }
      day = today;
      await control('POST', '/clock', { time: step.at.toISOString() });
      const planned = plan[step.index]!;
      if (step.step === 'submit') {
        const created = await submit(gateway, planned);
        if ('refused' in created) summary.refused.push(created.refused);
        else {
          seeded.set(step.index, created);
          summary.submitted++;
        }
        unsettled = true;
      } else {
        const s = seeded.get(step.index);
        if (s) {
          if (unsettled) await settle();
          unsettled = true;
          const skipped = await stepsOf[step.step](planned, s, step.at);
          if (skipped) summary.skipped.push(skipped);
        }
      }
      options.onProgress?.(done + 1, steps.length, today);
    }
    await settle();
  } finally {
    await control('POST', '/clock', { reset: true });
  }
  return summary;
}

/** `POST /complaints` as JSON or as the form posts it (same fields, dotted names; the answer is JSON when asked for). */
async function submit(gateway: string, planned: PlannedCase): Promise<Seeded | { refused: string }> {
  const response = await fetch(`${gateway}/complaints`, {
    method: 'POST',
    headers: { 'content-type': planned.form ? 'application/x-www-form-urlencoded' : 'application/json', accept: 'application/json' },
    body: planned.form ? formBody(planned.body) : JSON.stringify(planned.body),
  });
  const answer = (await response.json()) as { caseNumber?: string; accessToken?: string; type?: string };
  if (response.status !== 201) return { refused: `${response.status} ${answer.type ?? ''}` };
  return { caseNumber: answer.caseNumber!, accessToken: answer.accessToken! };
}

/** The form's field names (shared/web/form-fields.ts): JSON paths with dots, `evidence` repeated. */
function formBody(body: Record<string, unknown>): string {
  const fields = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) {
    if (name === 'evidence') for (const item of value as { url: string }[]) fields.append('evidence', item.url);
    else if (value !== null && typeof value === 'object') for (const [inner, v] of Object.entries(value)) fields.append(`${name}.${inner}`, String(v));
    else fields.append(name, String(value));
  }
  // The form requires its good-faith statement (如实反映): the person ticks it.
  if (!fields.has('goodFaith')) fields.append('goodFaith', 'true');
  return fields.toString();
}
