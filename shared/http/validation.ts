import * as z from 'zod/mini';
import type { Language } from '../domain/status';
import { type FieldError, problems } from './problem';
import { uploadRefusalMessages } from './upload-messages';

/**
 * Validates a request body with its zod schema; on failure throws a 400 problem listing
 * every bad field with a message in the caller's language (the form shows it beside the field).
 */
export function validate<S extends z.ZodMiniType>(schema: S, input: unknown, language: Language): z.output<S> {
  // reportInput tells a missing field from a wrong one; the input itself never leaves this module.
  const result = z.safeParse(schema, input, { reportInput: true });
  if (result.success) return result.data;
  throw problems.invalidRequest(result.error.issues.flatMap((issue) => fieldErrors(issue, language)));
}

type Issue = z.core.$ZodIssue;

function fieldErrors(issue: Issue, language: Language): FieldError[] {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => fieldError([...path, key], 'unknown-field', language));
  }
  const [code, limit] = reasonOf(issue);
  return [fieldError(path, code, language, limit)];
}

/** Our own refinements carry `reason:limit` as their message; zod's built-ins are mapped. */
function reasonOf(issue: Issue): [string, string?] {
  switch (issue.code) {
    case 'custom': {
      const [reason = 'invalid', limit] = issue.message.split(':');
      return [reason, limit];
    }
    case 'invalid_type':
      return issue.input === undefined ? ['required'] : ['wrong-type'];
    case 'invalid_value':
      if (issue.input === undefined) return ['required'];
      return issue.message in messages ? [issue.message] : ['not-allowed'];
    case 'invalid_format':
      return issue.message.startsWith('invalid-') ? [issue.message] : ['invalid-format'];
    case 'too_big':
      return issue.message.startsWith('too-') ? (issue.message.split(':') as [string, string]) : ['too-long', String(issue.maximum)];
    case 'too_small':
      return issue.message.startsWith('too-') ? (issue.message.split(':') as [string, string]) : ['too-short', String(issue.minimum)];
    default:
      return ['invalid'];
  }
}

const messages: Record<string, Record<Language, (limit?: string) => string>> = {
  required: { 'zh-CN': () => '此项必填。', en: () => 'This field is required.' },
  'wrong-type': { 'zh-CN': () => '格式不正确。', en: () => 'This value has the wrong type.' },
  'not-allowed': { 'zh-CN': () => '请从给出的选项中选择。', en: () => 'Choose one of the offered options.' },
  'unknown-field': { 'zh-CN': () => '不支持此字段。', en: () => 'This field is not supported.' },
  'too-short': { 'zh-CN': (n) => `至少需要 ${n} 个字符。`, en: (n) => `Use at least ${n} characters.` },
  'too-long': { 'zh-CN': (n) => `最多 ${n} 个字符。`, en: (n) => `Use at most ${n} characters.` },
  'too-many': { 'zh-CN': (n) => `最多 ${n} 项。`, en: (n) => `At most ${n} items.` },
  'forbidden-characters': {
    'zh-CN': () => '包含不允许的控制字符，请删除后重试。',
    en: () => 'Contains control characters that are not allowed; please remove them.',
  },
  'invalid-email': { 'zh-CN': () => '请输入有效的电子邮件地址。', en: () => 'Enter a valid email address.' },
  'invalid-phone': {
    'zh-CN': () => '请输入 5-20 位数字的电话号码，可包含 +、空格和连字符。',
    en: () => 'Enter a phone number of 5-20 digits; +, spaces and hyphens are allowed.',
  },
  'not-http-url': { 'zh-CN': () => '请输入以 http:// 或 https:// 开头的链接。', en: () => 'Enter a link starting with http:// or https://.' },
  'contact-required': {
    'zh-CN': () => '投诉需要至少一种联系方式（电子邮件或电话），以便我们答复您。',
    en: () => 'A complaint needs an email address or a phone number so that we can answer you.',
  },
  'good-faith-required': {
    'zh-CN': () => '请确认您提供的信息据您所知真实、准确（如实反映）。',
    en: () => 'Confirm that the information is accurate to the best of your knowledge.',
  },
  'category-not-for-kind': {
    'zh-CN': () => '该类别不适用于所选的类型。',
    en: () => 'This category does not apply to the chosen kind.',
  },
  'too-small': { 'zh-CN': (n) => `不能小于 ${n}。`, en: (n) => `Must be at least ${n}.` },
  'too-big': { 'zh-CN': (n) => `不能大于 ${n}。`, en: (n) => `Must be at most ${n}.` },
  'url-or-upload-id': { 'zh-CN': () => '每项证据需要一个链接或一个上传编号（只能二选一）。', en: () => 'Each evidence item needs either a link or an upload id, not both.' },
  'invalid-grant': { 'zh-CN': () => '链接不完整，请从邮件中完整打开。', en: () => 'The link is incomplete: open it in full from the mail.' },
  'invalid-upload-id': { 'zh-CN': () => '上传编号格式不正确。', en: () => 'This is not an upload id.' },
  ...uploadRefusalMessages,
  'in-the-future': { 'zh-CN': () => '不能晚于当前时间。', en: () => 'This time is in the future.' },
  'case-number-or-email': { 'zh-CN': () => '请给出案件编号或电子邮件地址（二选一）。', en: () => 'Give either a case number or an email address, not both.' },
  'span-too-long': { 'zh-CN': (n) => `时间范围最多 ${n} 天，且开始不得晚于结束。`, en: (n) => `The span may be at most ${n} days, and from may not be after to.` },
  'invalid-format': { 'zh-CN': () => '格式不正确。', en: () => 'This value is not in the expected format.' },
  invalid: { 'zh-CN': () => '此项无效。', en: () => 'This value is not valid.' },
};

/** One field's error in the caller's language (also for checks after the schema, e.g. evidence files). */
export function fieldError(path: string[], code: string, language: Language, limit?: string): FieldError {
  const message = (messages[code] ?? messages.invalid!)[language](limit);
  return { path: path.join('.'), message, code };
}
