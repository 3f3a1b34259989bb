import * as z from 'zod/mini';
import { evidenceList, text } from './complaint-request';

/**
 * The complainant's actions with the access token (spec/api.md "The complainant's
 * actions"): the text rules of `POST /complaints`, unknown fields an error at every depth.
 */

/** `POST /complaints/{caseNumber}/supplements`: 补正, the material asked for. */
export const supplementRequestSchema = z.strictObject({ text: text(1, 5000, true), evidence: z.optional(evidenceList) });
export type SupplementRequest = z.output<typeof supplementRequestSchema>;

/** `POST /complaints/{caseNumber}/feedback`: 回访, the follow-up survey answer. */
export const feedbackRequestSchema = z.strictObject({
  resolved: z.boolean(),
  score: z.int().check(z.gte(1, { error: 'too-small:1' }), z.lte(5, { error: 'too-big:5' })),
  comment: z.optional(text(0, 1000)),
});
export type FeedbackRequest = z.output<typeof feedbackRequestSchema>;

/** `POST /complaints/{caseNumber}/appeals`: 复核, reasons and new evidence. */
export const appealRequestSchema = z.strictObject({ reasons: text(10, 5000, true), evidence: z.optional(evidenceList) });
export type AppealRequest = z.output<typeof appealRequestSchema>;

/**
 * `POST /complaints/{caseNumber}/access`: `{}` asks for a link by mail (always 202);
 * `{ email }` asks for it only if the case's address is that one (the status page sends
 * it, so a stranger with a case number cannot make the service mail its owner);
 * `{ grant }`, the secret of that link, exchanges it once for a new access token.
 */
export const accessRequestSchema = z.strictObject({
  grant: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, { error: 'invalid-grant' }))),
  email: z.optional(z.string().check(z.maxLength(254, { error: 'too-long:254' }), z.email({ error: 'invalid-email' }))),
});
export type AccessRequest = z.output<typeof accessRequestSchema>;

/** Every complainant action answers this (200). */
export const complainantActionAnswerSchema = z.object({ caseNumber: z.string(), status: z.string() });
export const accessRequestedSchema = z.object({ accepted: z.literal(true), detail: z.string() });
export const accessGrantedSchema = z.object({ caseNumber: z.string(), accessToken: z.string(), statusUrl: z.string() });
