import * as z from 'zod/mini';
import { caseStatuses, priorities } from '../domain/status';
import { isoTime } from './public-responses';

/**
 * The stored monthly / weekly report (`GET /staff/reports/{period}`) and the public
 * transparency summary (`GET /transparency/{period}`), spec/api.md "Reports and
 * transparency". Every field the contract names, plus the additions marked below
 * (the contract may only grow). Types come from here (`z.infer`), nowhere else.
 */

export const periodPattern = /^\d{4}-(?:0[1-9]|1[0-2]|W(?:0[1-9]|[1-4]\d|5[0-3]))$/;
const period = z.string().check(z.regex(periodPattern));
const count = z.int().check(z.gte(0));
const counts = z.record(z.string(), count);
const share = z.nullable(z.number().check(z.gte(0), z.lte(1)));
const hours = z.nullable(z.number().check(z.gte(0)));
const text = z.string().check(z.minLength(1), z.maxLength(5000));

/** 重大 cases: the final detailed report (seed 004), written by staff, no personal data. */
export const detailedReportSchema = z.strictObject({ whatHappened: text, causes: text, measures: text });

export const hotOrMajorSchema = z.strictObject({
  caseNumber: z.string().check(z.regex(/^[A-Z]{2}-\d{8}-\d{4,}$/)),
  priority: z.enum(['hot', 'major']),
  status: z.enum(caseStatuses),
  /** Addition: major cases once the staff have written it. */
  detailedReport: z.optional(detailedReportSchema),
});

/**
 * 效果考核 / 绩效考核 (seeds 002, 004): one department's or one handler's figures of the period.
 * `received`: cases received in the period now with them; the rest happened in the period:
 * first replies (`resolved`), the share of them on time, their median hours from receipt,
 * reopened and appealed per reply, and the follow-up answers.
 */
export const teamFiguresSchema = z.strictObject({
  received: count,
  resolved: count,
  onTimeShare: share,
  medianHoursToReply: hours,
  reopenedShare: z.nullable(z.number().check(z.gte(0))),
  appealShare: z.nullable(z.number().check(z.gte(0))),
  satisfaction: z.strictObject({ responses: count, resolvedShare: share, meanScore: z.nullable(z.number().check(z.gte(1), z.lte(5))) }),
});
export type TeamFigures = z.infer<typeof teamFiguresSchema>;

export const reportSchema = z.strictObject({
  period,
  generatedAt: isoTime,
  received: z.strictObject({
    total: count,
    byKind: counts,
    byType: counts,
    byCategory: counts,
    byLevel: counts,
    byChannel: counts,
    byPriority: counts,
  }),
  resolved: count,
  rejected: count,
  handlingHours: z.strictObject({ mean: hours, p90: hours }),
  onTimeShare: share,
  overdue: count,
  escalated: count,
  appeals: z.strictObject({ total: count, changed: count }),
  satisfaction: z.strictObject({ responses: count, resolvedShare: share, meanScore: z.nullable(z.number().check(z.gte(1), z.lte(5))) }),
  topSubjects: z.array(z.strictObject({ subject: z.string(), count })),
  hotAndMajor: z.array(hotOrMajorSchema),
  /** Addition: marked as malicious or false (恶意举报) in the period, as in the public summary. */
  maliciousMarked: count,
  /** Addition: referrals to a public authority recorded in the period (报送有关部门, 公安机关; Cybersecurity Law Art. 47). */
  referrals: count,
  /** Addition: cases received in the period from trusted flaggers (DSA Art. 22), by source id. */
  trustedSources: z.strictObject({ received: count, bySource: counts }),
  /**
   * Addition (seed 003 回访): phone or online follow-ups recorded in the period; level-2 first
   * replies sent in the period, and the share of them that had one before the reply.
   */
  followUp: z.strictObject({ contacts: count, level2Replies: count, level2WithContactShare: share }),
  /** Addition: per department (by id) and per handler (by staff email; the report goes to management only, docs/reports.md). */
  byDepartment: z.record(z.string(), teamFiguresSchema),
  byHandler: z.record(z.string(), teamFiguresSchema),
  /** Addition: the hot and major cases whose report (专题报告, seed 004) was approved in the period; the text stays on the case. */
  caseReports: z.array(z.strictObject({ caseNumber: z.string(), priority: z.enum(priorities), approvedAt: isoTime })),
  /** Addition: of the cases received in the period, the share whose result has gone out. */
  resolutionRate: share,
  /** Addition: the most any `topSubjects` count may exceed the true count (Space-Saving bound). */
  topSubjectsMaxOvercount: count,
  /** Addition: the last twelve periods up to this one, oldest first (the mail's trend chart). */
  trend: z.array(z.strictObject({ period, received: count, resolved: count, onTimeShare: share })),
});
export type Report = z.infer<typeof reportSchema>;
export type HotOrMajorCase = z.infer<typeof hotOrMajorSchema>;
export type ListedCaseReport = Report['caseReports'][number];
export type DetailedReport = z.infer<typeof detailedReportSchema>;

/** A published count: 0, 5 or more, or `"<5"` for 1 to 4 (small counts could point at a person). */
export const publicCountSchema = z.union([z.literal('<5'), count.check(z.refine((n) => n === 0 || n >= 5, 'counts 1-4 are published as "<5"'))]);
export type PublicCount = z.infer<typeof publicCountSchema>;
const publicCounts = z.record(z.string(), publicCountSchema);

export const transparencySchema = z.strictObject({
  period,
  received: z.strictObject({ total: publicCountSchema, byKind: publicCounts, byCategory: publicCounts }),
  resolved: publicCountSchema,
  medianHoursToAct: hours,
  onTimeShare: share,
  appeals: z.strictObject({ total: publicCountSchema, changed: publicCountSchema }),
  maliciousMarked: publicCountSchema,
  /** Referrals to a public authority recorded in the period: a count, no details. */
  referrals: publicCountSchema,
  /** Addition: reports received from trusted flaggers (DSA Art. 15(1)(b)), one count, no source named. */
  trustedFlaggerNotices: publicCountSchema,
  /**
   * The approved public summaries (公示, seed 004) of the major cases approved in the period:
   * staff-written, refused when they name the complainant or a staff member; no case number.
   */
  majorCases: z.array(z.strictObject({ summary: text })),
});
export type TransparencySummary = z.infer<typeof transparencySchema>;
