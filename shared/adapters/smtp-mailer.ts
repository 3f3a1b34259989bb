import type { Transporter } from 'nodemailer';
import type { NodemailerError } from 'nodemailer/lib/errors';
import type { StageConfig } from '../config/stage-config';
import { runtimeSettings } from '../config/runtime';
import { logger } from './logger';
import { forgetMailSecret, mailSecret } from './mail-secret';
import { MailDeferredError, MailRejectedError, type Mail, type MailAdapter } from './mail-port';

type SmtpConfig = Extract<StageConfig['mail'], { provider: 'smtp' }>;

/**
 * Waits well inside a mail-sending function's 10 s timeout: a provider that does not
 * answer defers the mail (the queue's next delivery sends it) rather than time the function out.
 */
const timeouts = { connectionTimeout: 3_000, greetingTimeout: 3_000, socketTimeout: 5_000 };

/** Error codes of a connection that failed or was lost: nothing was accepted, send again later. */
const connectionFailures = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROTOCOL', 'ECONNREFUSED', 'ECONNRESET', 'EMAXLIMIT']);

let transport: Promise<Transporter> | undefined;

/**
 * The mail port's SMTP adapter (a China provider: Alibaba Cloud DirectMail, Tencent Cloud
 * SES): one pooled nodemailer transport per container, TLS from the first byte on 465
 * (`secure`) or STARTTLS required on other ports, at most `maxPerSecond` mails a second.
 * Delivery events come back through the signed webhook (functions/smtp-mail-events.ts).
 */
export const smtpMailer: MailAdapter = {
  async send(mail: Mail): Promise<void> {
    const { config } = runtimeSettings();
    const to = typeof mail.to === 'string' ? [mail.to] : [...mail.to];
    let refused: string[];
    try {
      const info = await (await transportOf(config.mail as SmtpConfig)).sendMail({ from: config.senderAddress, to, subject: mail.subject, text: mail.text, html: mail.html });
      refused = (info.rejected ?? []).map(String);
    } catch (error) {
      throw outcomeOf(error as NodemailerError);
    }
    // Some of a group refused for good, the others have it: as SES would, it counts as sent.
    if (refused.length > 0) logger.warn('SMTP provider refused some recipients of a mail', { refused: refused.length, recipients: to.length });
  },
};

function transportOf(mail: SmtpConfig): Promise<Transporter> {
  transport ??= mailSecret().then(({ username, password }) => {
    const { createTransport } = require('nodemailer') as typeof import('nodemailer');
    return createTransport({
      pool: true,
      host: mail.host,
      port: mail.port,
      secure: mail.secure,
      requireTLS: !mail.secure && mail.requireTLS,
      auth: { user: username, pass: password },
      maxConnections: mail.maxConnections,
      rateLimit: mail.maxPerSecond,
      rateDelta: 1_000,
      ...timeouts,
    });
  });
  transport.catch(() => (transport = undefined));
  return transport;
}

/** What a failed send means for the caller (mailer.ts); the provider's text stays out (it may quote an address). */
function outcomeOf(error: NodemailerError): Error {
  const code = error.code ?? '';
  const reason = error.responseCode ? `smtp-${error.responseCode}` : code || error.name;
  if (code === 'EAUTH' || code === 'ENOAUTH') {
    // Wrong or rotated credentials: read the secret again next time; the mail waits, it is not lost.
    forgetMailSecret();
    void transport?.then((t) => t.close());
    transport = undefined;
    return new MailDeferredError(reason, 'later');
  }
  if (error.permanent === true) return new MailRejectedError(reason);
  if (error.responseCode !== undefined || connectionFailures.has(code) || connectionFailures.has(error.originalCode ?? '')) return new MailDeferredError(reason, 'later');
  return error;
}
