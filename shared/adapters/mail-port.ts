/**
 * The mail port (style.md 16): every mail of the service goes through `sendMail`
 * (mailer.ts), and the stage config's `mail.provider` picks the adapter, SES v2
 * (ses-mailer.ts) or SMTP (smtp-mailer.ts). Callers see two outcomes besides success, the same for both:
 * `MailDeferredError` (the provider could not take it now: nothing went out, send it
 * again later) and `MailRejectedError` (refused for good: sending it again changes nothing).
 */
export interface Mail {
  /** One address, or several who get the same mail (a group). */
  readonly to: string | readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** A throttle or an outage of the provider (SES throttling; SMTP 4xx, refused or timed out): nothing was sent. */
export class MailDeferredError extends Error {
  override readonly name = 'MailDeferredError';
  /** The provider's own name for it (an SES error name, `smtp-421`, `ECONNECTION`): no address, no credential. */
  constructor(readonly reason: string) {
    super(`Mail deferred by the provider: ${reason}`);
  }
}

/** A permanent refusal (SES MessageRejected; SMTP 5xx for every recipient). */
export class MailRejectedError extends Error {
  override readonly name = 'MailRejectedError';
  constructor(readonly reason: string) {
    super(`Mail rejected by the provider: ${reason}`);
  }
}

export interface MailAdapter {
  send(mail: Mail): Promise<void>;
}

