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

/** Queue `classify`: the case passed initial review (受理). */
export const acceptedMessageSchema = z.strictObject({
  type: z.literal('case-accepted'),
  caseNumber: z.string().check(z.regex(caseNumberPattern)),
});

/**
 * Queue `classify`: an earlier member of a cluster that just became hot (热点), raised
 * with it; `raisedBy` is the case whose classification found the cluster.
 */
export const clusterRaiseMessageSchema = z.strictObject({
  type: z.literal('cluster-raise'),
  caseNumber: z.string().check(z.regex(caseNumberPattern)),
  clusterComplainants: z.int().check(z.minimum(2)),
  raisedBy: z.string().check(z.regex(caseNumberPattern)),
});

/**
 * Queue `classify`: a subject's cluster turned hot when `caseNumber` was classified (once
 * per cluster, workflow-store.ts `hotMarkPut`); its consumer hands a `cluster-raise` to
 * every earlier member, page by page, outside any member's transaction.
 */
export const clusterHotMessageSchema = z.strictObject({
  type: z.literal('cluster-hot'),
  caseNumber: z.string().check(z.regex(caseNumberPattern)),
  subject: z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/)),
  clusterComplainants: z.int().check(z.minimum(2)),
  at: z.iso.datetime(),
});

export const classifyQueueMessageSchema = z.discriminatedUnion('type', [acceptedMessageSchema, clusterRaiseMessageSchema, clusterHotMessageSchema]);

/** Queue `assign`: the case has its type, level and priority. */
export const classifiedMessageSchema = z.strictObject({
  type: z.literal('case-classified'),
  caseNumber: z.string().check(z.regex(caseNumberPattern)),
});

/** Queue `notify`: one notice item, written by the step that decided it, to render and send. */
export const noticeMessageSchema = z.strictObject({
  type: z.literal('notice'),
  caseNumber: z.string().check(z.regex(caseNumberPattern)),
  noticeKey: z.string().check(z.maxLength(300), z.regex(/^[A-Za-z0-9-]+(?:#[A-Za-z0-9-]+)*$/)),
});
export type NoticeMessage = z.output<typeof noticeMessageSchema>;

/** Queue `escalate`: a case whose ladder step was due at the sweep's event time `at`. */
export const escalateMessageSchema = z.strictObject({
  type: z.literal('escalate'),
  caseNumber: z.string().check(z.regex(caseNumberPattern)),
  at: z.iso.datetime(),
});
export type EscalateMessage = z.output<typeof escalateMessageSchema>;
