/**
 * `npm run time-travel`: issue 5 item 6, "a time-travel test with `npm run clock` across a
 * weekend and a holiday", and its Done-when: "moving the clock past its deadlines with
 * npm run clock / npm run schedule produces each ladder notice once".
 *
 * Starts the whole local system in this process on free ports (so it runs beside
 * `npm start`), DynamoDB in memory, schedule timers OFF, with its control endpoint on a
 * free port. Then it drives it as a person would: the real CLI commands as child
 * processes, `npm run clock -- <ISO>` and `npm run schedule -- sla-sweep [--at <ISO>]`,
 * pointed at this system by LOCAL_CONTROL_PORT (local/control-client.ts).
 *
 * Scenario (Asia/Shanghai, local stage calendar): the clock goes to Wednesday
 * 2026-09-30 17:00, the eve of the National Day holiday (10-01..10-07 off, Saturday
 * 10-10 a make-up working day, Sunday 10-11 a weekend day). A level-1 complaint
 * (service-quality) and a level-2 one (functional-fault) are submitted over HTTP; then the
 * clock is stepped through the holiday and the weekend, the SLA sweep fired at each stage
 * (and fired again at the same stage, and once as two overlapping sweeps), and after each
 * the new mails in the SES outbox are compared with what the escalation ladder must have
 * sent by then: staff notices falling due outside working time wait for the next working
 * period (the level-2 complainant's own progress mail goes out at its occurrence); each
 * ladder notice arrives in the first stage at or after its instant, exactly
 * once, and nothing else arrives. The instants come from the domain's own arithmetic
 * (deadlineAt / shareOfLimitAt / clockStart) on the received time the case stored, and are
 * checked against the concrete local times stated below.
 *
 * At the end: every ladder notice exactly once (mails per subject per case, and the notice
 * ledger: one item per notice, `sent`, its `dueAt` the expected instant), no outbox entry
 * left, nothing in any DLQ; `npm run clock -- reset`; stop. Exit 0 only if every check passes.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { countDeadLetters } from '../../local/dead-letter';
import type { RuntimeLog } from '../../local/runtime-log';
import { startLocalSystem, type LocalSystem } from '../../local/system';
import { keys } from '../../shared/adapters/keys';
import { loadStageConfig } from '../../shared/config/load-stage-config';
import type { StageConfig } from '../../shared/config/stage-config';
import { clockStart, dayInfo, isWorkingTime, localDate, workingCalendar, type WorkingCalendar } from '../../shared/domain/calendar';
import { deadlineAt, shareOfLimitAt } from '../../shared/domain/deadlines';
import { deadlineRecord } from '../../shared/domain/deadline-kinds';
import type { DeadlineState } from '../../shared/domain/case-state';
import type { DeadlineName } from '../../shared/domain/limits';
import { supervisorOf } from '../../shared/domain/staff-directory';
import { wallClock } from '../../shared/domain/time-zone';
import { renderNotice } from '../../shared/mail/notices';
import { topology } from '../../shared/topology';

const repoRoot = path.resolve(__dirname, '..', '..');
/** The CLI's environment as the person's shell had it, before the system set the handlers' variables. */
const shellEnv: NodeJS.ProcessEnv = { ...process.env };
delete shellEnv.LOCAL_CONTROL_URL; // it would win over LOCAL_CONTROL_PORT
const idleTimeoutMs = 30_000;

// ─── the stages ───────────────────────────────────────────────────────────────────────
// Local (+08:00) times. Each is at least 18 minutes away from any instant the ladder has,
// so the few real seconds that pass while a stage runs never matter.

const submitAt = '2026-09-30T17:00:00+08:00'; // Wednesday, the last working hour before the holiday

interface Stage {
  readonly at: string;
  readonly note: string;
  /** Fire two sweeps at once (overlapping) instead of one. */
  readonly overlap?: boolean;
}

const stages: readonly Stage[] = [
  { at: '2026-09-30T20:00:00+08:00', note: 'Wed evening, after working hours' },
  { at: '2026-10-03T12:00:00+08:00', note: 'National Day holiday (a Saturday)' },
  { at: '2026-10-07T23:00:00+08:00', note: 'last night of the holiday' },
  { at: '2026-10-08T10:00:00+08:00', note: 'first working morning after the holiday' },
  { at: '2026-10-08T11:30:00+08:00', note: 'L1 first-response reminder due 11:12' },
  { at: '2026-10-08T12:30:00+08:00', note: 'L1 first-response overdue at 12:00' },
  { at: '2026-10-09T17:30:00+08:00', note: 'Friday afternoon' },
  { at: '2026-10-10T10:00:00+08:00', note: 'make-up working Saturday: L1 resolution reminder 09:12' },
  { at: '2026-10-10T14:30:00+08:00', note: 'make-up Saturday: L1 resolution overdue 14:00' },
  { at: '2026-10-11T12:00:00+08:00', note: 'Sunday (weekend)' },
  { at: '2026-10-12T17:30:00+08:00', note: 'Monday afternoon' },
  { at: '2026-10-13T11:00:00+08:00', note: 'L2 initial-investigation reminder 10:24' },
  { at: '2026-10-13T20:00:00+08:00', note: '5 working days ran out at 18:00, outside working time' },
  { at: '2026-10-14T09:30:00+08:00', note: 'management group told at 09:00 (two overlapping sweeps)', overlap: true },
  { at: '2026-10-14T11:30:00+08:00', note: 'L2 initial-investigation overdue 11:00' },
  { at: '2026-10-16T17:30:00+08:00', note: 'L2 progress feedback #1 due 17:00' },
  { at: '2026-10-17T12:00:00+08:00', note: 'Saturday (weekend)' },
  { at: '2026-10-19T10:00:00+08:00', note: 'Monday: nothing more due until 10-28' },
];

// ─── what must arrive ─────────────────────────────────────────────────────────────────

interface StoredMail {
  readonly messageId?: string;
  readonly destination: { readonly to: string[]; readonly cc: string[]; readonly bcc: string[] };
  readonly subject: string;
  readonly body: { readonly html?: string; readonly text?: string };
}
const recipientsOf = (mail: StoredMail) => [...mail.destination.to, ...mail.destination.cc, ...mail.destination.bcc].map((a) => a.toLowerCase());

interface SubmittedCase {
  readonly label: 'L1' | 'L2';
  readonly category: string;
  readonly email: string;
  caseNumber: string;
  receivedAt: Date;
  assignee: string;
  department: string;
  level: number;
  deadlines: Record<string, string>;
}

interface Expected {
  readonly label: string;
  readonly caseNumber: string;
  /** Ladder notices: their topic (and deadline); intake mails: undefined. */
  readonly topic?: string;
  readonly deadline?: DeadlineName;
  readonly recipient: string;
  /** When it must go out (computed), and the local time stated for it (checked to the minute). */
  readonly at: Date;
  readonly stated?: string;
  readonly matches: (mail: StoredMail) => boolean;
  /** Index of the stage it must arrive in (0 = the submission). */
  stage: number;
  seen: number[];
}

function staffSubject(config: StageConfig, c: SubmittedCase, topic: string, params: Record<string, string | number>): string {
  return renderNotice(
    { topic, params, caseItem: { caseNumber: c.caseNumber, kind: 'complaint', category: c.category, level: c.level, deadlines: c.deadlines }, config },
    'zh-CN',
  ).subject;
}

/**
 * The ladder of the two cases, from the domain's arithmetic (escalation.ts: reminder at
 * `reminderShare` of each one-off handling limit to the assignee, overdue at the deadline
 * to the assignee's supervisor, `management-group` after 5 working days, `progress-due`
 * per occurrence of a recurring limit; staff notices moved to `clockStart` of their instant).
 */
function expectedLadder(config: StageConfig, cal: WorkingCalendar, l1: SubmittedCase, l2: SubmittedCase): Expected[] {
  const share = config.escalation.reminderShare;
  const list: Expected[] = [];
  const staffTime = (instant: Date) => clockStart(cal, instant);
  const add = (c: SubmittedCase, label: string, topic: string, deadline: DeadlineName, recipient: string, at: Date, stated: string, params: Record<string, string | number> = {}) => {
    const subject = staffSubject(config, c, topic, { deadline, occurrence: 1, ...params });
    list.push({
      label: `${c.label} ${label}`,
      caseNumber: c.caseNumber,
      topic,
      deadline,
      recipient,
      at,
      stated,
      matches: (m) => m.subject === subject && recipientsOf(m).includes(recipient),
      stage: -1,
      seen: [],
    });
  };
  const oneOff = (c: SubmittedCase, name: DeadlineName, reminderStated: string, overdueStated: string) => {
    const limit = config.limits[name];
    const startedAt = clockStart(cal, c.receivedAt);
    const due = deadlineAt(cal, c.receivedAt, limit);
    const supervisor = supervisorOf(config, c.assignee, c.department)!;
    add(c, `reminder ${name}`, 'reminder', name, c.assignee, staffTime(shareOfLimitAt(cal, startedAt, due, limit.unit, share)), reminderStated);
    add(c, `overdue ${name}`, 'overdue', name, supervisor, staffTime(due), overdueStated);
  };
  const group = config.managementGroup[0]!.email.toLowerCase();

  // L1, received Wed 09-30 17:00 (inside working time: its clocks start at once).
  //  first-response 4 working h: 1 h on 09-30 (17-18), 3 h on Thu 10-08 → 10-08 12:00;
  //    80 % = 3 h 12 min → 10-08 11:12 (to the assignee); overdue 10-08 12:00 (to the supervisor).
  oneOff(l1, 'first-response', '2026-10-08 11:12', '2026-10-08 12:00');
  //  resolution 24 working h: 1 + 9 (10-08) + 9 (10-09) + 5 on the make-up Saturday 10-10
  //    → 10-10 14:00; 80 % = 19 h 12 min → 10-10 09:12.
  oneOff(l1, 'resolution', '2026-10-10 09:12', '2026-10-10 14:00');
  // L2, received at the same time.
  //  initial-investigation 48 working h: 1 + 9 (10-08) + 9 (10-09) + 9 (10-10) + 9 (10-12)
  //    + 9 (10-13) + 2 → Wed 10-14 11:00; 80 % = 38 h 24 min → Tue 10-13 10:24.
  oneOff(l2, 'initial-investigation', '2026-10-13 10:24', '2026-10-14 11:00');
  //  progress-feedback 72 working h (recurring, no reminder): 1 + 8 × 9 - 1 → Fri 10-16 17:00
  //    (occurrence #1 to the assignee; #2 is 72 working hours later, 10-28 17:00).
  //  The complainant (who left an email) gets the progress mail itself (进展反馈,
  //  `progress-update`) at the occurrence, not moved to working time (domain.md level table:
  //  "progress feedback to complainant 72 h"; escalation.ts sends it at the occurrence).
  {
    const d = deadlineAt(cal, l2.receivedAt, config.limits['progress-feedback']);
    add(l2, 'progress-due #1', 'progress-due', 'progress-feedback', l2.assignee, staffTime(d), '2026-10-16 17:00');
    const subject = renderNotice(
      { topic: 'progress-update', params: { deadline: 'progress-feedback', occurrence: 1 }, caseItem: { caseNumber: l2.caseNumber, kind: 'complaint', category: l2.category, level: l2.level }, config },
      'zh-CN',
    ).subject;
    list.push({
      label: 'L2 progress-update #1 (complainant)',
      caseNumber: l2.caseNumber,
      topic: 'progress-update',
      deadline: 'progress-feedback',
      recipient: l2.email,
      at: d,
      stated: '2026-10-16 17:00',
      matches: (m) => m.subject === subject && recipientsOf(m).includes(l2.email),
      stage: -1,
      seen: [],
    });
  }
  // Both: management-group 5 working days, counted from the day after 09-30: 10-08, 10-09,
  //  10-10 (make-up), 10-12, 10-13 → due Tue 10-13 18:00, outside working time (a period is
  //  half-open), so the group hears at the next working period: Wed 10-14 09:00.
  for (const c of [l1, l2]) {
    add(c, 'management-group', 'management-group', 'management-group', group, staffTime(deadlineAt(cal, c.receivedAt, config.limits['management-group'])), '2026-10-14 09:00');
  }
  return list;
}

// ─── driving the CLI ──────────────────────────────────────────────────────────────────

interface CliRun {
  readonly command: string;
  readonly code: number;
  readonly output: string;
  readonly ms: number;
}

/** `npm run <script> -- <args>` in the repository, as a person types it, against our control port. */
function npmRun(controlPort: string, script: string, args: readonly string[]): Promise<CliRun> {
  const command = `npm run ${script} -- ${args.join(' ')}`.trim();
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', script, '--', ...args], { cwd: repoRoot, env: { ...shellEnv, LOCAL_CONTROL_PORT: controlPort }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => {
      // npm's own "> pkg@version script" banner lines are not the command's output.
      const output = out
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('>') && !l.startsWith('npm warn'))
        .join('\n');
      resolve({ command, code: code ?? -1, output, ms: Date.now() - started });
    });
  });
}

// ─── checks ───────────────────────────────────────────────────────────────────────────

class Checks {
  readonly failures: string[] = [];
  count = 0;
  expect(ok: boolean, failure: () => string): boolean {
    this.count += 1;
    if (!ok) this.failures.push(failure());
    return ok;
  }
  get passed(): boolean {
    return this.failures.length === 0;
  }
}

// ─── main ─────────────────────────────────────────────────────────────────────────────

interface TimelineRow {
  stage: string;
  'local time': string;
  day: string;
  sweeps: string;
  'mails received': string;
  check: string;
}

async function main(): Promise<number> {
  const t0 = Date.now();
  const config = loadStageConfig('local');
  const cal = workingCalendar(config);
  const runId = Date.now().toString(36);
  const runtimeLines: string[] = [];
  const log: RuntimeLog = { info: () => undefined, warn: (line) => runtimeLines.push(`warning: ${line}`), error: (line, e) => runtimeLines.push(`${line}${e === undefined ? '' : ` ${String(e)}`}`) };
  const checks = new Checks();
  const local = (d: Date) => {
    const w = wallClock(d, config.timeZone);
    return `${w.date} ${String(Math.floor(w.timeOfDay / 3_600_000)).padStart(2, '0')}:${String(Math.floor((w.timeOfDay % 3_600_000) / 60_000)).padStart(2, '0')}`;
  };
  const weekday = (d: Date) => new Intl.DateTimeFormat('en', { weekday: 'short', timeZone: config.timeZone }).format(d);
  const describeDay = (d: Date) => `${weekday(d)}, ${dayInfo(cal, localDate(cal, d)).reason}, ${isWorkingTime(cal, d) ? 'working hours' : 'outside working hours'}`;

  console.log(`Time-travel run ${runId}: starting the local system on free ports (schedule timers off, DynamoDB in memory)…`);
  const system: LocalSystem = await startLocalSystem({
    ports: { gateway: 0, dynamodb: 0, sqs: 0, ses: 0, control: 0 },
    log,
    scheduleTimers: false,
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR', POWERTOOLS_METRICS_DISABLED: 'true' },
  });
  const tStarted = Date.now();
  const controlUrl = system.urls.control!;
  const controlPort = new URL(controlUrl).port;
  console.log(`  gateway ${system.urls.gateway}, SES ${system.urls.ses}, control ${controlUrl} → CLI with LOCAL_CONTROL_PORT=${controlPort}\n`);
  const clientConfig = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const dynamodb = new DynamoDBClient({ ...clientConfig, endpoint: system.urls.dynamodb });
  const doc = DynamoDBDocumentClient.from(dynamodb);
  const sqs = new SQSClient({ ...clientConfig, endpoint: system.urls.sqs });
  const cliRuns: CliRun[] = [];
  let clockMoved = false;

  const cli = async (script: string, ...args: string[]): Promise<CliRun> => {
    const run = await npmRun(controlPort, script, args);
    cliRuns.push(run);
    console.log(`  $ ${run.command}\n    ${run.output.replaceAll('\n', '\n    ')}`);
    if (run.code !== 0) throw new Error(`\`${run.command}\` exited ${run.code}: ${run.output}`);
    return run;
  };
  const idle = async () => {
    const response = await fetch(`${controlUrl}/idle`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ timeoutMs: idleTimeoutMs }) });
    if (!response.ok) throw new Error(`not idle: ${JSON.stringify(await response.json())}`);
  };
  const outbox = async (): Promise<StoredMail[]> => ((await (await fetch(`${system.urls.ses}/store`)).json()) as { emails: StoredMail[] }).emails;
  const dueOf = (run: CliRun) => /"due":(\d+)/.exec(run.output)?.[1] ?? '?';

  try {
    // ── Stage 0: the clock to Wednesday 17:00, two complaints over HTTP ──
    await cli('clock', submitAt);
    clockMoved = true;
    const submitted: SubmittedCase[] = [];
    for (const [label, category] of [
      ['L1', 'service-quality'],
      ['L2', 'functional-fault'],
    ] as const) {
      const email = `tt-${runId}-${label.toLowerCase()}@example.com`;
      const body = {
        kind: 'complaint',
        category,
        subject: { type: 'url', value: `https://shop.example.cn/time-travel/${runId}/${label}` },
        description: label === 'L1' ? `客服多次不回复订单问题 ${runId}` : `提交订单时页面报错无法付款 ${runId}`,
        request: '请尽快处理并答复',
        contact: { name: `时间旅行${label}`, email },
        language: 'zh-CN',
      };
      const response = await fetch(`${system.urls.gateway}/complaints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await response.text();
      if (response.status !== 201) throw new Error(`submitting ${label} answered ${response.status}: ${text}`);
      submitted.push({ label, category, email, caseNumber: (JSON.parse(text) as { caseNumber: string }).caseNumber, receivedAt: new Date(0), assignee: '', department: '', level: 0, deadlines: {} });
    }
    await idle();
    for (const c of submitted) {
      const item = (await doc.send(new GetCommand({ TableName: system.tableName, Key: keys.case(c.caseNumber), ConsistentRead: true }))).Item ?? {};
      if (item.status !== 'assigned') throw new Error(`${c.label} ${c.caseNumber} is ${String(item.status)} after idle, not assigned`);
      c.receivedAt = new Date(String(item.receivedAt));
      c.assignee = String(item.assignee).toLowerCase();
      c.department = String(item.department);
      c.level = Number(item.level);
      c.deadlines = deadlineRecord((item.deadlines ?? []) as DeadlineState[]);
      console.log(`  ${c.label} ${c.caseNumber}: ${c.category}, level ${c.level}, received ${local(c.receivedAt)}, assigned to ${c.assignee} (${c.department})`);
    }
    const [l1, l2] = submitted as [SubmittedCase, SubmittedCase];
    checks.expect(l1.level === 1 && l2.level === 2, () => `levels: L1 case is level ${l1.level}, L2 case is level ${l2.level}`);

    // What must arrive, and when.
    const intake: Expected[] = submitted.flatMap((c) => [
      {
        label: `${c.label} receipt`,
        caseNumber: c.caseNumber,
        recipient: c.email,
        at: c.receivedAt,
        // shared/mail/acknowledgement.ts: 【受理回执】投诉已收到，编号 <case number>
        matches: (m: StoredMail) => recipientsOf(m).includes(c.email) && m.subject.startsWith('【受理回执】') && m.subject.includes(c.caseNumber),
        stage: 0,
        seen: [],
      },
      {
        label: `${c.label} assignment`,
        caseNumber: c.caseNumber,
        recipient: c.assignee,
        at: c.receivedAt,
        matches: (m: StoredMail) => m.subject === staffSubject(config, c, 'assigned', {}) && recipientsOf(m).includes(c.assignee),
        stage: 0,
        seen: [],
      },
    ]);
    const ladder = expectedLadder(config, cal, l1, l2);
    const expected = [...intake, ...ladder];
    const stageTimes = stages.map((s) => new Date(s.at));
    for (const e of ladder) {
      checks.expect(e.stated === local(e.at), () => `${e.label}: the domain's arithmetic gives ${local(e.at)}, the stated local time is ${e.stated}`);
      e.stage = 1 + stageTimes.findIndex((t) => t.getTime() >= e.at.getTime());
      checks.expect(e.stage >= 1, () => `${e.label} due ${local(e.at)} is after the last stage`);
    }
    // The stored deadlines are the ones the arithmetic gives.
    for (const [c, names] of [
      [l1, ['first-response', 'resolution', 'management-group']],
      [l2, ['initial-investigation', 'progress-feedback', 'management-group']],
    ] as const) {
      for (const name of names) {
        const want = deadlineAt(cal, c.receivedAt, config.limits[name]).toISOString();
        checks.expect(c.deadlines[name] === want, () => `${c.label} ${c.caseNumber}: stored ${name} deadline ${c.deadlines[name]}, arithmetic gives ${want}`);
      }
    }

    const timeline: TimelineRow[] = [];
    const labelOf = (mail: StoredMail) => {
      const found = expected.find((e) => e.matches(mail));
      return found ? `${found.label} → ${found.recipient.split('@')[0]}` : `UNEXPECTED "${mail.subject}" → ${recipientsOf(mail).join(',')}`;
    };
    let known = 0;
    /** New mails since the last look, each matched to what was expected in this stage. */
    const takeNew = async (stageIndex: number, what: string): Promise<StoredMail[]> => {
      const all = await outbox();
      const fresh = all.slice(known);
      known = all.length;
      for (const mail of fresh) {
        const found = expected.find((e) => e.matches(mail));
        if (!found) {
          checks.expect(false, () => `${what}: unexpected mail "${mail.subject}" to ${recipientsOf(mail).join(', ')}`);
          continue;
        }
        found.seen.push(stageIndex);
        checks.expect(found.stage === stageIndex, () => `${what}: "${found.label}" (due ${local(found.at)}) arrived here, expected in ${found.stage === 0 ? 'the submission' : `stage ${found.stage} (${stages[found.stage - 1]?.at})`}`);
        checks.expect(found.seen.length === 1, () => `${what}: "${found.label}" arrived again (${found.seen.length} times now)`);
      }
      return fresh;
    };
    const missing = (stageIndex: number, what: string) => {
      for (const e of expected.filter((x) => x.stage === stageIndex)) checks.expect(e.seen.length > 0, () => `${what}: "${e.label}" (due ${local(e.at)}) has not arrived`);
    };

    // Stage 0's own sweep: nothing of the ladder is due yet.
    const sweep0 = await cli('schedule', 'sla-sweep');
    await idle();
    const failuresBefore0 = checks.failures.length;
    const mails0 = await takeNew(0, 'submission (09-30 17:00)');
    missing(0, 'submission (09-30 17:00)');
    timeline.push({
      stage: '0',
      'local time': `${local(l1.receivedAt)} (${weekday(l1.receivedAt)})`,
      day: describeDay(l1.receivedAt),
      sweeps: `submit 2; due ${dueOf(sweep0)}`,
      'mails received': mails0.map(labelOf).join('; ') || '-',
      check: checks.failures.length === failuresBefore0 ? 'PASS' : 'FAIL',
    });

    // ── Stages 1..n: move the clock, sweep, look; sweep again at the same stage, look again ──
    for (const [i, stage] of stages.entries()) {
      const index = i + 1;
      const when = new Date(stage.at);
      const what = `stage ${index} (${local(when)}, ${stage.note})`;
      const failuresBefore = checks.failures.length;
      console.log(`\n── ${what}`);
      await cli('clock', stage.at);
      let firstDue: string;
      if (stage.overlap) {
        // Two sweeps at once, as two overlapping EventBridge invocations would run.
        const [a, b] = await Promise.all([npmRun(controlPort, 'schedule', ['sla-sweep']), npmRun(controlPort, 'schedule', ['sla-sweep'])]);
        for (const run of [a, b]) {
          cliRuns.push(run);
          console.log(`  $ ${run.command}   (overlapping)\n    ${run.output.replaceAll('\n', '\n    ')}`);
          if (run.code !== 0) throw new Error(`\`${run.command}\` exited ${run.code}: ${run.output}`);
        }
        firstDue = `${dueOf(a)}+${dueOf(b)} (overlapping)`;
      } else {
        firstDue = dueOf(await cli('schedule', 'sla-sweep'));
      }
      await idle();
      const fresh = await takeNew(index, what);
      missing(index, what);
      // The same stage again, one minute later by its event time: nothing may be sent twice.
      const again = new Date(when.getTime() + 60_000).toISOString();
      const repeat = await cli('schedule', 'sla-sweep', '--at', again);
      await idle();
      const repeated = await takeNew(index, `${what}, repeated sweep`);
      checks.expect(repeated.length === 0, () => `${what}: the repeated sweep sent ${repeated.length} mail(s): ${repeated.map((m) => m.subject).join(' | ')}`);
      timeline.push({
        stage: String(index),
        'local time': `${local(when)} (${weekday(when)})`,
        day: describeDay(when),
        sweeps: `due ${firstDue}; again ${dueOf(repeat)}`,
        'mails received': [...fresh, ...repeated].map(labelOf).join('; ') || '-',
        check: checks.failures.length === failuresBefore ? 'PASS' : 'FAIL',
      });
    }

    // ── The end: each ladder notice exactly once, in the mails and in the ledger ──
    const mails = await outbox();
    for (const e of expected) {
      const n = mails.filter(e.matches).length;
      checks.expect(n === 1, () => `${e.label} ${e.caseNumber}: ${n} mail(s) in the outbox, expected exactly 1`);
    }
    checks.expect(mails.length === expected.length, () => `${mails.length} mails in the outbox, expected ${expected.length}`);
    const perSubject = new Map<string, number>();
    for (const m of mails) perSubject.set(`${m.subject} → ${recipientsOf(m).join(',')}`, (perSubject.get(`${m.subject} → ${recipientsOf(m).join(',')}`) ?? 0) + 1);
    for (const [subject, n] of perSubject) checks.expect(n === 1, () => `${n} mails "${subject}"`);

    const ledger: Record<string, unknown>[] = [];
    for (const c of submitted) {
      const page = await doc.send(
        new QueryCommand({ TableName: system.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.case(c.caseNumber).pk }, ConsistentRead: true }),
      );
      const items = (page.Items ?? []) as Record<string, unknown>[];
      const notices = items.filter((x) => String(x.sk).startsWith('NOTICE#'));
      ledger.push(...notices);
      for (const x of notices) checks.expect(x.state === 'sent', () => `${c.caseNumber}: notice ${String(x.noticeKey)} is ${String(x.state)}`);
      const ladderTopics = new Set(['reminder', 'overdue', 'management-group', 'progress-due', 'progress-update', 'major-progress', 'level-3-alert', 'on-call-alert', 'hot', 'major']);
      const ladderItems = notices.filter((x) => ladderTopics.has(String(x.topic)));
      const mine = ladder.filter((e) => e.caseNumber === c.caseNumber);
      checks.expect(ladderItems.length === mine.length, () => `${c.caseNumber}: ${ladderItems.length} ladder notice items (${ladderItems.map((x) => String(x.noticeKey)).join(', ')}), expected ${mine.length}`);
      for (const e of mine) {
        const found = ladderItems.filter((x) => x.topic === e.topic && x.deadline === e.deadline);
        checks.expect(found.length === 1, () => `${e.label}: ${found.length} notice item(s) in the ledger`);
        if (found[0]) {
          checks.expect(found[0].dueAt === e.at.toISOString(), () => `${e.label}: ledger dueAt ${String(found[0]!.dueAt)}, expected ${e.at.toISOString()} (${local(e.at)})`);
          const decided = Date.parse(String(found[0].decidedAt));
          const stageAt = Date.parse(stages[e.stage - 1]!.at);
          checks.expect(decided >= e.at.getTime() && decided < stageAt + 10 * 60_000, () => `${e.label}: decided at ${String(found[0]!.decidedAt)}, not between its due instant and its stage`);
        }
      }
      // Hand-offs not yet confirmed, on whichever item carries them (state, notice or outbox item).
      const left = items.filter((x) => x.handoffQueue !== undefined);
      checks.expect(left.length === 0, () => `${c.caseNumber}: ${left.length} outbox entr(ies) left`);
      const item = items.find((x) => x.sk === 'CASE');
      checks.expect(item?.status === 'assigned', () => `${c.caseNumber}: status ${String(item?.status)} at the end`);
    }

    const dlq = await countDeadLetters(sqs, system.stage, topology.queues.map((q) => q.name));
    for (const d of dlq) checks.expect((d.messages ?? 0) + (d.inFlight ?? 0) === 0, () => `DLQ ${d.dlqName}: ${d.messages ?? 0} message(s), ${d.inFlight ?? 0} in flight`);
    const failedBatches = system.queueStatus().filter((q) => q.stats.failed > 0);
    checks.expect(failedBatches.length === 0, () => `failed records: ${failedBatches.map((q) => `${q.name} ${q.stats.failed}`).join(', ')}`);

    // ── Back to real time, as a person would leave it ──
    console.log('\n── back to real time');
    const reset = await cli('clock', 'reset');
    clockMoved = false;
    checks.expect(system.clock.offsetMs === 0 && /real time/.test(reset.output), () => `after \`npm run clock -- reset\` the offset is ${system.clock.offsetMs} ms: ${reset.output}`);

    // ── Report ──
    const tEnd = Date.now();
    console.log('\nCases');
    console.table(
      Object.fromEntries(
        submitted.map((c) => [c.label, { case: c.caseNumber, category: c.category, level: c.level, received: local(c.receivedAt), assignee: c.assignee, supervisor: supervisorOf(config, c.assignee, c.department) }]),
      ),
    );
    console.log('Expected ladder (instants from deadlineAt / shareOfLimitAt / clockStart)');
    console.table(
      Object.fromEntries(ladder.map((e) => [e.label, { due: `${local(e.at)} (${weekday(e.at)})`, to: e.recipient, stage: e.stage, 'arrived in stage': e.seen.join(',') || '-' }])),
    );
    console.log('Timeline (stage time → mails received)');
    console.table(timeline);
    console.log(`Notice ledger: ${ledger.length} items, ${ledger.filter((x) => x.state === 'sent').length} sent; mails: ${mails.length}; DLQs: ${dlq.map((d) => (d.messages ?? 0) + (d.inFlight ?? 0)).reduce((a, b) => a + b, 0)} messages`);
    const cliMs = cliRuns.reduce((a, r) => a + r.ms, 0);
    console.log(`Timings: system start ${((tStarted - t0) / 1000).toFixed(1)} s, ${cliRuns.length} CLI runs ${(cliMs / 1000).toFixed(1)} s, wall ${((tEnd - t0) / 1000).toFixed(1)} s`);
    if (runtimeLines.length > 0) {
      console.log(`Runtime warnings/errors (${runtimeLines.length}; first 10):`);
      for (const line of runtimeLines.slice(0, 10)) console.log(`  ${line.slice(0, 400)}`);
    }
    console.log(`\n${checks.count} checks, ${checks.failures.length} failed`);
    for (const f of checks.failures) console.log(`  FAIL ${f}`);
    console.log(checks.passed ? '\nTIME-TRAVEL PASSED' : '\nTIME-TRAVEL FAILED');
    return checks.passed ? 0 : 1;
  } finally {
    if (clockMoved) system.clock.reset();
    dynamodb.destroy();
    sqs.destroy();
    await system.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
