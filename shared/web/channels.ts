import type { StageConfig } from '../config/stage-config';
import { reportPeriodAt } from '../domain/report-period';
import type { Language } from '../domain/status';
import { type Html, html } from './html';
import { type StringKey, translate } from './strings';

/** What the pages publish of the stage's service desk (its contacts, never a staff member's). */
export type PublishedChannels = Pick<StageConfig, 'serviceDesk' | 'timeZone'>;

/**
 * 投诉举报渠道 (seeds 001, 002: 在平台显著位置公示, 向社会公开投诉举报电话): the desk's phone,
 * email, postal address and hours as the stage configures them, and the public summary of
 * the last complete month (信息公开), on the form and status pages.
 */
export function channelsSection(language: Language, channels: PublishedChannels, now: Date): Html {
  const t = (key: StringKey) => translate(language, key);
  const desk = channels.serviceDesk;
  const row = (label: StringKey, value: Html | string) => html`<dt>${t(label)}</dt><dd>${value}</dd>`;
  const period = reportPeriodAt(now, 'month', channels.timeZone);
  return html`<section class="card channels" aria-labelledby="channels-title">
<h2 id="channels-title">${t('channels.title')}</h2>
<p>${t('channels.intro')} ${desk.name[language]}</p>
<dl class="facts">
${desk.phone ? row('channels.phone', html`<a href="tel:${desk.phone.replace(/[^\d+]/g, '')}">${desk.phone}</a>`) : ''}
${desk.email ? row('channels.email', html`<a href="mailto:${desk.email}">${desk.email}</a>`) : ''}
${desk.postalAddress ? row('channels.post', desk.postalAddress[language]) : ''}
${row('channels.hours', desk.hours[language])}
</dl>
<p><a id="transparency-link" href="/transparency/${period}?lang=${language}">${t('channels.transparency')}</a></p>
</section>`;
}
