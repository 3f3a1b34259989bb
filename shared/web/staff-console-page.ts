import type { StaffSignInSettings } from '../config/runtime';
import type { StageConfig } from '../config/stage-config';
import { allowedFrom } from '../domain/action-statuses';
import { caseStatuses, type Language } from '../domain/status';
import { isoInZone } from '../domain/time-format';
import { actionFields, actionForms, type FormAction } from './console/action-forms';
import { replyTemplates } from './console/reply-templates';
import { caseSection, entrySection, reportsSection, workSection } from './console/sections';
import { type Html, html } from './html';
import { otherLanguage, pageHref, renderPage, stringsFor } from './layout';
import { consoleScript } from './console/script';
import { type ConsoleKey, consoleDictionaries, consoleTranslate } from './console/words';

export interface StaffConsoleInput {
  readonly language: Language;
  readonly signIn: StaffSignInSettings;
  readonly config: Pick<StageConfig, 'categories' | 'departments' | 'timeZone'>;
  /** For the zone's offset, which turns the forms' local times (datetime-local) into instants. */
  readonly now: Date;
}

/**
 * Actions only a supervisor or admin may take (action-permissions.ts `decides` and
 * review). The console hides their forms from others; the API decides (403) either way.
 */
const supervisorActions: readonly FormAction[] = ['decide-extension', 'approve-reply', 'review', 'mark-malicious', 'approve-report'];

/**
 * `GET /staff`: the staff console. It loads without a token (a browser cannot send one
 * on navigation) and holds no case data: the script signs in with the identity provider,
 * then fills the work list and the case view from the staff API. `?case=` opens a case
 * (the assignment mail's link), kept across the sign-in.
 */
export function renderStaffConsole({ language, signIn, config, now }: StaffConsoleInput): string {
  const t = (key: ConsoleKey) => consoleTranslate(language, key);
  const categories = config.categories.map((c) => ({ id: c.id, name: c.name[language], kinds: c.kinds }));
  const choices = { categories, statuses: caseStatuses };
  const main = html`<h1>${t('staff.title')}</h1>
<noscript><div class="alert"><p>${t('staff.noscript')}</p></div></noscript>
<div class="alert" id="staff-alert" role="alert" tabindex="-1" hidden><p></p></div>
<section id="signin" class="card" aria-labelledby="signin-title">
<h2 id="signin-title">${t('staff.signin.title')}</h2>
<p>${t('staff.signin.intro')}</p>
<p id="signin-case" class="note" hidden></p>
${signIn.kind === 'local-password' ? passwordForm(language) : html`<button type="button" id="signin-hosted" class="primary">${t('staff.signin.hosted')}</button>`}
</section>
<section id="who" class="who" aria-labelledby="who-title" hidden>
<h2 id="who-title" class="vh">${t('staff.me.title')}</h2>
<p><strong id="who-name"></strong> <span id="who-email" class="muted"></span><br>
<span class="vh">${t('staff.me.roles')}: </span><span id="who-roles" class="muted"></span> · <span class="vh">${t('staff.me.departments')}: </span><span id="who-departments" class="muted"></span></p>
<button type="button" id="signout" class="quiet">${t('staff.signout')}</button>
</section>
${workSection(language, choices)}
${entrySection(language, choices)}
${reportsSection(language)}
${caseSection(language, actionForms(language, categories))}`;
  const offers = Object.fromEntries(Object.keys(actionFields).map((a) => [a, allowedFrom[a as FormAction]]));
  return renderPage({
    language,
    title: t('staff.title'),
    otherLanguageHref: pageHref('/staff', otherLanguage(language)),
    main,
    script: consoleScript(signIn),
    data: {
      signIn,
      timeZone: config.timeZone,
      offset: isoInZone(now, config.timeZone).slice(19),
      offers,
      supervisorActions,
      categories: Object.fromEntries(categories.map((c) => [c.id, c.name])),
      departments: Object.fromEntries(config.departments.map((d) => [d.id, d.name[language]])),
      templates: replyTemplates(config.categories.map((c) => c.id)),
      strings: stringsFor(language, ['staff.', 'state.', 'level.', 'priority.', 'kind.word.'], consoleDictionaries[language]),
    },
    noIndex: true,
  });
}

/** The local emulator has no hosted login page: email and password, sent by the script. */
function passwordForm(language: Language): Html {
  const t = (key: ConsoleKey) => consoleTranslate(language, key);
  return html`<form id="signin-form" novalidate>
<div class="field"><label for="f-email">${t('staff.signin.email')}</label>
<input type="email" id="f-email" autocomplete="username" autocapitalize="none" spellcheck="false" required></div>
<div class="field"><label for="f-password">${t('staff.signin.password')}</label>
<input type="password" id="f-password" autocomplete="current-password" required></div>
<p class="hint">${t('staff.signin.local')}</p>
<div class="actions"><button type="submit" id="signin-send" class="primary">${t('staff.signin.submit')}</button></div>
</form>`;
}

/** The origin the console's script calls to sign in (allowed by its CSP `connect-src`). */
export const signInOrigin = (signIn: StaffSignInSettings): string => new URL(signIn.kind === 'local-password' ? signIn.endpoint : signIn.kind === 'oidc' ? signIn.issuer : signIn.domain).origin;
