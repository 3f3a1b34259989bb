import { logger } from '../shared/adapters/logger';
import { mailSecret } from '../shared/adapters/mail-secret';
import { suppressAddress } from '../shared/adapters/suppression-list';
import { runtimeSettings } from '../shared/config/runtime';
import { suppressionsOfSmtp } from '../shared/domain/mail-suppression';
import { configOnlyHttpFunction, maxBodyBytes } from '../shared/http/middleware';
import { problems } from '../shared/http/problem';
import { header, requestTime } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { validate } from '../shared/http/validation';
import { signatureHeader, timestampHeader, validWebhookSignature } from '../shared/http/webhook-signature';
import { smtpMailEventsSchema } from '../shared/schemas/mail-events';

/**
 * POST /mail-events/smtp — an SMTP provider's bounce and complaint events, signed with the
 * mail secret's webhook key: the addresses go on the suppression list, as SES's do (mail-events).
 * The signature is checked first, on the raw body: an unsigned post is answered 401 and stores nothing.
 */
export const handler = configOnlyHttpFunction(
  'smtp-mail-events',
  async (event) => {
    // An SES stage takes its events from EventBridge (mail-events): nothing answers here.
    if (runtimeSettings().config.mail.provider !== 'smtp') throw problems.notFound();
    const rawBody = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
    if (rawBody.byteLength > maxBodyBytes) throw problems.payloadTooLarge(maxBodyBytes);
    const post = { rawBody: rawBody.toString('utf8'), timestamp: header(event, timestampHeader), signature: header(event, signatureHeader) };
    const { webhookSecret } = await mailSecret();
    if (!webhookSecret || !validWebhookSignature(post, webhookSecret, requestTime(event))) throw problems.badSignature();
    const parsed = validate(smtpMailEventsSchema, parseJson(post.rawBody), 'en');
    const suppressions = suppressionsOfSmtp(Array.isArray(parsed) ? parsed : [parsed]);
    for (const suppression of suppressions) await suppressAddress(runtimeSettings().tableName, suppression);
    // The reasons only: the addresses are personal data.
    logger.info('SMTP delivery events handled', { suppressed: suppressions.length, reasons: suppressions.map((s) => `${s.reason}:${s.detail}`) });
    return json(200, { suppressed: suppressions.length });
  },
  // The signature, not a per-client count, keeps others out (the relay posts from few addresses).
  { rateLimit: false },
);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw problems.malformedBody('The body is not valid JSON.');
  }
}
