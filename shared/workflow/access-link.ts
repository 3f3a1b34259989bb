/**
 * A lost access token (api.md `POST /complaints/{n}/access`). Asking always gets the same
 * answer in the same time, whether the case exists or has an email: the HTTP function counts
 * the request per client address and hands a message to `notify`, for every well-formed
 * case number, and nothing else. The `notify` consumer (`sendAccessLink`) then mails the
 * owner of the address, if there is one, a one-time link, valid a day. Following it
 * exchanges the link's secret for a new token, which replaces the old one at that instant.
 *
 * The link's secret is made where the mail is sent, never carried in a message or a notice
 * item: only its hash is ever stored. A mail that fails is the consumer's to retry; the
 * request was answered before.
 */
import { createHash, randomBytes } from 'node:crypto';
import { replaceAccessToken, storeAccessGrant } from '../adapters/access-tokens';
import { loadCase, loadContact } from '../adapters/case-reads';
import { handOff, type QueueUrls } from '../adapters/handoff';
import { logger } from '../adapters/logger';
import { takeMailAllowance } from '../adapters/mail-cap';
import { sendMail } from '../adapters/mailer';
import { accessLimitReached } from '../adapters/rate-limiter';
import { suppressedAmong } from '../adapters/suppression-list';
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

/**
 * Counts the request against the client's hourly limit (429 past it) and hands the link mail to
 * `notify`. `email`, when given, must be the case's own address (without case and outer spaces),
 * or nothing is sent; the message carries only its hash, never the address.
 */
export async function requestAccessLink(settings: Settings & { readonly queueUrls: QueueUrls }, caseNumber: string, clientAddress: string, now: Date, email?: string): Promise<void> {
  const retryAfter = await accessLimitReached(settings.tableName, { clientAddress, now }, settings.config.accessLinks.perClientPerHour);
  if (retryAfter !== undefined) throw problems.tooManyRequests(retryAfter);
  try {
    const message: Record<string, string> & { type: string; caseNumber: string } = { type: 'access-link', caseNumber };
    if (email !== undefined) message.emailHash = requestedEmailHash(email);
    await handOff(settings.queueUrls, { queue: 'notify', message });
  } catch (error) {
    // The answer stays the same: the complainant asks again (nothing was stored to relay).
    logger.warn('Access link request not handed on', { caseNumber, errorName: (error as Error).name });
  }
}

/** `notify`: mails the case's address a one-time link; past the address's daily cap or on the suppression list, nothing. */
export async function sendAccessLink(settings: Settings, caseNumber: string, now: Date, emailHash?: string): Promise<'sent' | 'no-address' | 'capped' | 'suppressed'> {
  const { tableName, config } = settings;
  const [stored, contact] = await Promise.all([loadCase(tableName, caseNumber), loadContact(tableName, caseNumber)]);
  if (!stored || !contact?.email) return 'no-address';
  if (emailHash !== undefined && emailHash !== requestedEmailHash(contact.email)) return 'no-address';
  if ((await suppressedAmong(tableName, [contact.email])).size > 0) {
    logger.warn('Access link not sent: the address is on the suppression list', { caseNumber });
    return 'suppressed';
  }
  if (!(await takeMailAllowance(tableName, contact.email, now, config.timeZone, config.rateLimits.mailsPerRecipientPerDay))) {
    logger.warn('Access link not sent: the address had its mails for the day', { caseNumber });
    return 'capped';
  }
  const grant = randomBytes(32).toString('base64url');
  const validUntil = new Date(now.getTime() + linkValidMs);
  await storeAccessGrant(tableName, caseNumber, hashToken(grant), validUntil);
  const link = accessLinkUrl(config.publicBaseUrl, caseNumber, grant);
  await sendMail({ to: contact.email, ...renderAccessLinkMail({ caseNumber, link, validUntil, timeZone: config.timeZone }, stored.language) });
  logger.info('Access link sent', { caseNumber });
  return 'sent';
}

/** The link's secret for a new token (404, the same as a wrong token, when unknown, used or expired). */
export async function redeemAccessLink(settings: Settings, caseNumber: string, grant: string, now: Date) {
  const accessToken = newAccessToken();
  if (!(await replaceAccessToken(settings.tableName, caseNumber, hashToken(grant), hashToken(accessToken), now))) throw problems.notFound();
  logger.info('Access token replaced', { caseNumber });
  return { caseNumber, accessToken, statusUrl: statusUrl(settings.config.publicBaseUrl, caseNumber, accessToken) };
}

/** The named address as the queue message carries it: a hash, compared in `notify` with the case's own. */
const requestedEmailHash = (email: string): string => createHash('sha256').update(`access-email:${email.trim().toLowerCase()}`).digest('hex');
