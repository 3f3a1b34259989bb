import { runtimeSettings } from '../config/runtime';
import { ses } from './aws-clients';
import { MailDeferredError, MailRejectedError, type Mail, type MailAdapter } from './mail-port';

/** SES answers that no retry will change. */
const permanentRejections = new Set(['MessageRejected', 'BadRequestException', 'InvalidParameterValue']);
/**
 * SES refused the mail for now (sending rate; SES v2 says TooManyRequestsException, the v1
 * API Throttling "Maximum sending rate exceeded"): nothing went out, retry soon.
 */
const throttles = new Set(['TooManyRequestsException', 'Throttling', 'ThrottlingException', 'MaxSendingRateExceeded']);
/** SES is down (HTTP 503): nothing went out; the outbox relay's backoff sends it once SES is back. */
const outage = (error: unknown) => (error as Error).name === 'ServiceUnavailable' || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 503;

/** The mail port's SES v2 adapter (`SendEmail` with Simple content). */
export const sesMailer: MailAdapter = {
  async send(mail: Mail): Promise<void> {
    const charset = 'UTF-8';
    const { config, mailConfigurationSet } = runtimeSettings();
    try {
      await ses().sendEmail({
        FromEmailAddress: config.senderAddress,
        // Its bounce and complaint events feed the suppression list (infra/mail-identity.ts).
        ...(mailConfigurationSet ? { ConfigurationSetName: mailConfigurationSet } : {}),
        Destination: { ToAddresses: typeof mail.to === 'string' ? [mail.to] : [...mail.to] },
        Content: {
          Simple: {
            Subject: { Data: mail.subject, Charset: charset },
            Body: { Text: { Data: mail.text, Charset: charset }, Html: { Data: mail.html, Charset: charset } },
          },
        },
      });
    } catch (error) {
      const name = (error as Error).name;
      if (throttles.has(name)) throw new MailDeferredError(name, 'soon');
      if (outage(error)) throw new MailDeferredError(name, 'later');
      if (permanentRejections.has(name)) throw new MailRejectedError(name);
      throw error;
    }
  },
};
