import type { SesMailEvent } from '../schemas/mail-events';

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
