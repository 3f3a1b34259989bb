import * as z from 'zod/mini';
import { caseNumberPattern } from '../domain/case-number';

/**
 * Messages between steps carry references, never personal data: a message can end up
 * in a dead-letter queue that operators read.
 */
export const caseMessageSchema = z.strictObject({
  type: z.literal('case-registered'),
  caseNumber: z.string().check(z.regex(caseNumberPattern)),
});
export type CaseMessage = z.output<typeof caseMessageSchema>;
