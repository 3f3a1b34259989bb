/**
 * The words of the report and the transparency page, in both languages. Their own, not
 * the public pages' dictionary (web/strings.ts): the report function would carry all of
 * its 25 KB for twenty words, and staff read "in progress" where the complainant reads
 * "being handled".
 */
import type { Language } from '../domain/status';

const words = {
  'zh-CN': {
    reportTitle: '投诉举报统计分析报告',
    transparencyTitle: '投诉举报信息公开',
    period: '统计周期',
    generatedAt: '生成时间',
    received: '收到',
    resolved: '已答复（办结）',
    rejected: '不予受理',
    resolutionRate: '本期收到案件的办结率',
    meanHours: '平均处理时长（小时）',
    p90Hours: '90% 案件处理时长不超过（小时）',
    medianHours: '处理时长中位数（小时）',
    onTimeShare: '按时办结率',
    overdue: '超期案件',
    escalated: '报投诉管理小组',
    appeals: '复核申请',
    appealsChanged: '复核后改变处理结果',
    responses: '回访答复',
    resolvedShare: '回访认为已解决',
    meanScore: '平均满意度（1-5）',
    malicious: '认定为恶意或虚假举报',
    referrals: '报送有关部门（次）',
    overcount: '高频对象计数最多可能偏高',
    byKind: '按性质',
    byType: '按类型',
    byCategory: '按类别',
    byLevel: '按级别',
    byChannel: '按渠道',
    byPriority: '按优先级',
    topSubjects: '高频投诉对象',
    subject: '对象',
    count: '件数',
    hotAndMajor: '热点与重大案件',
    none: '本期没有。',
    caseNumber: '案件编号',
    priorityHeading: '优先级',
    statusHeading: '状态',
    whatHappened: '事件经过',
    causes: '原因分析',
    measures: '整改与预防措施',
    trendChart: '近 12 期收到与办结数量',
    onTimeChart: '本期按时办结率',
    onTimeTrendChart: '近 12 期按时办结率',
    categoryChart: '本期按类别收到的案件',
    onTime: '按时',
    late: '超时',
    figure: '指标',
    value: '数值',
    suppressed: '“<5” 表示 1 至 4 件：数量太少时不公布确切数字，以免指向具体的人。',
    noData: '无数据',
    channel: { web: '网页表单', api: '接口', staff: '工作人员录入' },
    kind: { complaint: '投诉', report: '举报' },
    level: { 1: '一般', 2: '复杂', 3: '重大' },
    priority: { general: '一般', important: '重要', hot: '热点', major: '重大' },
    status: {
      received: '已收到',
      'needs-supplement': '待补正',
      rejected: '不予受理',
      assigned: '已分派',
      'in-progress': '处理中',
      replied: '已答复',
      reopened: '重新处理',
      appealed: '复核中',
      closed: '已结案',
    },
    type: { inquiry: '咨询', help: '求助', appeal: '申诉', suggestion: '建议', complaint: '投诉', report: '举报' },
    unclassified: '未分类',
  },
  en: {
    reportTitle: 'Complaints and reports: statistics',
    transparencyTitle: 'Complaints and reports: transparency summary',
    period: 'Period',
    generatedAt: 'Generated',
    received: 'Received',
    resolved: 'Resolved (result sent)',
    rejected: 'Not taken on',
    resolutionRate: 'Share of this period’s cases resolved',
    meanHours: 'Mean handling time (hours)',
    p90Hours: '90 % of cases handled within (hours)',
    medianHours: 'Median time to act (hours)',
    onTimeShare: 'Handled within time limits',
    overdue: 'Overdue cases',
    escalated: 'Reported to the complaint management group',
    appeals: 'Appeals (reviews)',
    appealsChanged: 'Reviews that changed the result',
    responses: 'Follow-up answers',
    resolvedShare: 'Answered “resolved”',
    meanScore: 'Mean satisfaction (1-5)',
    malicious: 'Marked malicious or false',
    referrals: 'Referrals to authorities',
    overcount: 'Top-subject counts may be high by at most',
    byKind: 'By kind',
    byType: 'By type',
    byCategory: 'By category',
    byLevel: 'By level',
    byChannel: 'By channel',
    byPriority: 'By priority',
    topSubjects: 'Most frequent subjects',
    subject: 'Subject',
    count: 'Cases',
    hotAndMajor: 'Hot and major cases',
    none: 'None this period.',
    caseNumber: 'Case',
    priorityHeading: 'Priority',
    statusHeading: 'Status',
    whatHappened: 'What happened',
    causes: 'Causes',
    measures: 'Measures against recurrence',
    trendChart: 'Received and resolved, last 12 periods',
    onTimeChart: 'Handled within time limits this period',
    onTimeTrendChart: 'Handled within time limits, last 12 periods',
    categoryChart: 'Received by category this period',
    onTime: 'On time',
    late: 'Late',
    figure: 'Figure',
    value: 'Value',
    suppressed: '“<5” means 1 to 4: so few cases are not published exactly, so that they cannot point at a person.',
    noData: 'no data',
    channel: { web: 'Web form', api: 'API', staff: 'Entered by staff' },
    kind: { complaint: 'Complaint', report: 'Report' },
    level: { 1: 'General', 2: 'Complex', 3: 'Major' },
    priority: { general: 'General', important: 'Important', hot: 'Hot', major: 'Major' },
    status: {
      received: 'Received',
      'needs-supplement': 'Awaiting material',
      rejected: 'Not taken on',
      assigned: 'Assigned',
      'in-progress': 'In progress',
      replied: 'Replied',
      reopened: 'Reopened',
      appealed: 'Under review',
      closed: 'Closed',
    },
    type: { inquiry: 'Inquiry', help: 'Help', appeal: 'Appeal', suggestion: 'Suggestion', complaint: 'Complaint', report: 'Report' },
    unclassified: 'Unclassified',
  },
} as const;

export type ReportWords = (typeof words)['en'];
export const reportWords = (language: Language): ReportWords => words[language] as ReportWords;

type Dimension = 'kind' | 'type' | 'category' | 'level' | 'channel' | 'priority' | 'status';

export interface CategoryName {
  readonly id: string;
  readonly name: Readonly<Record<Language, string>>;
}

/** The name of one value of a dimension (a category id, a level, a state) in a language. */
export function valueName(language: Language, dimension: Dimension, value: string, categories: readonly CategoryName[]): string {
  const w = reportWords(language);
  if (value === 'unclassified') return w.unclassified;
  if (dimension === 'category') return categories.find((c) => c.id === value)?.name[language] ?? value;
  return (w[dimension] as Readonly<Record<string, string>>)[value] ?? value;
}
