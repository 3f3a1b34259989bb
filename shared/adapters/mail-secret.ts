import { readFile } from 'node:fs/promises';
import * as z from 'zod/mini';
import { runtimeSettings } from '../config/runtime';
import { secretsManager } from './aws-clients';

/**
 * The SMTP stage's mail secret (`mail.credentialsSecret`, a Secrets Manager secret the
 * operator creates): the provider's SMTP user name and password, and the key its
 * delivery-event relay signs webhooks with. Read once per container and kept in memory;
 * never in the stage config, an environment variable or a log line (docs/security.md).
 * Locally the runtime names a JSON file of the same shape instead (`MAIL_SECRET_FILE`,
 * docs/local-runtime.md "The mail secret"): there is no Secrets Manager emulator.
 */
const mailSecretSchema = z.object({
  username: z.string().check(z.minLength(1)),
  password: z.string().check(z.minLength(1)),
  /** HMAC-SHA256 key of the delivery-event webhook (`POST /mail-events/smtp`); at least 32 characters. */
  webhookSecret: z.optional(z.string().check(z.minLength(32))),
});
export type MailSecret = z.output<typeof mailSecretSchema>;

let cached: Promise<MailSecret> | undefined;

export function mailSecret(): Promise<MailSecret> {
  // A failed read is not kept: the next call tries again (a secret created after a deploy).
  cached ??= readMailSecret().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

/** Forgets the secret (the provider refused the credentials: the operator may have rotated them). */
export function forgetMailSecret(): void {
  cached = undefined;
}

async function readMailSecret(): Promise<MailSecret> {
  const { config, mailSecretFile } = runtimeSettings();
  if (config.mail.provider !== 'smtp') throw new Error('The stage sends mail through SES: it has no mail secret');
  const name = config.mail.credentialsSecret;
  const text = mailSecretFile
    ? await readFile(mailSecretFile, 'utf8')
    : (await secretsManager().getSecretValue({ SecretId: name })).SecretString;
  let json: unknown;
  try {
    json = JSON.parse(text ?? '');
  } catch {
    throw new Error(`Mail secret ${name} is not JSON`);
  }
  const parsed = z.safeParse(mailSecretSchema, json);
  // Field names only: the values are the credentials.
  if (!parsed.success) throw new Error(`Mail secret ${name} is not {"username", "password", "webhookSecret"?}: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return parsed.data;
}
