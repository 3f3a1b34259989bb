/**
 * Stage `prod` (example): the organisation's real departments and staff go here.
 * Addresses are placeholders at example.org; every limit not written is the
 * domain.md default. When the State Council publishes next year's arrangement
 * before `chinese-days` carries it, add it under `calendar.arrangements`.
 */
import type { StageConfigInput } from '../../shared/config/stage-config';
import { standardCategories } from './categories';

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
  categories: standardCategories,
  // Every staff member signs in with a second factor (TOTP app), set up at first sign-in.
  staffSignIn: { mfa: 'required' },
  calendar: { holidaySource: 'chinese-days' },
  managementGroup: [{ name: '投诉管理小组 Complaint management group', email: 'complaint-group@example.org' }],
  onCall: [{ name: '值班 On call', email: 'on-call@example.org' }],
  retention: { closedCaseMonths: 12 },
  rateLimits: { submissionsPerMinute: 10, requestsPerMinute: 600, mailsPerRecipientPerDay: 5 },
} satisfies StageConfigInput;

export default config;
