import type { Language } from '../domain/status';

/** Why an evidence file was refused where it is referenced, in the caller's language. */
export const uploadRefusalMessages: Record<string, Record<Language, () => string>> = {
  'upload-unknown': {
    'zh-CN': () => '找不到此上传文件（可能已过期或已被使用），请重新上传。',
    en: () => 'No such upload (it may have expired or been used already); please upload the file again.',
  },
  'upload-changed': {
    'zh-CN': () => '文件在检查后被替换，已被拒收，请重新上传。',
    en: () => 'The file was replaced after it was checked; it was refused. Please upload it again.',
  },
  'upload-missing': { 'zh-CN': () => '文件尚未上传完成，请重新上传。', en: () => 'The file was never uploaded; please upload it again.' },
  'upload-larger-than-declared': {
    'zh-CN': () => '文件大于上传时声明的大小，已被拒收。',
    en: () => 'The file is larger than declared when the upload was requested; it was refused.',
  },
  'upload-type-mismatch': {
    'zh-CN': () => '文件内容与声明的类型不符，已被拒收。',
    en: () => 'The file content is not of the declared type; it was refused.',
  },
  'upload-repeated': { 'zh-CN': () => '同一文件只能引用一次。', en: () => 'The same file is referenced more than once.' },
  'upload-empty': { 'zh-CN': () => '文件为空，已被拒收。', en: () => 'The file is empty; it was refused.' },
  'upload-not-fully-read': { 'zh-CN': () => '文件无法完整读取，已被拒收。', en: () => 'The file could not be read back whole; it was refused.' },
};
