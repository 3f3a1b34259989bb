/**
 * Reply templates (答复模板) the console offers in the reply and review forms: per
 * category and language, the four parts of a reply (domain.md workflow 7: result,
 * basis, measures, remedies). Staff pick one and edit every part before sending, so a
 * template is a starting text, never sent as it stands. `{caseNumber}` is filled in by
 * the console. The bases name the rules of seeds 002/004 (the service's own complaint
 * rules and the regulations they rest on); a stage that changes categories gets the
 * generic template for the ones missing here.
 */
import type { Language } from '../../domain/status';

export interface ReplyTemplate {
  readonly result: string;
  readonly basis: string;
  readonly measures: string;
  readonly remedies: string;
}

type Parts = Readonly<Record<Language, { readonly basis: string; readonly measures: string }>>;

const result: Readonly<Record<Language, string>> = {
  'zh-CN': '关于您反映的问题（案件编号 {caseNumber}），经调查核实，情况如下：',
  en: 'About the matter you raised (case {caseNumber}), we have looked into it and found:',
};

const remedies: Readonly<Record<Language, string>> = {
  'zh-CN':
    '如对处理结果不满意，您可以在收到本答复之日起 15 个工作日内通过查询进度页面申请复核；也可以向主管部门反映：电信服务问题可向工业和信息化部电信用户申诉受理中心（12300）申诉，违法和不良信息可向中央网信办违法和不良信息举报中心（12377）举报。',
  en:
    'If you disagree with this result, you can ask for a review on the case status page within 15 working days of this reply. You can also go to the competent authorities: the MIIT telecom user appeal centre (12300) for telecom services, and the CAC illegal and harmful information reporting centre (12377) for illegal content.',
};

const generic: Parts = {
  'zh-CN': { basis: '依据本单位《互联网信息服务投诉与举报处理制度》及相关法律法规。', measures: '我们已采取以下措施：' },
  en: { basis: "Under our Internet information service complaint and report rules and the applicable laws and regulations.", measures: 'We have taken these measures:' },
};

const byCategory: Readonly<Record<string, Parts>> = {
  'functional-fault': {
    'zh-CN': { basis: '依据本单位服务协议和《互联网信息服务投诉与举报处理制度》。', measures: '技术部门已定位并修复故障，修复时间为：' },
    en: { basis: 'Under our terms of service and our complaint and report rules.', measures: 'Our technology team found and fixed the fault; fixed on:' },
  },
  'service-quality': {
    'zh-CN': { basis: '依据本单位服务规范和《互联网信息服务投诉与举报处理制度》。', measures: '我们已与相关工作人员核实情况，并采取以下改进措施：' },
    en: { basis: 'Under our service standards and our complaint and report rules.', measures: 'We checked with the staff involved and are making these improvements:' },
  },
  'information-error': {
    'zh-CN': { basis: '依据《互联网信息服务管理办法》关于信息准确性的要求。', measures: '我们已更正以下信息：' },
    en: { basis: 'Under the Measures for the Administration of Internet Information Services on accurate information.', measures: 'We corrected this information:' },
  },
  privacy: {
    'zh-CN': { basis: '依据《中华人民共和国个人信息保护法》和《中华人民共和国网络安全法》。', measures: '我们已核查个人信息的处理情况，并采取以下措施：' },
    en: { basis: 'Under the Personal Information Protection Law and the Cybersecurity Law of the PRC.', measures: 'We checked how the personal information was handled and took these measures:' },
  },
  'icp-filing': {
    'zh-CN': { basis: '依据《非经营性互联网信息服务备案管理办法》。', measures: '我们已核对备案信息，并采取以下措施：' },
    en: { basis: 'Under the Measures for the Filing Administration of Non-commercial Internet Information Services.', measures: 'We checked the ICP filing and took these measures:' },
  },
  fraud: {
    'zh-CN': { basis: '依据《中华人民共和国反电信网络诈骗法》和《中华人民共和国网络安全法》。', measures: '我们已对涉嫌诈骗的内容和账号采取以下措施，并已按规定向有关部门报告：' },
    en: { basis: 'Under the Anti-Telecom and Online Fraud Law and the Cybersecurity Law of the PRC.', measures: 'We took these measures against the suspected fraud and reported it to the authorities as required:' },
  },
  harassment: {
    'zh-CN': { basis: '依据《网络信息内容生态治理规定》和本单位用户协议。', measures: '我们已对相关账号采取以下措施：' },
    en: { basis: 'Under the Provisions on the Governance of the Online Information Content Ecosystem and our user agreement.', measures: 'We took these measures against the accounts involved:' },
  },
  'illegal-content': {
    'zh-CN': { basis: '依据《中华人民共和国网络安全法》第四十七条和《网络信息内容生态治理规定》。', measures: '我们已停止传输相关信息，保存有关记录，并已向有关主管部门报告。' },
    en: { basis: 'Under Article 47 of the Cybersecurity Law and the Provisions on the Governance of the Online Information Content Ecosystem.', measures: 'We stopped the transmission of the content, kept the records and reported it to the competent authorities.' },
  },
  'platform-violation': {
    'zh-CN': { basis: '依据本单位平台规则和用户协议。', measures: '我们已核实违规情况，并采取以下措施：' },
    en: { basis: 'Under our platform rules and user agreement.', measures: 'We confirmed the violation and took these measures:' },
  },
};

/** Every template for the categories given (the stage's), in both languages, plus `*` for any other. */
export function replyTemplates(categoryIds: readonly string[]): Record<string, Record<Language, ReplyTemplate>> {
  const build = (parts: Parts): Record<Language, ReplyTemplate> => ({
    'zh-CN': { result: result['zh-CN'], remedies: remedies['zh-CN'], ...parts['zh-CN'] },
    en: { result: result.en, remedies: remedies.en, ...parts.en },
  });
  return Object.fromEntries([...categoryIds.map((id) => [id, build(byCategory[id] ?? generic)] as const), ['*', build(generic)] as const]);
}
