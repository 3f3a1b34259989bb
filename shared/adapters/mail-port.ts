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

/**
 * When a deferred mail is worth trying again: `soon` for a sending-rate throttle (SES
 * throttling: the queue's next delivery, a visibility timeout later); `later` when the provider
 * is down (SES 503, SMTP 4xx, refused or timed out, wrong credentials): the outbox relay's
 * backoff sends it, so an outage of hours does not churn the queue (docs/operations.md).
 */
export type MailRetry = 'soon' | 'later';

/** A throttle or an outage of the provider: nothing was sent. */
export class MailDeferredError extends Error {
  override readonly name = 'MailDeferredError';
  /** `reason`: the provider's own name for it (an SES error name, `smtp-421`, `ECONNECTION`): no address, no credential. */
  constructor(
    readonly reason: string,
    readonly retry: MailRetry,
  ) {
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

