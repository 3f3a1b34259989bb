/**
 * 回避 recusal (spec/api.md "Recusal"): a case whose subject or description names a staff
 * member is about them, whatever the subject's type. Pure; staff-access.ts (who sees a case),
 * routing.ts (who may be assigned or review it) and separation-of-duties.ts (who may act
 * on it) all ask `isAboutStaff`.
 *
 * How a name is found in the text (compared in Unicode compatibility form, without case):
 * - a Chinese name as written (`李娜` of `李娜 Li Na`, 2 characters or more), anywhere,
 *   spaces between its characters ignored (`客服李娜态度差`, `李 娜`);
 * - the English name whole, in either order, its words apart by a space, dot, hyphen or
 *   underscore (`Li Na`, `na li`, `li-na`), as whole words: never one word of it alone, so
 *   `Service` in `客服 Customer Service` hides no case about a service;
 * - the mailbox: the whole address, or its local part as a whole token (`li.na`, not
 *   `li.nas` nor `li.na-shop`);
 * - a one-word name (`Admin`) only as the whole value of a `staff` subject: as a word of a
 *   description it is too common to mean the person.
 */
import type { Subject } from './case-state';
import type { StaffMember } from './staff-directory';

/** What recusal reads of a case: its subject and, when at hand, its description. */
export interface CaseAbout {
  readonly subject: Subject;
  readonly description?: string;
}

const fold = (text: string): string => text.normalize('NFKC').toLowerCase();
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isHan = (token: string): boolean => /^\p{Script=Han}+$/u.test(token);
const isLatinWord = (token: string): boolean => /^[\p{Script=Latin}\p{N}'-]+$/u.test(token);

/** A word of letters or digits, not inside a longer one. */
const wholeWord = (body: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'u');
/** An address token: not inside a longer address or mailbox name (a sentence's full stop may follow). */
const wholeMailbox = (body: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}_.+-])${body}(?![\\p{L}\\p{N}_+-])(?!\\.[\\p{L}\\p{N}])`, 'u');

interface NamePatterns {
  readonly chinese: readonly string[];
  readonly patterns: readonly RegExp[];
  readonly wholeValues: readonly string[];
}

const cache = new WeakMap<StaffMember, NamePatterns>();

/** The ways a staff member is named in text, worked out once per member. */
function namePatterns(member: StaffMember): NamePatterns {
  const known = cache.get(member);
  if (known) return known;
  const tokens = fold(member.name).split(/\s+/u).filter(Boolean);
  const chinese = tokens.filter((t) => isHan(t) && [...t].length >= 2);
  const english = tokens.filter(isLatinWord);
  const address = fold(member.email);
  const mailbox = address.split('@')[0]!;
  const separator = '[\\s._-]+';
  const patterns = [
    wholeMailbox(escape(address)),
    wholeMailbox(escape(mailbox)),
    ...(english.length >= 2 ? [english, [...english].reverse()].map((words) => wholeWord(words.map(escape).join(separator))) : []),
  ];
  const made = { chinese, patterns, wholeValues: [fold(member.name), ...tokens.filter(() => tokens.length === 1), ...english.filter(() => english.length === 1)] };
  cache.set(member, made);
  return made;
}

/** Does this text name the staff member (Chinese name, English name whole, address or mailbox)? */
export function namesStaffMember(member: StaffMember, text: string): boolean {
  const { chinese, patterns } = namePatterns(member);
  const folded = fold(text);
  const compact = folded.replace(/\s+/gu, '');
  return chinese.some((name) => compact.includes(name)) || patterns.some((pattern) => pattern.test(folded));
}

/** Is the case about this staff member: its subject or description names them? */
export function isAboutStaff(member: StaffMember, about: CaseAbout): boolean {
  const value = fold(about.subject.value).trim().replace(/\s+/gu, ' ');
  if (about.subject.type === 'staff' && namePatterns(member).wholeValues.includes(value)) return true;
  return namesStaffMember(member, about.subject.value) || (about.description !== undefined && namesStaffMember(member, about.description));
}
