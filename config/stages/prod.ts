/**
 * Stage `prod` (example): the organisation's real departments and staff go here.
 * Addresses are placeholders at example.org; every limit not written is the
 * domain.md default. When the State Council publishes next year's arrangement
 * before `chinese-days` carries it, add it under `calendar.arrangements`.
 */
import type { StageConfigInput } from '../../shared/config/stage-config';

const config = {
  senderAddress: 'complaints@example.org',
  publicBaseUrl: 'https://complaints.example.org',
  timeZone: 'Asia/Shanghai',
  departments: [
    { id: 'customer-service', name: { 'zh-CN': '客户服务中心', en: 'Customer Service Centre' }, supervisor: 'cs-lead@example.org' },
    { id: 'technology', name: { 'zh-CN': '技术部', en: 'Technology' }, supervisor: 'tech-lead@example.org' },
    { id: 'compliance', name: { 'zh-CN': '合规与备案部', en: 'Compliance and ICP Filing' }, supervisor: 'compliance-lead@example.org' },
    { id: 'content-security', name: { 'zh-CN': '网络安全与内容安全部', en: 'Security and Content Safety' }, supervisor: 'security-lead@example.org' },
  ],
  staff: [
    { email: 'ops-admin@example.org', name: 'Operations admin', roles: ['admin'] },
    { email: 'cs-lead@example.org', name: 'Customer service lead', roles: ['supervisor', 'handler'], departments: ['customer-service'] },
    { email: 'cs-agent@example.org', name: 'Customer service agent', roles: ['handler'], departments: ['customer-service'] },
    { email: 'tech-lead@example.org', name: 'Technology lead', roles: ['supervisor', 'handler'], departments: ['technology'] },
    { email: 'tech-agent@example.org', name: 'Technology engineer', roles: ['handler'], departments: ['technology'] },
    { email: 'compliance-lead@example.org', name: 'Compliance lead', roles: ['supervisor', 'handler'], departments: ['compliance'] },
    { email: 'compliance-agent@example.org', name: 'Compliance officer', roles: ['handler'], departments: ['compliance'] },
    { email: 'security-lead@example.org', name: 'Security lead', roles: ['supervisor', 'handler'], departments: ['content-security'] },
    { email: 'security-agent@example.org', name: 'Content reviewer', roles: ['handler'], departments: ['content-security'] },
  ],
  categories: [
    { id: 'functional-fault', name: { 'zh-CN': '功能故障', en: 'Functional fault' }, kinds: ['complaint'], defaultType: 'complaint', level: { complaint: 2 }, department: 'technology' },
    { id: 'service-quality', name: { 'zh-CN': '服务质量', en: 'Service quality' }, kinds: ['complaint'], defaultType: 'complaint', level: { complaint: 1 }, department: 'customer-service' },
    { id: 'information-error', name: { 'zh-CN': '信息错误', en: 'Information error' }, kinds: ['complaint'], defaultType: 'complaint', level: { complaint: 1 }, department: 'customer-service' },
    { id: 'privacy', name: { 'zh-CN': '隐私', en: 'Privacy' }, kinds: ['complaint', 'report'], defaultType: 'complaint', level: { complaint: 2, report: 2 }, department: 'compliance', security: true },
    { id: 'icp-filing', name: { 'zh-CN': '备案', en: 'ICP filing' }, kinds: ['complaint'], defaultType: 'complaint', level: { complaint: 2 }, department: 'compliance' },
    { id: 'fraud', name: { 'zh-CN': '网络诈骗', en: 'Online fraud' }, kinds: ['complaint', 'report'], defaultType: 'report', level: { complaint: 2, report: 3 }, department: 'content-security', security: true },
    { id: 'harassment', name: { 'zh-CN': '网络骚扰', en: 'Online harassment' }, kinds: ['complaint', 'report'], defaultType: 'complaint', level: { complaint: 2, report: 2 }, department: 'content-security' },
    { id: 'illegal-content', name: { 'zh-CN': '违法有害信息', en: 'Illegal or harmful content' }, kinds: ['report'], defaultType: 'report', level: { report: 3 }, department: 'content-security', security: true },
    { id: 'platform-violation', name: { 'zh-CN': '平台违规', en: 'Platform violation' }, kinds: ['complaint', 'report'], defaultType: 'complaint', level: { complaint: 2, report: 2 }, department: 'compliance' },
    { id: 'other', name: { 'zh-CN': '其他', en: 'Other' }, kinds: ['complaint', 'report'], defaultType: 'inquiry', level: { complaint: 1, report: 1 }, department: 'customer-service' },
  ],
  calendar: { holidaySource: 'chinese-days' },
  managementGroup: [{ name: '投诉管理小组 Complaint management group', email: 'complaint-group@example.org' }],
  onCall: [{ name: '值班 On call', email: 'on-call@example.org' }],
  retention: { closedCaseMonths: 12 },
  rateLimits: { submissionsPerMinute: 10, requestsPerMinute: 600 },
} satisfies StageConfigInput;

export default config;
