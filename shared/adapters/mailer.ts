import { runtimeSettings } from '../config/runtime';
import { ses } from './aws-clients';

export interface Mail {
  /** One address, or several who get the same mail (a group). */
  readonly to: string | readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Sends one mail from the stage's sender address through SES. */
export async function sendMail(mail: Mail): Promise<void> {
  const charset = 'UTF-8';
  const { config, mailConfigurationSet } = runtimeSettings();
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
}
