import * as z from 'zod/mini';

const recipient = z.object({ emailAddress: z.string().check(z.minLength(3)) });

/**
 * An SES sending event of the stage's configuration set as EventBridge delivers it
 * (`source` aws.ses, the SES event record in `detail`). Only what the suppression list
 * reads is checked; SES adds fields over time, so others are let through unread.
 */
export const sesMailEventSchema = z.object({
  source: z.literal('aws.ses'),
  time: z.iso.datetime(),
  detail: z.object({
    eventType: z.string(),
    bounce: z.optional(
      z.object({
        bounceType: z.string(),
        bounceSubType: z.optional(z.string()),
        bouncedRecipients: z.array(recipient),
      }),
    ),
    complaint: z.optional(
      z.object({
        complaintFeedbackType: z.optional(z.string()),
        complainedRecipients: z.array(recipient),
      }),
    ),
  }),
});
export type SesMailEvent = z.output<typeof sesMailEventSchema>;

/**
 * A delivery event from an SMTP provider (`POST /mail-events/smtp`, docs/operations.md
 * "Mail through SMTP"), in one of two shapes: Tencent Cloud SES's own callback record
 * (`event`, `email`, `timestamp` in seconds, `bounceType` for a bounce), or the generic one
 * an operator's relay posts for any other provider (Alibaba Cloud DirectMail's MNS
 * messages, for one). Other fields are let through unread.
 */
const tencentEvent = z.object({
  event: z.string().check(z.minLength(1)),
  email: z.email(),
  timestamp: z.int().check(z.positive()),
  bounceType: z.optional(z.string()),
});
const genericEvent = z.object({
  type: z.enum(['bounce', 'complaint']),
  address: z.email(),
  /** A bounce only: true when the address refuses for good (does not exist, blocked). */
  permanent: z.optional(z.boolean()),
  /** A provider code (e.g. `hard_bounce`, `abuse`); never the provider's free text, which may quote the address. */
  detail: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_.:/-]{1,64}$/))),
  at: z.iso.datetime({ offset: true }),
});
export const smtpMailEventSchema = z.union([tencentEvent, genericEvent]);
/** One event, or several in one post. */
export const smtpMailEventsSchema = z.union([smtpMailEventSchema, z.array(smtpMailEventSchema).check(z.minLength(1), z.maxLength(100))]);
export type SmtpMailEvent = z.output<typeof smtpMailEventSchema>;
