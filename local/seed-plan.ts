/**
 * What `npm run seed` submits: a realistic month of complaints and reports, decided here
 * (pure, reproducible from `seed`) and sent by local/seed.ts through the public API.
 * Received on weekdays mostly, in office hours mostly; kinds, categories and subjects
 * in the shares a small site sees (a few shops and accounts get many cases, so the top
 * subjects and a hot cluster show); every contact made up (`seed-…@example.com`).
 */
import type { StageConfig } from '../shared/config/stage-config';
import { periodSpan } from '../shared/domain/report-period';
import { mulberry32 } from './fault-injection';

export interface PlannedCase {
  readonly at: Date;
  readonly body: Record<string, unknown>;
  /** Posted as the HTML form posts it (urlencoded) rather than JSON. */
  readonly form: boolean;
  /** What staff and the complainant do later; absent: nobody answers it (it runs overdue). */
  readonly handling?: PlannedHandling;
}

export interface PlannedHandling {
  /** The assignee replies (a level-3 reply is approved at the same instant). */
  readonly replyAt: Date;
  readonly reply: { readonly result: string; readonly basis: string; readonly measures: string };
  /** The follow-up survey answer (回访). */
  readonly feedback?: { readonly at: Date; readonly resolved: boolean; readonly score: number };
  /** An appeal (复核) and its review by the director. */
  readonly appeal?: { readonly at: Date; readonly reviewAt: Date; readonly changed: boolean };
}

/** One step of the month in time order: a submission, or a later step of the case planned at `index`. */
export interface SeedStep {
  readonly at: Date;
  readonly index: number;
  readonly step: 'submit' | 'reply' | 'feedback' | 'appeal' | 'review';
}

/** Every step of the plan in time order (the local clock only moves forward while seeding). */
export function seedSteps(plan: readonly PlannedCase[]): SeedStep[] {
  const steps: SeedStep[] = [];
  for (const [index, c] of plan.entries()) {
    steps.push({ at: c.at, index, step: 'submit' });
    const h = c.handling;
    if (!h) continue;
    steps.push({ at: h.replyAt, index, step: 'reply' });
    if (h.feedback) steps.push({ at: h.feedback.at, index, step: 'feedback' });
    if (h.appeal) steps.push({ at: h.appeal.at, index, step: 'appeal' }, { at: h.appeal.reviewAt, index, step: 'review' });
  }
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime() || a.index - b.index);
}

const hosts = ['shop.example.cn', 'pay.example.cn', 'video.example.cn', 'news.example.cn', 'forum.example.cn', 'mall.example.com.cn'];
const organisations = ['示例科技有限公司', '样例网络服务有限公司', '演示电子商务有限公司'];
const replies = [
  { result: '经核实，问题属实，已更正并向您致歉。', basis: '《用户服务协议》第五条', measures: '修复了相关页面并加强了发布前的核对。' },
  { result: '经核查，已对涉事账号采取限制措施。', basis: '《网络信息内容生态治理规定》', measures: '封禁违规账号，加强了同类内容的审核。' },
  { result: '经核实，未发现所述问题，相关功能运行正常。', basis: '系统日志与订单记录', measures: '继续观察，欢迎补充新的线索。' },
];
const descriptions = [
  '订单页面显示的价格与结算价格不一致，请核实并更正。',
  '账户被无故冻结，客服多次未答复，请尽快处理。',
  '页面存在仿冒官方的登录链接，疑似诈骗，请核查。',
  '频繁收到骚扰私信，举报后仍未处理，请采取措施。',
  '网站备案信息与实际主办单位不符，请核实。',
  '个人信息在未经同意的情况下被公开展示，请删除。',
];

export function seedPlan(month: string, cases: number, config: Pick<StageConfig, 'timeZone' | 'categories' | 'review'>, seed = 2026): PlannedCase[] {
  const next = mulberry32(seed); // seeded: the same arguments plan the same month
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const { start, end } = periodSpan(month, config.timeZone);
  const needsEvidence = (kind: string, category: string) => config.review.requirements.some((r) => r.category === category && r.kinds.includes(kind as never) && r.needs.includes('evidence'));
  const plan: PlannedCase[] = [];
  for (let i = 0; i < cases; i++) {
    const kind = next() < 0.7 ? 'complaint' : 'report';
    const category = pick(config.categories.filter((c) => c.kinds.includes(kind))).id;
    const at = receiptTime(start, end, next);
    // The seed in every case's words: a second run's cases are new cases, not duplicates to merge.
    const n = `${seed.toString(36)}-${String(i + 1).padStart(4, '0')}`;
    const subjectRoll = next();
    const subject =
      subjectRoll < 0.55
        ? { type: 'url', value: `https://${hosts[Math.min(hosts.length - 1, Math.floor(next() ** 2 * hosts.length))]}/item/${Math.floor(next() * 500)}` }
        : subjectRoll < 0.8
          ? { type: 'organisation', value: pick(organisations) }
          : { type: 'account', value: `@seed-user-${Math.floor(next() * 40)}` };
    const evidence = needsEvidence(kind, category) || next() < 0.3 ? { evidence: [{ url: `https://evidence.example.cn/${month}/${n}.png` }] } : {};
    // A report may be anonymous (api.md); a complaint needs an address to answer.
    const contact = kind === 'report' && next() < 0.25 ? {} : { contact: { name: `测试用户${n}`, email: `seed-${month}-${n}@example.com`, phone: `+86 139 ${String(1000 + i).slice(-4)} ${String(5000 + i).slice(-4)}` } };
    plan.push({
      at,
      form: next() < 0.3,
      body: {
        kind,
        category,
        subject,
        description: `${pick(descriptions)}（第 ${n} 号）`,
        request: '请核实处理并告知结果。',
        ...contact,
        language: next() < 0.85 ? 'zh-CN' : 'en',
        ...evidence,
      },
      ...handlingOf(at, 'contact' in contact, next, pick),
    });
  }
  return plan.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** A receipt instant: 80 % in office hours (09:00-18:00 local) of a weekday, the rest at any hour. */
function receiptTime(start: Date, end: Date, next: () => number): Date {
  const days = Math.round((end.getTime() - start.getTime()) / 86_400_000);
  for (;;) {
    const day = Math.floor(next() * days);
    const dayStart = start.getTime() + day * 86_400_000; // local midnight (the stage zone has no DST)
    const weekday = new Date(dayStart + 12 * 3_600_000).getUTCDay();
    const office = next() < 0.8;
    if (office && (weekday === 0 || weekday === 6)) continue;
    const hour = office ? 9 + next() * 9 : next() * 24;
    return new Date(dayStart + Math.floor(hour * 3_600_000));
  }
}

const hour = 3_600_000;

/**
 * Most cases are answered within the level-1/2 limits (a day or two), some take a week,
 * about one in twelve is left unanswered (it runs overdue). Of the answered ones with a
 * contact, half answer the survey (one in five "not resolved": reopened) and one in ten
 * appeals instead; the director reviews two days later and changes one result in three.
 */
function handlingOf(at: Date, hasContact: boolean, next: () => number, pick: <T>(list: readonly T[]) => T): { handling?: PlannedHandling } {
  const roll = next();
  if (roll < 0.08) return {};
  const hours = roll < 0.6 ? 0.5 + next() * 20 : roll < 0.9 ? 20 + next() * 52 : 72 + next() * 130;
  const replyAt = new Date(at.getTime() + Math.floor(hours * hour));
  const after = (base: Date, fromHours: number, toHours: number) => new Date(base.getTime() + Math.floor((fromHours + next() * (toHours - fromHours)) * hour));
  const follow = next();
  const feedback = hasContact && follow < 0.5 ? { feedback: { at: after(replyAt, 4, 60), resolved: next() < 0.8, score: 1 + Math.floor(next() * 5) } } : {};
  const appealAt = after(replyAt, 6, 96);
  const appeal = hasContact && follow >= 0.5 && follow < 0.6 ? { appeal: { at: appealAt, reviewAt: after(appealAt, 24, 60), changed: next() < 0.33 } } : {};
  return { handling: { replyAt, reply: pick(replies), ...feedback, ...appeal } };
}
