import type { StaffSignInSettings } from '../config/runtime';
import type { Language } from '../domain/status';
import { type Html, html } from './html';
import { otherLanguage, pageHref, renderPage, stringsFor } from './layout';
import { type StringKey, translate } from './strings';

export interface StaffConsoleInput {
  readonly language: Language;
  readonly signIn: StaffSignInSettings;
}

/**
 * `GET /staff`: the staff console's shell. It loads without a token (a browser cannot
 * send one on navigation) and holds no data: the script signs in with the identity
 * provider and asks `GET /staff/me` who that is. The work lists and the case view come
 * with the staff API, on top of this page.
 */
export function renderStaffConsole({ language, signIn }: StaffConsoleInput): string {
  const t = (key: StringKey) => translate(language, key);
  const main = html`<h1>${t('staff.title')}</h1>
<noscript><div class="alert"><p>${t('staff.noscript')}</p></div></noscript>
<div class="alert" id="staff-alert" role="alert" tabindex="-1" hidden><p></p></div>
<section id="signin" class="card" aria-labelledby="signin-title">
<h2 id="signin-title">${t('staff.signin.title')}</h2>
<p>${t('staff.signin.intro')}</p>
${signIn.kind === 'local-password' ? passwordForm(language) : html`<button type="button" id="signin-hosted" class="primary">${t('staff.signin.hosted')}</button>`}
</section>
<section id="who" class="card" aria-labelledby="who-title" hidden>
<h2 id="who-title" tabindex="-1">${t('staff.me.title')}</h2>
<p><strong id="who-name"></strong> <span id="who-email" class="muted"></span></p>
<h3>${t('staff.me.roles')}</h3><ul id="who-roles"></ul>
<h3>${t('staff.me.departments')}</h3><ul id="who-departments"></ul>
<div class="actions"><button type="button" id="signout">${t('staff.signout')}</button></div>
</section>
<section id="work" class="card" aria-labelledby="work-title" hidden>
<h2 id="work-title">${t('staff.work.title')}</h2>
<p>${t('staff.work.pending')}</p>
</section>`;
  return renderPage({
    language,
    title: t('staff.title'),
    otherLanguageHref: pageHref('/staff', otherLanguage(language)),
    main,
    script: 'staff',
    data: { signIn, strings: stringsFor(language, ['staff.']) },
    noIndex: true,
  });
}

/** The local emulator has no hosted login page: email and password, sent by the script. */
function passwordForm(language: Language): Html {
  const t = (key: StringKey) => translate(language, key);
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
export const signInOrigin = (signIn: StaffSignInSettings): string => new URL(signIn.kind === 'local-password' ? signIn.endpoint : signIn.domain).origin;
