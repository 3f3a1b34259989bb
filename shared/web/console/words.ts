import type { Language } from '../../domain/status';
import { format, type StringKey } from '../strings';
import { type StatusKey, withStatusWords } from '../status-strings';
import { staffEn, staffZh } from './strings';

/**
 * The console's dictionary: the public pages' words (site name, states, levels,
 * priorities, kinds) and the staff words. Kept apart from ../strings.ts so that only the
 * staff console's bundle carries the staff words.
 */
export type ConsoleKey = StringKey | StatusKey | keyof typeof staffZh;

export const consoleDictionaries: Readonly<Record<Language, Readonly<Record<ConsoleKey, string>>>> = {
  'zh-CN': { ...withStatusWords('zh-CN'), ...staffZh },
  en: { ...withStatusWords('en'), ...staffEn },
};

export function consoleTranslate(language: Language, key: ConsoleKey, values?: Readonly<Record<string, string | number>>): string {
  return format(consoleDictionaries[language][key], values);
}
