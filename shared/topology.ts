/**
 * The one declaration of the system's shape. The CDK stack (infra/) and the local
 * runtime (local/) both read it, so what runs on a laptop is what deploys.
 * Adding a workflow step = one entry here + `functions/<handler>.ts` exporting `handler`.
 */
import { auditKeyPrefix, caseKeyPrefix, directoryKeyPrefix, complainantKeyPrefix, loadKeyPrefix, mailCounterKeyPrefix, rateCounterKeyPrefix, sequenceKeyPrefix, staffIdentityKeyPrefix, statisticsKeyPrefix, submissionGuardKeyPrefix, suppressedAddressKeyPrefix, uploadKeyPrefix } from './adapters/keys';
import { handoffFieldNames } from './adapters/item-schemas';
import { evidenceLayout } from './evidence-layout';
import type { QueueName } from './queue-names';

/** A Lambda function; `name` is also its source file `functions/<name>.ts`. */
export interface FunctionDecl {
  readonly name: string;
  readonly description: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /**
   * What the function may touch; turned into IAM grants in CDK. Exactly what its code
   * calls: test/handlers/least-privilege.test.ts records every call and fails on a call
   * not granted or a write granted and never made (docs/security.md).
   */
  readonly access: {
    readonly table?: TableAccess;
    /** Queues it sends to (by QueueDecl.name; test/unit/topology.test.ts checks they exist). */
    readonly sendsTo?: readonly string[];
    readonly sendsMail?: boolean;
    /**
     * Reads the mail provider's secret (stage config `mail.credentialsSecret` on an SMTP
     * stage): `secretsmanager:GetSecretValue` on that one secret. Functions that send mail
     * get it through `sendsMail`; this is for one that only reads it (the delivery-event webhook).
     */
    readonly mailSecret?: boolean;
    /** Reads the staff sign-in settings (user pool client, hosted UI or local emulator): no IAM, an env variable. */
    readonly staffSignIn?: boolean;
    /**
     * Creates staff sign-in accounts (invitations of staff added at runtime): on a Cognito
     * stage `cognito-idp:AdminCreateUser` on the stage's user pool and its id in an env
     * variable; nothing on an OpenID Connect stage (the provider holds the accounts).
     */
    readonly staffAccounts?: boolean;
    /**
     * Renders pages whose script posts evidence files to the bucket's presigned POST: the
     * bucket's origin goes into their CSP `connect-src` (no IAM, an env variable).
     */
    readonly evidenceUploadOrigin?: boolean;
    /**
     * Hashes a contact or a client address with the stage's secret (docs/security.md
     * "Keyed hashes"): `secretsmanager:GetSecretValue` on that one secret.
     */
    readonly hashSecret?: boolean;
    /** What it does with the evidence-file bucket (EvidenceGrant below); granted per prefix in CDK. */
    readonly evidence?: readonly EvidenceGrant[];
  };
}

/** The DynamoDB write actions a function may be granted (one per SDK call kind; a transaction needs those of its items). */
export type TableWrite = 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchWriteItem';

export interface TableAccess {
  /** GetItem, BatchGetItem, ConditionCheckItem and Query, on the table and its indexes. */
  readonly read?: boolean;
  /** The write actions it makes, on the table's items. */
  readonly write?: readonly TableWrite[];
  /** Limits the writes to items whose partition key starts with one of these (`dynamodb:LeadingKeys`). */
  readonly writeKeys?: readonly string[];
}

/** Public functions: no read, and a write only to their per-client request counter. */
const countsRequests = { table: { write: ['UpdateItem'], writeKeys: [rateCounterKeyPrefix] }, hashSecret: true } as const satisfies FunctionDecl['access'];
/** Counts requests and reads the table's directory (the categories an admin added or renamed, docs/administration.md). */
const countsRequestsReadsDirectory = { ...countsRequests, table: { ...countsRequests.table, read: true } } as const satisfies FunctionDecl['access'];
const readWrite = (...write: TableWrite[]) => ({ read: true, write });

/**
 * Access to the evidence-file bucket, one prefix and one verb at a time: `presign-upload`
 * signs POSTs into the quarantine prefix (s3:PutObject there), `inspect` reads quarantined
 * objects (s3:GetObject there, s3:ListBucket so a missing object is a 404, not a 403),
 * `accept` copies them to the accepted prefix (s3:PutObject there, s3:GetObject on both)
 * and deletes the quarantined copy, `sweep` deletes from both prefixes, `download` signs
 * GETs of accepted files.
 */
export type EvidenceGrant = 'presign-upload' | 'inspect' | 'accept' | 'sweep' | 'download';

export interface RouteDecl {
  /** `ANY` only for the catch-alls that answer every unknown path of an area. */
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'ANY';
  /** API Gateway path syntax: `/complaints/{caseNumber}`, `/staff/{proxy+}`. */
  readonly path: string;
  readonly handler: FunctionName;
  /**
   * `staff`: a Bearer ID token of the stage's staff user pool is required (the HTTP API
   * JWT authorizer in AWS, local/staff-authorizer.ts locally); a missing or bad one is 401
   * before the function runs. Every `/staff/...` and `/admin...` route must say so
   * (infra/public-http-api.ts refuses otherwise); `/staff` itself is the sign-in shell.
   */
  readonly auth?: 'staff';
}

export interface QueueDecl {
  readonly name: string;
  /** The FunctionDecl.name that consumes it. */
  readonly consumer: string;
  readonly batchSize: number;
  /** Receives before a message moves to the queue's dead-letter queue. */
  readonly maxReceiveCount: number;
  /** At least six times the consumer's timeout (AWS guidance). */
  readonly visibilityTimeoutSeconds: number;
  /**
   * At most this many batches of the queue handled at once (the event source's
   * `maxConcurrency`, 2 to 1000 in AWS; no more than the stage's `workflowConcurrency`,
   * checked at synth). Bounds the consumer's call rate, e.g. the SES send rate.
   */
  readonly maxConcurrency?: number;
}

export interface ScheduleDecl {
  readonly name: string;
  readonly handler: FunctionName;
  /** EventBridge expression, e.g. `rate(1 minute)` or `cron(0 1 1 * ? *)`. */
  readonly expression: string;
}

export interface IndexDecl {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /**
   * Attributes the index carries besides the keys (projection `INCLUDE`): only what its
   * readers read, so an update that moves no key and none of these writes nothing to it.
   */
  readonly include: readonly string[];
}

const functions = [
  { name: 'public-pages', description: 'Complaint form and status page (HTML)', timeoutSeconds: 5, memoryMb: 256, access: { ...countsRequestsReadsDirectory, evidenceUploadOrigin: true } },
  { name: 'list-categories', description: 'GET /categories', timeoutSeconds: 5, memoryMb: 256, access: countsRequestsReadsDirectory },
  { name: 'openapi-document', description: 'GET /openapi.json', timeoutSeconds: 5, memoryMb: 256, access: countsRequests },
  { name: 'health', description: 'GET /health', timeoutSeconds: 5, memoryMb: 256, access: {} },
  { name: 'http-fallback', description: '404 for unknown paths, 405 with Allow for known paths', timeoutSeconds: 5, memoryMb: 256, access: countsRequests },
  { name: 'register-case', description: '接收登记 Receive and register a complaint or report', timeoutSeconds: 10, memoryMb: 512, access: { table: { ...readWrite('PutItem', 'UpdateItem', 'DeleteItem'), writeKeys: [caseKeyPrefix, complainantKeyPrefix, submissionGuardKeyPrefix, sequenceKeyPrefix, rateCounterKeyPrefix, uploadKeyPrefix] }, sendsTo: ['review'], evidence: ['inspect', 'accept'], evidenceUploadOrigin: true, hashSecret: true } },
  { name: 'create-upload', description: 'POST /uploads: a presigned S3 POST for one evidence file', timeoutSeconds: 5, memoryMb: 256, access: { table: { write: ['PutItem', 'UpdateItem'], writeKeys: [rateCounterKeyPrefix, uploadKeyPrefix] }, evidence: ['presign-upload'], hashSecret: true } },
  { name: 'upload-sweep', description: 'Deletes evidence uploads left unreferenced for a day', timeoutSeconds: 60, memoryMb: 256, access: { table: readWrite('DeleteItem'), evidence: ['sweep'] } },
  { name: 'retention-sweep', description: 'Erases closed cases whose retention ended: personal data and files first, statistics kept', timeoutSeconds: 300, memoryMb: 256, access: { table: { read: true, write: ['DeleteItem'], writeKeys: [caseKeyPrefix, uploadKeyPrefix, complainantKeyPrefix] }, evidence: ['sweep'] } },
  { name: 'get-case-status', description: 'Public case status, with the access token', timeoutSeconds: 5, memoryMb: 256, access: { table: { ...countsRequests.table, read: true }, hashSecret: true } },
  { name: 'complainant-action', description: '补正 / 回访 / 复核: the complainant\'s supplement, follow-up answer and appeal, with the access token', timeoutSeconds: 10, memoryMb: 256, access: { table: { ...readWrite('PutItem', 'UpdateItem', 'DeleteItem'), writeKeys: [caseKeyPrefix, rateCounterKeyPrefix, uploadKeyPrefix, statisticsKeyPrefix, loadKeyPrefix] }, sendsTo: ['classify', 'notify'], evidence: ['inspect', 'accept'], hashSecret: true } },
  { name: 'request-access', description: 'A lost access token: the link mail handed to notify, the link redeemed for a new token', timeoutSeconds: 10, memoryMb: 256, access: { table: { ...readWrite('UpdateItem', 'DeleteItem'), writeKeys: [caseKeyPrefix, rateCounterKeyPrefix] }, sendsTo: ['notify'], hashSecret: true } },
  { name: 'review-case', description: '初步审核 Initial review: in scope, complete, or a simple inquiry', timeoutSeconds: 10, memoryMb: 256, access: { table: readWrite('PutItem', 'UpdateItem'), sendsTo: ['classify', 'notify'] } },
  { name: 'classify-case', description: '分类定性 Type, level, priority; duplicates merged, hot clusters', timeoutSeconds: 10, memoryMb: 256, access: { table: readWrite('PutItem', 'UpdateItem', 'DeleteItem'), sendsTo: ['assign', 'classify', 'notify'] } },
  { name: 'assign-case', description: '分派 Route to a handler and start the clocks', timeoutSeconds: 10, memoryMb: 256, access: { table: readWrite('PutItem', 'UpdateItem'), sendsTo: ['notify'] } },
  { name: 'send-notice', description: 'Every workflow mail, 受理回执 included: render (zh-CN/en) and send once', timeoutSeconds: 10, memoryMb: 256, access: { table: readWrite('PutItem', 'UpdateItem'), sendsMail: true, hashSecret: true } },
  { name: 'sla-sweep', description: 'Finds the cases whose ladder step is due (time-bucketed index) and the absences that start later', timeoutSeconds: 60, memoryMb: 256, access: { table: readWrite('PutItem', 'UpdateItem', 'DeleteItem'), sendsTo: ['escalate', 'directory-changes'] } },
  { name: 'escalate-case', description: 'Escalation ladder: the notices due for one case, once each', timeoutSeconds: 10, memoryMb: 256, access: { table: readWrite('PutItem', 'UpdateItem'), sendsTo: ['notify'] } },
  { name: 'staff-console', description: 'GET /staff: the staff console page (sign-in, work lists, case view, action forms; data through the staff API)', timeoutSeconds: 5, memoryMb: 256, access: { staffSignIn: true } },
  { name: 'staff-admin-console', description: 'GET /staff-admin: the console\'s administration screens (staff, absences, departments and categories, calendar, limits, audit; data through /admin/...)', timeoutSeconds: 5, memoryMb: 256, access: {} },
  { name: 'staff-me', description: 'GET /staff/me: the signed-in staff member from the staff directory; links a first sign-in to its entry', timeoutSeconds: 5, memoryMb: 256, access: { table: { read: true, write: ['PutItem'], writeKeys: [staffIdentityKeyPrefix] } } },
  { name: 'staff-list-cases', description: 'GET /staff/cases: work lists from the index Queries (gsi2, gsi3)', timeoutSeconds: 10, memoryMb: 256, access: { table: { read: true } } },
  { name: 'staff-get-case', description: 'GET /staff/cases/{caseNumber}: the case as the caller may see it', timeoutSeconds: 5, memoryMb: 256, access: { table: { read: true }, evidence: ['download'] } },
  { name: 'staff-create-case', description: 'POST /staff/cases: a phone, letter or visit case registered like a form submission', timeoutSeconds: 10, memoryMb: 256, access: { table: readWrite('PutItem', 'UpdateItem'), sendsTo: ['review'], hashSecret: true } },
  { name: 'staff-case-action', description: 'POST /staff/cases/{caseNumber}/actions: every staff action through the domain', timeoutSeconds: 10, memoryMb: 256, access: { table: readWrite('DeleteItem', 'PutItem', 'UpdateItem'), sendsTo: ['notify'] } },
  { name: 'mail-events', description: 'SES bounce and complaint events: the address goes on the suppression list', timeoutSeconds: 10, memoryMb: 256, access: { table: { write: ['PutItem'], writeKeys: [suppressedAddressKeyPrefix] }, hashSecret: true } },
  { name: 'smtp-mail-events', description: 'POST /mail-events/smtp: an SMTP provider\'s signed bounce and complaint events go on the suppression list', timeoutSeconds: 10, memoryMb: 256, access: { table: { write: ['PutItem'], writeKeys: [suppressedAddressKeyPrefix] }, mailSecret: true, hashSecret: true } },
  { name: 'monthly-report', description: '统计分析 The last month\'s report from the aggregates: stored, mailed once to the management group', timeoutSeconds: 60, memoryMb: 256, access: { table: readWrite('PutItem', 'UpdateItem'), sendsMail: true } },
  { name: 'weekly-report', description: '统计分析 The last ISO week\'s report, where the stage asks for it', timeoutSeconds: 60, memoryMb: 256, access: { table: readWrite('PutItem', 'UpdateItem'), sendsMail: true } },
  { name: 'staff-report', description: 'GET /staff/reports/{period}: the stored report', timeoutSeconds: 5, memoryMb: 256, access: { table: { read: true } } },
  { name: 'transparency', description: 'GET /transparency/{period}: the public summary (信息公开), JSON or page', timeoutSeconds: 5, memoryMb: 256, access: { table: { ...countsRequests.table, read: true }, hashSecret: true } },
  { name: 'admin-export-case', description: 'GET /admin/cases/{caseNumber}/export: everything held about a case (data-subject access request), audited', timeoutSeconds: 10, memoryMb: 256, access: { table: { read: true, write: ['PutItem', 'UpdateItem'], writeKeys: [caseKeyPrefix, auditKeyPrefix] }, evidence: ['download'] } },
  { name: 'admin-erase-complainant', description: 'POST /admin/complainants/erase: a complainant\'s personal data erased on every case of theirs, audited', timeoutSeconds: 30, memoryMb: 256, access: { table: { read: true, write: ['PutItem', 'UpdateItem', 'DeleteItem'], writeKeys: [caseKeyPrefix, uploadKeyPrefix, auditKeyPrefix] }, evidence: ['sweep'], hashSecret: true } },
  { name: 'admin-audit', description: 'GET /admin/audit: the audit history of admin exports and erasures', timeoutSeconds: 10, memoryMb: 256, access: { table: { read: true } } },
  { name: 'admin-directory', description: 'GET /admin/staff, absences, departments, categories, calendar, limits: the directory as stored now, with each member\'s routing load', timeoutSeconds: 10, memoryMb: 256, access: { table: { read: true } } },
  // Writes only the directory, its change hand-offs and the audit history; the seed too, on the first change.
  { name: 'admin-directory-change', description: 'POST/PATCH/PUT/DELETE under /admin/staff, absences, departments, categories, calendar, limits: one directory change, validated as the stage config, audited, handed to directory-changes', timeoutSeconds: 30, memoryMb: 512, access: { table: { read: true, write: ['PutItem', 'DeleteItem'], writeKeys: [directoryKeyPrefix, auditKeyPrefix] }, sendsTo: ['directory-changes'], hashSecret: true } },
  {
    name: 'directory-change',
    description: 'What a directory change sets off: invitations, a leaver\'s cases handed back, cases offered back during an absence, deadlines recomputed',
    timeoutSeconds: 60,
    memoryMb: 256,
    access: { table: readWrite('PutItem', 'UpdateItem', 'DeleteItem'), sendsTo: ['notify', 'directory-changes'], sendsMail: true, staffAccounts: true },
  },
  { name: 'outbox-relay', description: 'Re-sends hand-offs a crash left in the outbox', timeoutSeconds: 30, memoryMb: 256, access: { table: readWrite('UpdateItem'), sendsTo: ['review', 'classify', 'assign', 'notify', 'directory-changes'] } },
] as const satisfies readonly FunctionDecl[];

export type FunctionName = (typeof functions)[number]['name'];

const queues = [
  { name: 'review', consumer: 'review-case', batchSize: 10, maxReceiveCount: 5, visibilityTimeoutSeconds: 60 },
  { name: 'classify', consumer: 'classify-case', batchSize: 10, maxReceiveCount: 5, visibilityTimeoutSeconds: 60 },
  { name: 'assign', consumer: 'assign-case', batchSize: 10, maxReceiveCount: 5, visibilityTimeoutSeconds: 60 },
  // Two batches of ten at once: at most 20 mails in flight to SES, whatever the backlog.
  { name: 'notify', consumer: 'send-notice', batchSize: 10, maxReceiveCount: 5, visibilityTimeoutSeconds: 60, maxConcurrency: 2 },
  { name: 'escalate', consumer: 'escalate-case', batchSize: 10, maxReceiveCount: 5, visibilityTimeoutSeconds: 60 },
  // One message at a time: each already does a page of cases (bounded work per invocation).
  { name: 'directory-changes', consumer: 'directory-change', batchSize: 1, maxReceiveCount: 5, visibilityTimeoutSeconds: 360 },
] as const satisfies readonly (QueueDecl & { readonly name: QueueName })[];

export type { QueueName };

/** The state item attributes a work list row reads (`GET /staff/cases`), projected into gsi2 and gsi3. */
const workListRow = ['caseNumber', 'kind', 'type', 'category', 'level', 'priority', 'status', 'department', 'assignee', 'receivedAt', 'workDueAt', 'aboutStaff'];

export const topology = {
  table: {
    partitionKey: 'pk',
    sortKey: 'sk',
    ttlAttribute: 'expiresAt',
    // gsi1: the SLA sweep reads caseNumber (due index), the outbox relay the hand-off, the upload sweep uploadId.
    // gsi2 / gsi3: the staff work lists by assignee / by department; they carry what a list row shows.
    indexes: [
      { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', include: ['caseNumber', ...handoffFieldNames, 'uploadId'] },
      { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', include: workListRow },
      { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', include: workListRow },
    ] as readonly IndexDecl[],
  },
  functions: functions as readonly FunctionDecl[],
  routes: [
    { method: 'GET', path: '/', handler: 'public-pages' },
    { method: 'GET', path: '/status', handler: 'public-pages' },
    { method: 'GET', path: '/categories', handler: 'list-categories' },
    { method: 'POST', path: '/complaints', handler: 'register-case' },
    { method: 'GET', path: '/complaints/{caseNumber}', handler: 'get-case-status' },
    { method: 'POST', path: '/complaints/{caseNumber}/supplements', handler: 'complainant-action' },
    { method: 'POST', path: '/complaints/{caseNumber}/feedback', handler: 'complainant-action' },
    { method: 'POST', path: '/complaints/{caseNumber}/appeals', handler: 'complainant-action' },
    { method: 'POST', path: '/complaints/{caseNumber}/access', handler: 'request-access' },
    { method: 'POST', path: '/uploads', handler: 'create-upload' },
    { method: 'GET', path: '/openapi.json', handler: 'openapi-document' },
    { method: 'GET', path: '/health', handler: 'health' },
    // An SMTP provider's delivery events (or its relay's): signed, not signed in.
    { method: 'POST', path: '/mail-events/smtp', handler: 'smtp-mail-events' },
    // The sign-in shell: loads without a token (no data in it).
    { method: 'GET', path: '/staff', handler: 'staff-console' },
    // The administration shell, like /staff without a token or data; outside /staff/, whose routes all take the staff token.
    { method: 'GET', path: '/staff-admin', handler: 'staff-admin-console' },
    { method: 'GET', path: '/staff/me', handler: 'staff-me', auth: 'staff' },
    { method: 'GET', path: '/staff/cases', handler: 'staff-list-cases', auth: 'staff' },
    { method: 'GET', path: '/staff/cases/{caseNumber}', handler: 'staff-get-case', auth: 'staff' },
    { method: 'POST', path: '/staff/cases', handler: 'staff-create-case', auth: 'staff' },
    { method: 'POST', path: '/staff/cases/{caseNumber}/actions', handler: 'staff-case-action', auth: 'staff' },
    { method: 'GET', path: '/staff/reports/{period}', handler: 'staff-report', auth: 'staff' },
    { method: 'GET', path: '/transparency/{period}', handler: 'transparency' },
    { method: 'GET', path: '/admin/cases/{caseNumber}/export', handler: 'admin-export-case', auth: 'staff' },
    { method: 'POST', path: '/admin/complainants/erase', handler: 'admin-erase-complainant', auth: 'staff' },
    { method: 'GET', path: '/admin/audit', handler: 'admin-audit', auth: 'staff' },
    // The directory (docs/administration.md): reads and writes apart, so the reads hold no write grant.
    { method: 'GET', path: '/admin/staff', handler: 'admin-directory', auth: 'staff' },
    { method: 'POST', path: '/admin/staff', handler: 'admin-directory-change', auth: 'staff' },
    { method: 'PATCH', path: '/admin/staff/{email}', handler: 'admin-directory-change', auth: 'staff' },
    { method: 'GET', path: '/admin/absences', handler: 'admin-directory', auth: 'staff' },
    { method: 'POST', path: '/admin/absences', handler: 'admin-directory-change', auth: 'staff' },
    { method: 'DELETE', path: '/admin/absences/{id}', handler: 'admin-directory-change', auth: 'staff' },
    { method: 'GET', path: '/admin/departments', handler: 'admin-directory', auth: 'staff' },
    { method: 'POST', path: '/admin/departments', handler: 'admin-directory-change', auth: 'staff' },
    { method: 'PATCH', path: '/admin/departments/{id}', handler: 'admin-directory-change', auth: 'staff' },
    { method: 'GET', path: '/admin/categories', handler: 'admin-directory', auth: 'staff' },
    { method: 'POST', path: '/admin/categories', handler: 'admin-directory-change', auth: 'staff' },
    { method: 'PATCH', path: '/admin/categories/{id}', handler: 'admin-directory-change', auth: 'staff' },
    { method: 'GET', path: '/admin/calendar', handler: 'admin-directory', auth: 'staff' },
    { method: 'PUT', path: '/admin/calendar/days/{date}', handler: 'admin-directory-change', auth: 'staff' },
    { method: 'DELETE', path: '/admin/calendar/days/{date}', handler: 'admin-directory-change', auth: 'staff' },
    { method: 'POST', path: '/admin/calendar/import', handler: 'admin-directory-change', auth: 'staff' },
    { method: 'GET', path: '/admin/limits', handler: 'admin-directory', auth: 'staff' },
    { method: 'PATCH', path: '/admin/limits', handler: 'admin-directory-change', auth: 'staff' },
    // Unknown staff and admin paths: 401 without a token (not a 404 that tells what exists),
    // then the fallback's 404/405 for a signed-in caller.
    { method: 'ANY', path: '/staff/{proxy+}', handler: 'http-fallback', auth: 'staff' },
    { method: 'ANY', path: '/admin', handler: 'http-fallback', auth: 'staff' },
    { method: 'ANY', path: '/admin/{proxy+}', handler: 'http-fallback', auth: 'staff' },
  ] as readonly RouteDecl[],
  /**
   * Gets the SES sending events of the stage's configuration set that matter for the
   * suppression list (permanent bounces, complaints): through EventBridge in AWS
   * (infra/mail-identity.ts), fed by `npm run mail-event` locally (SES emulators send none).
   */
  mailEventsHandler: 'mail-events' as FunctionName,
  /** Answers every request no route above matches (404, or 405 with `Allow`). */
  fallbackHandler: 'http-fallback' as FunctionName,
  queues: queues as readonly QueueDecl[],
  schedules: [
    { name: 'outbox-relay', handler: 'outbox-relay', expression: 'rate(1 minute)' },
    { name: 'sla-sweep', handler: 'sla-sweep', expression: 'rate(5 minutes)' },
    { name: 'upload-sweep', handler: 'upload-sweep', expression: 'rate(1 hour)' },
    // 09:00 Beijing time (UTC+8) on the 1st of the month and on Mondays: the period before is complete.
    { name: 'monthly-report', handler: 'monthly-report', expression: 'cron(0 1 1 * ? *)' },
    { name: 'weekly-report', handler: 'weekly-report', expression: 'cron(0 1 ? * MON *)' },
    { name: 'retention', handler: 'retention-sweep', expression: 'rate(1 day)' },
  ] as readonly ScheduleDecl[],
  /** The evidence-file bucket's layout (`shared/evidence-layout.ts`). */
  evidenceBucket: evidenceLayout,
} as const;

/** The staff area: every route here but the sign-in shell `/staff` needs `auth: 'staff'`. */
export const isStaffArea = (path: string): boolean => /^\/staff\/|^\/admin(\/|$)/.test(path);

/** Name of the dead-letter queue paired with a step queue. */
export const deadLetterQueueName = (queue: string): string => `${queue}-dlq`;
