/**
 * No complainant's name, email or phone in what the reports produce (domain.md
 * "Confidentiality and abuse"), on a whole local system of its own: a small seeded month
 * plus one recognisable major report whose reply (as staff write it) names her and her
 * phone, the monthly report built, and then the report (JSON, HTML, CSV), the public
 * summary (JSON, page), every mail to staff or the management group, and every line the
 * run logged, scanned for every complainant's contact data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPlan, type PlannedCase } from '../../local/seed-plan';
import { runSeed, type SeedSummary } from '../../local/seed-run';
import { staffIdToken } from '../../local/staff-sign-in';
import { startLocalSystem, type LocalSystem } from '../../local/system';
import { loadStageConfig } from '../../shared/config/load-stage-config';
import { resetRuntimeSettings } from '../../shared/config/runtime';
import { capturingOutput } from '../support/output';
import type { StoredMail } from '../support/system';

const config = loadStageConfig('local');
const savedEnv = { ...process.env };
const her = { name: '欧阳娜娜', email: 'ouyang.nana.7788@example.com', phone: '+86 137 2468 1357' };
const hers: PlannedCase = {
  at: new Date('2026-10-13T10:00:00+08:00'),
  form: false,
  body: {
    kind: 'report',
    category: 'illegal-content',
    subject: { type: 'url', value: 'https://video.example.cn/live/42' },
    description: `直播间传播违法内容，我是${her.name}，电话 ${her.phone}，请尽快处理。`,
    contact: her,
    evidence: [{ url: 'https://evidence.example.cn/live-42.png' }],
  },
  handling: {
    replyAt: new Date('2026-10-13T16:00:00+08:00'),
    reply: { result: `${her.name}您好：经核查，涉事直播间已关闭。如有疑问请致电 ${her.phone} 回访或邮件 ${her.email}。`, basis: '审核规则未覆盖直播场景', measures: '直播内容纳入实时审核' },
    feedback: { at: new Date('2026-10-14T10:00:00+08:00'), resolved: true, score: 5 },
  },
};
const logged: string[] = [];
let system: LocalSystem;
let summary: SeedSummary;
let output = '';

beforeAll(async () => {
  output = await capturingOutput(async () => {
    system = await startLocalSystem({
      ports: { gateway: 0, dynamodb: 0, sqs: 0, ses: 0, cognito: 0, s3: 0, control: 0 },
      log: { info: (line) => void logged.push(line), warn: (line) => void logged.push(line), error: (line) => void logged.push(line) },
      scheduleTimers: false,
      jvm: 'fast-start',
      env: { POWERTOOLS_LOG_LEVEL: 'DEBUG', POWERTOOLS_METRICS_DISABLED: 'true' },
    });
    summary = await runSeed({ month: '2026-10', cases: 8, config, controlUrl: system.urls.control!, extraCases: [hers] });
    await system.runSchedule('monthly-report', '2026-11-01T09:00:00+08:00');
  });
}, 600_000);

afterAll(async () => {
  await system?.stop();
  process.env = savedEnv;
  resetRuntimeSettings();
});

async function get(path: string, accept: string, token?: string): Promise<string> {
  const answer = await fetch(`${system.urls.gateway}${path}`, { headers: { accept, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  expect([path, accept, answer.status]).toEqual([path, accept, 200]);
  return answer.text();
}

/** Every way a contact of the run could be written: each seeded one and hers, the phone with and without spaces. */
function contactData(): string[] {
  const contacts = [...seedPlan('2026-10', 8, config), hers].flatMap((c) => (c.body.contact ? [c.body.contact as { name: string; email: string; phone: string }] : []));
  return contacts.flatMap((c) => [c.name, c.email, c.phone, c.phone.replace(/\D/g, '').slice(-8)]);
}

describe('no complainant contact data in reports, the public summary, staff mails or logs', () => {
  it('the month ran, her major report is in the report with its detailed report, and the logs were captured', async () => {
    expect(summary.refused).toEqual([]);
    const token = await staffIdToken(system.staffPool, 'director@example.org');
    const report = JSON.parse(await get('/staff/reports/2026-10', 'application/json', token)) as { hotAndMajor: { priority: string; detailedReport?: { whatHappened: string } }[] };
    const major = report.hotAndMajor.find((c) => c.detailedReport);
    expect(major?.detailedReport?.whatHappened).toContain('涉事直播间已关闭');
    expect(output).toMatch(/"level":"(INFO|DEBUG)"/);
  });

  it('the report, the summary, the staff and management mails and the logs hold none of it', async () => {
    const token = await staffIdToken(system.staffPool, 'director@example.org');
    const produced: Record<string, string> = {
      'report JSON': await get('/staff/reports/2026-10', 'application/json', token),
      'report HTML': await get('/staff/reports/2026-10', 'text/html', token),
      'report CSV': await get('/staff/reports/2026-10', 'text/csv', token),
      'summary JSON': await get('/transparency/2026-10', 'application/json'),
      'summary page': await get('/transparency/2026-10', 'text/html'),
      logs: `${output}\n${logged.join('\n')}`,
    };
    const store = (await (await fetch(`${system.urls.ses}/store`)).json()) as { emails: StoredMail[] };
    // Staff (the stage's example.org addresses) and the management group; complainants' own mails may name them.
    const staffMails = store.emails.filter((m) => [...m.destination.to, ...m.destination.cc].every((a) => a.endsWith('@example.org')));
    expect(staffMails.some((m) => m.destination.to.includes('complaint-group@example.org'))).toBe(true);
    for (const mail of staffMails) produced[`mail "${mail.subject}" to ${mail.destination.to.join(', ')}`] = `${mail.subject}\n${mail.body.text ?? ''}\n${mail.body.html ?? ''}`;
    const found = Object.entries(produced).flatMap(([where, text]) => contactData().filter((value) => text.includes(value)).map((value) => `${value} in ${where}`));
    expect(found).toEqual([]);
  });
});
