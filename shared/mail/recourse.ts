/**
 * What the complainant's decision mails say about where to turn (seed 003 四(一), seed 001
 * (五)3): the service desk of the stage (a desk with its phone and email, never a staff
 * member) and the outside routes the stage config names for the case's category
 * (`outsideRoutes`: 12315 for consumer matters, 12377 and 12321 for harmful information,
 * the local 网信 office, industry associations). Nothing here is hard-coded per category.
 */
import type { Language } from '../domain/status';
import type { NoticeFacts } from './notices';

/** The desk as one line: name, then phone and email where the stage gives them. */
export function serviceDeskLine(f: NoticeFacts, language: Language): string {
  const desk = f.config.serviceDesk;
  const ways = [desk.phone && (language === 'en' ? `phone ${desk.phone}` : `电话 ${desk.phone}`), desk.email && (language === 'en' ? `email ${desk.email}` : `邮箱 ${desk.email}`)].filter(Boolean);
  const hours = desk.hours[language];
  return language === 'en'
    ? `Questions: ${desk.name.en}${ways.length ? `, ${ways.join(', ')}` : ''} (${hours}).`
    : `如需咨询，请联系${desk.name['zh-CN']}${ways.length ? `：${ways.join('，')}` : ''}（${hours}）。`;
}

/** The outside routes for the case's category, in the stage's order: each "name (contact)". */
export function outsideRoutes(f: NoticeFacts, language: Language): string[] {
  return f.config.outsideRoutes
    .filter((route) => route.categories.length === 0 || route.categories.includes(f.caseItem.category))
    .map((route) => `${route.name[language]}（${route.contact}）`.replace(/（(.*)）$/, language === 'en' ? ' ($1)' : '（$1）'));
}
