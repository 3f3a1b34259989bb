import type { SesMailEvent, SmtpMailEvent } from '../schemas/mail-events';

export type SuppressionReason = 'bounce' | 'complaint';

/** One address to mail no more, and why (the reason detail is SES's, never free text of a person). */
export interface Suppression {
  readonly address: string;
  readonly reason: SuppressionReason;
  readonly detail: string;
  readonly at: string;
}

/**
 * Which addresses an SES event puts on the suppression list: every recipient of a
 * permanent bounce (the address does not exist or refuses us for good) and every
 * complainant of a complaint (they marked our mail as spam). A transient or undetermined
 * bounce (mailbox full, a server down) suppresses nothing: SES retried it already, and
 * the next notice may well arrive.
 */
export function suppressionsOf(event: SesMailEvent): Suppression[] {
  const { detail, time: at } = event;
  if (detail.eventType === 'Bounce' && detail.bounce?.bounceType === 'Permanent') {
    const subType = detail.bounce.bounceSubType ?? 'General';
    return detail.bounce.bouncedRecipients.map((r) => ({ address: r.emailAddress, reason: 'bounce', detail: `Permanent/${subType}`, at }));
  }
  if (detail.eventType === 'Complaint' && detail.complaint) {
    const feedback = detail.complaint.complaintFeedbackType ?? 'unspecified';
    return detail.complaint.complainedRecipients.map((r) => ({ address: r.emailAddress, reason: 'complaint', detail: feedback, at }));
  }
  return [];
}

/**
 * The same rule for an SMTP provider's delivery events: a permanent bounce (Tencent Cloud
 * SES `hard_bounce`, or the generic shape's `permanent: true`) and a complaint (Tencent's
 * `spamreport`) suppress the address; soft bounces, deliveries, opens and clicks do not.
 */
export function suppressionsOfSmtp(events: readonly SmtpMailEvent[]): Suppression[] {
  return events.flatMap((event): Suppression[] => {
    if ('type' in event) {
      if (event.type === 'bounce' && event.permanent !== true) return [];
      const reason = event.type;
      return [{ address: event.address, reason, detail: reason === 'bounce' ? `Permanent/${event.detail ?? 'General'}` : (event.detail ?? 'unspecified'), at: new Date(event.at).toISOString() }];
    }
    const at = new Date(event.timestamp * 1000).toISOString();
    if (event.event === 'bounce' && event.bounceType === 'hard_bounce') return [{ address: event.email, reason: 'bounce', detail: 'Permanent/hard_bounce', at }];
    if (event.event === 'spamreport') return [{ address: event.email, reason: 'complaint', detail: 'spamreport', at }];
    return [];
  });
}
