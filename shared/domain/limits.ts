/**
 * The named deadlines of domain.md ("Deadline arithmetic") and how a time limit is
 * written. Every duration is stage configuration; the defaults live in the stage
 * config schema (shared/config/stage-config.ts).
 */
export const deadlineNames = [
  'acknowledge', // 受理回执
  'scope-decision', // 初步审核: in scope or not
  'first-response', // level 1
  'resolution', // level 1
  'initial-investigation', // level 2
  'progress-feedback', // level 2, then every period until replied
  'response-started', // level 3: response team started
  'initial-result', // level 3
  'progress-notice', // level 3, every period until replied
  'supplement-due', // 补正: the complainant's deadline for missing material
  'appeal-window', // 复核/申诉 window after the result notice
  'follow-up', // 回访: the survey mail goes out when it falls due after the reply (seed 002: within 72 h)
  'appeal-review', // 复核: the reviewer's limit for the review result
  'second-follow-up', // 二次跟进: started by an unresolved follow-up answer (seed 003 四(二)1: 3 日内)
  'management-group', // open this long → 投诉管理小组
] as const;
export type DeadlineName = (typeof deadlineNames)[number];

/** Working hours count inside working periods; calendar hours count every hour (level 3). */
export const limitUnits = ['working-hours', 'working-days', 'calendar-hours'] as const;
export type LimitUnit = (typeof limitUnits)[number];

export interface TimeLimit {
  readonly amount: number;
  readonly unit: LimitUnit;
}
