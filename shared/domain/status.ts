/** Case statuses of the public contract (spec/api.md), in workflow order. */
export const caseStatuses = [
  'received',
  'needs-supplement',
  'rejected',
  'assigned',
  'in-progress',
  'replied',
  'reopened',
  'appealed',
  'closed',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const caseKinds = ['complaint', 'report'] as const; // 投诉 | 举报
export type CaseKind = (typeof caseKinds)[number];

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

/** How a case came in: the form, the API, or entered by staff for a phone call, a letter or a visit (`staff`: entered before the three were told apart). */
export const channels = ['web', 'api', 'staff', 'phone', 'letter', 'visit'] as const;
export type Channel = (typeof channels)[number];

/** Case types 类型: 咨询 | 求助 | 申诉 | 建议 | 投诉 | 举报. */
export const caseTypes = ['inquiry', 'help', 'appeal', 'suggestion', 'complaint', 'report'] as const;
export type CaseType = (typeof caseTypes)[number];

/** Levels 分级 (domain.md "Levels and time limits"): 1 一般 general, 2 复杂 complex, 3 重大 major. */
export const caseLevels = [1, 2, 3] as const;
export type CaseLevel = (typeof caseLevels)[number];

/** Priorities 投诉分类 (seed 004), lowest first: 一般 | 重要 | 热点 | 重大. */
export const priorities = ['general', 'important', 'hot', 'major'] as const;
export type Priority = (typeof priorities)[number];

export const staffRoles = ['handler', 'supervisor', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];

/** What or whom a case is about (spec/api.md `subject.type`). */
export const subjectTypes = ['url', 'account', 'icp-filing', 'staff', 'organisation', 'other'] as const;
export type SubjectType = (typeof subjectTypes)[number];
