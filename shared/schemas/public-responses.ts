import * as z from 'zod/mini';
import { caseKinds, caseStatuses } from '../domain/status';

/** Answers of the public endpoints (spec/api.md); the OpenAPI document is built from them. */

/** ISO-8601 with offset, to the second (spec/api.md). */
export const isoTime = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/));

export const publicCaseViewSchema = z.object({
  caseNumber: z.string(),
  kind: z.enum(caseKinds),
  status: z.enum(caseStatuses),
  level: z.optional(z.union([z.literal(1), z.literal(2), z.literal(3)])),
  priority: z.optional(z.enum(['general', 'important', 'hot', 'major'])),
  receivedAt: isoTime,
  expectedBy: z.optional(isoTime),
  history: z.array(z.object({ at: isoTime, status: z.enum(caseStatuses), note: z.optional(z.string()) })),
  result: z.optional(z.string()),
  actions: z.object({
    supplement: z.boolean(),
    feedback: z.boolean(),
    appeal: z.boolean(),
    appealDeadline: z.optional(isoTime),
  }),
});
export type PublicCaseViewBody = z.output<typeof publicCaseViewSchema>;

export const categoriesSchema = z.array(
  z.object({
    id: z.string(),
    name: z.object({ 'zh-CN': z.string(), en: z.string() }),
    kinds: z.array(z.enum(caseKinds)),
  }),
);

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  errors: z.optional(z.array(z.object({ path: z.string(), message: z.string(), code: z.string() }))),
});

export const healthSchema = z.object({
  ok: z.boolean(),
  /** Present while the working-time calendar lacks a published holiday arrangement it needs. */
  calendar: z.optional(z.object({ warnings: z.array(z.string()) })),
});
