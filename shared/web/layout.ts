import type { Language } from '../domain/status';
import { type Html, html, jsonForScript, trusted } from './html';
import { type Dictionary, dictionaries, type StringKey, translate } from './strings';
import { styleSheet } from './styles';

/** What one public page puts into the shared frame. */
export interface PageFrame {
  readonly language: Language;
  /** The document title; the site name is appended. */
  readonly title: string;
  /**
   * The same page in the other language. Left out on pages that answer a POST
   * (result, form with errors): following it would lose what is on the screen.
   */
  readonly otherLanguageHref?: string;
  readonly main: Html;
  /** The page's inline script (./scripts.ts, or the console's), allowed by its hash; left out on a page that needs none (the transparency summary): no script, no page data. */
  readonly script?: string;
  /** Read by the page script; `strings` are the dictionary entries it needs. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Pages showing or asking for a token are never indexed. */
  readonly noIndex?: boolean;
}

export const otherLanguage = (language: Language): Language => (language === 'en' ? 'zh-CN' : 'en');

/** The dictionary entries whose keys start with one of `prefixes`, for a page script (the console passes its own dictionary). */
export function stringsFor(language: Language, prefixes: readonly string[], from: Readonly<Record<string, string>> = dictionaries[language] satisfies Dictionary): Record<string, string> {
  return Object.fromEntries(
    Object.entries(from).filter(([key]) => prefixes.some((prefix) => key.startsWith(prefix))),
  );
}

/** The whole document: mobile viewport, `lang`, inline style and script (allowed by hash), skip link, header with the language switch. */
export function renderPage(frame: PageFrame): string {
  const t = (key: StringKey) => translate(frame.language, key);
  const other = otherLanguage(frame.language);
  const languageSwitch = frame.otherLanguageHref
    ? html`<a class="lang" id="lang-switch" href="${frame.otherLanguageHref}" lang="${other}" hreflang="${other}">${t('lang.other')}</a>`
    : '';
  const page = html`<!doctype html>
<html lang="${frame.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="format-detection" content="telephone=no">
${frame.noIndex ? html`<meta name="robots" content="noindex, nofollow">` : ''}
<title>${frame.title} - ${t('site.name')}</title>
<style>${trusted(styleSheet)}</style>
</head>
<body>
<a class="skip" href="#main">${t('skip.main')}</a>
<header class="top"><div class="bar"><a class="brand" href="/?lang=${frame.language}">${t('site.name')}</a>${languageSwitch}</div></header>
<main id="main" tabindex="-1">
${frame.main}
</main>
<footer class="bottom"><p>${t('footer.privacy')}</p><p>${t('footer.help')}</p></footer>
${frame.script ? html`<script type="application/json" id="page-data">${jsonForScript({ language: frame.language, ...frame.data })}</script>
<script>${trusted(frame.script)}</script>` : ''}
</body>
</html>
`;
  return page.markup;
}

/** `?lang=` link to a public page in a language, keeping the other query parameters given. */
export function pageHref(path: string, language: Language, query: Readonly<Record<string, string | undefined>> = {}): string {
  const params = new URLSearchParams({ lang: language });
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  return `${path}?${params.toString()}`;
}
