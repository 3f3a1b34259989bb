/**
 * A lost access token (api.md `POST /complaints/{n}/access`). Asking always gets the same
 * answer, whether the case exists or has an email; if it has one, the owner of the address
 * gets a one-time link, valid a day. Following it exchanges the link's secret for a new
 * token, which replaces the old one at that instant.
 *
 * The link mail is sent here rather than through `notify`: it carries a credential, and a
 * notice item would keep it in the table; here only the secret's hash is ever stored.
 */
import { randomBytes } from 'node:crypto';
import { loadCase, loadContact, replaceAccessToken, storeAccessGrant } from '../adapters/case-repository';
import { logger } from '../adapters/logger';
import { takeMailAllowance } from '../adapters/mail-cap';
import { sendMail } from '../adapters/mailer';
import { accessLimitReached } from '../adapters/rate-limiter';
import type { StageConfig } from '../config/stage-config';
import { accessLinkUrl, statusUrl } from '../http/links';
import { problems } from '../http/problem';
import { renderAccessLinkMail } from '../mail/access-link';
import { hashToken, newAccessToken } from './access-token';

const linkValidMs = 24 * 3_600_000;

interface Settings {
  readonly tableName: string;
  readonly config: StageConfig;
}

/** `email`, when given, must be the case's own address (without case and outer spaces), or nothing is sent. */
export async function requestAccessLink(settings: Settings, caseNumber: string, clientAddress: string, now: Date, email?: string): Promise<void> {
  const { tableName, config } = settings;
  const { perCasePerHour: perCase, perClientPerHour: perClient } = config.accessLinks;
  const retryAfter = await accessLimitReached(tableName, { caseNumber, clientAddress, now }, { perCase, perClient });
  if (retryAfter !== undefined) throw problems.tooManyRequests(retryAfter);
  const [stored, contact] = await Promise.all([loadCase(tableName, caseNumber), loadContact(tableName, caseNumber)]);
  if (!stored || !contact?.email) return;
  if (email !== undefined && email.trim().toLowerCase() !== contact.email.trim().toLowerCase()) return;
  if (!(await takeMailAllowance(tableName, contact.email, now, config.timeZone, config.rateLimits.mailsPerRecipientPerDay))) {
    logger.warn('Access link not sent: the address had its mails for the day', { caseNumber });
    return;
  }
  const grant = randomBytes(32).toString('base64url');
  const validUntil = new Date(now.getTime() + linkValidMs);
  await storeAccessGrant(tableName, caseNumber, hashToken(grant), validUntil);
  const link = accessLinkUrl(config.publicBaseUrl, caseNumber, grant);
  await sendMail({ to: contact.email, ...renderAccessLinkMail({ caseNumber, link, validUntil, timeZone: config.timeZone }, stored.language) });
  logger.info('Access link sent', { caseNumber });
}

/** The link's secret for a new token (404, the same as a wrong token, when unknown, used or expired). */
export async function redeemAccessLink(settings: Settings, caseNumber: string, grant: string, now: Date) {
  const accessToken = newAccessToken();
  if (!(await replaceAccessToken(settings.tableName, caseNumber, hashToken(grant), hashToken(accessToken), now))) throw problems.notFound();
  logger.info('Access token replaced', { caseNumber });
  return { caseNumber, accessToken, statusUrl: statusUrl(settings.config.publicBaseUrl, caseNumber, accessToken) };
}
