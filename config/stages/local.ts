/**
 * Stage `local` (`npm start`, `npm test`): demo departments and staff at example.org,
 * mainland-China working time (09:00-18:00 Asia/Shanghai, Monday to Friday, State
 * Council holidays and make-up days from `chinese-days`). Time limits are the schema's
 * defaults (domain.md, `defaultLimits` in shared/config/stage-config.ts): add `limits`
 * here to change one.
 */
import type { StageConfigInput } from '../../shared/config/stage-config';
import { standardCategories } from './categories';

const config = {
  senderAddress: 'complaints@example.org',
  publicBaseUrl: 'http://localhost:3000',
  timeZone: 'Asia/Shanghai',
  caseNumberPrefix: { complaint: 'TS', report: 'JB' },
  departments: [
    { id: 'customer-service', name: { 'zh-CN': '客户服务中心', en: 'Customer Service Centre' }, supervisor: 'wang.fang@example.org' },
    { id: 'technology', name: { 'zh-CN': '技术部', en: 'Technology' }, supervisor: 'chen.jie@example.org' },
    { id: 'compliance', name: { 'zh-CN': '合规与备案部', en: 'Compliance and ICP Filing' }, supervisor: 'zhou.min@example.org' },
    { id: 'content-security', name: { 'zh-CN': '网络安全与内容安全部', en: 'Security and Content Safety' }, supervisor: 'wu.hao@example.org' },
  ],
  staff: [
    { email: 'admin@example.org', name: '管理员 Admin', roles: ['admin'] },
    { email: 'director@example.org', name: '郑主任 Zheng Director', roles: ['supervisor', 'admin'], departments: ['customer-service', 'technology', 'compliance', 'content-security'] },
    { email: 'wang.fang@example.org', name: '王芳 Wang Fang', roles: ['supervisor', 'handler'], departments: ['customer-service'], supervisor: 'director@example.org' },
    { email: 'li.na@example.org', name: '李娜 Li Na', roles: ['handler'], departments: ['customer-service'] },
    { email: 'zhao.lei@example.org', name: '赵磊 Zhao Lei', roles: ['handler'], departments: ['customer-service'] },
    { email: 'chen.jie@example.org', name: '陈杰 Chen Jie', roles: ['supervisor', 'handler'], departments: ['technology'], supervisor: 'director@example.org' },
    { email: 'liu.yang@example.org', name: '刘洋 Liu Yang', roles: ['handler'], departments: ['technology'] },
    { email: 'zhou.min@example.org', name: '周敏 Zhou Min', roles: ['supervisor', 'handler'], departments: ['compliance'], supervisor: 'director@example.org' },
    { email: 'sun.li@example.org', name: '孙丽 Sun Li', roles: ['handler'], departments: ['compliance'] },
    { email: 'wu.hao@example.org', name: '吴昊 Wu Hao', roles: ['supervisor', 'handler'], departments: ['content-security'], supervisor: 'director@example.org' },
    {
      email: 'he.qing@example.org',
      name: '何清 He Qing',
      roles: ['handler'],
      departments: ['content-security'],
      conflicts: [{ subjectType: 'organisation', value: '示例网络科技有限公司', reason: '亲属任职 relative works there' }],
    },
    { email: 'xu.tao@example.org', name: '徐涛 Xu Tao', roles: ['handler'], departments: ['content-security', 'compliance'] },
  ],
  categories: standardCategories,
  calendar: {
    weekdays: [1, 2, 3, 4, 5],
    workingPeriods: [{ start: '09:00', end: '18:00' }],
    holidaySource: 'chinese-days',
  },
  escalation: { reminderShare: 0.8 },
  review: {
    // Empty: every host is in scope (demo submissions use many hosts); a deployment lists its own.
    scopeHosts: [],
    requirements: [
      { category: 'fraud', kinds: ['report'], needs: ['evidence'] },
      { category: 'illegal-content', kinds: ['report'], needs: ['evidence'] },
    ],
    faq: [
      {
        id: 'service-hours',
        keywords: ['服务时间', '工作时间', 'service hours', 'opening hours'],
        answer: {
          'zh-CN': '我们的人工服务时间为工作日 09:00-18:00（北京时间），节假日除外；网上投诉和举报全天受理。',
          en: 'Staff answer on working days 09:00-18:00 (Beijing time), except public holidays; online complaints and reports are received at any time.',
        },
      },
    ],
  },
  serviceDesk: {
    name: { 'zh-CN': '投诉举报受理中心', en: 'Complaints and reports desk' },
    phone: '010-5555 0123',
    email: 'service-desk@example.org',
    postalAddress: { 'zh-CN': '北京市海淀区示例路 1 号 投诉举报受理中心（邮编 100000）', en: 'Complaints and reports desk, 1 Example Road, Haidian District, Beijing 100000' },
    hours: { 'zh-CN': '工作日 09:00-18:00（节假日除外）；网上投诉举报全天受理', en: 'Working days 09:00-18:00 (except public holidays); online complaints and reports at any time' },
  },
  managementGroup: [{ name: '投诉管理小组 Complaint management group', email: 'complaint-group@example.org' }],
  // The weekly report too, so both schedules can be tried on a laptop.
  reports: { weekly: true },
  onCall: [{ name: '值班 On call', email: 'on-call@example.org', phone: '+86 10 0000 0000' }],
  // A demo trusted flagger (DSA Art. 22): its key, for this stage only, is
  // `local-demo-trusted-12377-key-0000000000000000`; a real stage lists its sources' key hashes.
  trustedSources: [
    {
      id: 'demo-12377',
      name: { 'zh-CN': '违法和不良信息举报中心（演示）', en: 'Illegal and harmful information reporting centre (demo)' },
      kind: 'authority',
      keySha256: 'ed719a07cfe17ef59d8bc074ccf6a1bfd0bd5dfaa49a2c35459ab27c58da5bb0',
    },
  ],
  retention: { closedCaseMonths: 12 },
  rateLimits: { submissionsPerMinute: 30, requestsPerMinute: 1200, mailsPerRecipientPerDay: 10 },
  // The test tiers act as many staff members at once through one gateway: the staff routes'
  // throttle as the public ones' (a deployed stage keeps the default 20 a second, burst 40).
  capacity: { staffApiRatePerSecond: 100, staffApiBurst: 200 },
} satisfies StageConfigInput;

export default config;
