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
