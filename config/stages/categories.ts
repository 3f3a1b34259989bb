import type { StageConfigInput } from '../../shared/config/stage-config';

/**
 * The categories every stage has (spec/api.md "Categories"; seeds 002 and 004): ids,
 * names, which kinds may use them, the default type, level and department. A stage may
 * replace the list, but these ids are part of the public contract.
 */
export const standardCategories: StageConfigInput['categories'] = [
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
];
