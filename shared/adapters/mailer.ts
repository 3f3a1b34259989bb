import { runtimeSettings } from '../config/runtime';
import type { Mail, MailAdapter } from './mail-port';
import { sesMailer } from './ses-mailer';
import { smtpMailer } from './smtp-mailer';

const adapters: Readonly<Record<string, MailAdapter>> = { ses: sesMailer, smtp: smtpMailer };

/**
 * Sends one mail from the stage's sender address through the stage's provider (the mail
 * port, mail-port.ts). Each adapter loads its client on first use only: SES stages never
 * load nodemailer, SMTP stages never load the SES client.
 */
export async function sendMail(mail: Mail): Promise<void> {
  await adapters[runtimeSettings().config.mail.provider]!.send(mail);
}
