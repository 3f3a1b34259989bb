import * as z from 'zod/mini';
import type { StageConfig } from '../config/stage-config';
import { complaintCreatedSchema, complaintRequestSchema } from './complaint-request';
import { categoriesSchema, healthSchema, problemSchema, publicCaseViewSchema } from './public-responses';
import { uploadCreatedSchema, uploadRequestSchema } from './upload-request';
import { adminPaths, adminSchemas, directoryPaths } from './openapi-admin';
import { smtpMailEventsSchema } from './mail-events';
import { replayWindowSeconds, signatureHeader, timestampHeader } from '../http/webhook-signature';
import { complainantPaths, complainantSchemas } from './openapi-complainant';
import { staffPaths, staffSchemas } from './openapi-staff';

/** The OpenAPI 3.1 document of the public API, generated from the zod schemas that validate it. */

const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output' = 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const jsonBody = (description: string, name: string) => ({ description, content: { 'application/json': { schema: ref(name) } } });
const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
const tooMany = { ...problem('Too many requests from this client; see Retry-After.'), headers: { 'Retry-After': { schema: { type: 'integer' } } } };

export function openApiDocument(config: StageConfig): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Complaints and reports (投诉与举报)',
      version: '1.0.0',
      description: 'API of the complaint-handling service: the public endpoints, and the staff and admin ones behind a staff ID token. Every error is application/problem+json (RFC 9457).',
    },
    servers: [{ url: config.publicBaseUrl }],
    paths: {
      '/': { get: { summary: 'The complaint / report form', responses: { 200: html('The form page') } } },
      '/status': { get: { summary: 'The status page', responses: { 200: html('The status page') } } },
      '/staff': { get: { summary: 'The staff console page: the sign-in shell (no data in it; the data comes through the staff API)', responses: { 200: html('The staff console page') } } },
      '/staff-admin': { get: { summary: 'The administration page (directory, absences, calendar, limits): a shell whose data comes through the admin API with the console\'s sign-in', responses: { 200: html('The administration page') } } },
      '/categories': { get: { summary: 'Categories by kind', responses: { 200: jsonBody('The categories', 'Categories'), 429: tooMany } } },
      '/complaints': {
        post: {
          summary: 'Submit a complaint (投诉) or report (举报)',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description: 'Any unique value (e.g. a UUID; the form sends it as the field idempotency-key): the same post sent again within a day answers 201 with the same case and a new token that also opens it.',
              schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
            },
            {
              name: 'X-Trusted-Source-Key',
              in: 'header',
              required: false,
              description: 'A trusted flagger’s own key (DSA Art. 22; an authority or partner listed in the stage config): the case is marked with the source and prioritised at least important. A key of no source is 401.',
              schema: { type: 'string', minLength: 1, maxLength: 200 },
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: ref('ComplaintRequest') },
              'application/x-www-form-urlencoded': { schema: { type: 'object', description: 'The HTML form; fields named by their JSON path, e.g. contact.email' } },
            },
          },
          responses: {
            201: { ...jsonBody('Stored durably; everything after this is asynchronous', 'ComplaintCreated'), headers: { Location: { schema: { type: 'string' } } } },
            400: problem('Invalid fields, listed in errors'),
            401: problem('X-Trusted-Source-Key is not the key of any trusted source (type /problems/unknown-trusted-source)'),
            403: problem('A post from another site (Origin / Sec-Fetch-Site), or a submitter paused after a case of theirs was marked malicious (type /problems/submitter-paused)'),
            413: problem('Body larger than 64 KiB'),
            409: problem('The Idempotency-Key was sent with another submission'),
            415: problem('Not application/json or application/x-www-form-urlencoded'),
            429: tooMany,
          },
        },
      },
      '/complaints/{caseNumber}': {
        get: {
          summary: 'Status of a case, for the complainant',
          security: [{ accessToken: [] }],
          parameters: [{ name: 'caseNumber', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Z]{2}-\\d{8}-\\d{4,}$' } }],
          responses: { 200: jsonBody('The case as the complainant may see it', 'PublicCaseView'), 404: problem('Unknown case or wrong token (same answer)'), 429: tooMany },
        },
      },
      ...complainantPaths,
      '/uploads': {
        post: {
          summary: 'A presigned S3 POST for one evidence file (at most 10 MiB); reference it as { "uploadId" } in evidence',
          description:
            'POST the file as multipart/form-data to upload.url with every field of upload.fields, the file last, before expiresAt. ' +
            'The file is checked by content where it is referenced: larger than declared, of another type, or never uploaded is a 400 there. ' +
            'An upload no submission references is deleted after a day.',
          requestBody: { required: true, content: { 'application/json': { schema: ref('UploadRequest') } } },
          responses: {
            201: jsonBody('Signed; nothing uploaded yet', 'UploadCreated'),
            400: problem('Invalid fields, listed in errors'),
            413: problem('Body larger than 64 KiB'),
            415: problem('Not application/json'),
            429: tooMany,
          },
        },
      },
      '/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
      '/health': { get: { summary: 'Liveness', responses: { 200: jsonBody('Up', 'Health') } } },
      '/mail-events/smtp': {
        post: {
          summary: "An SMTP provider's bounce and complaint events (Tencent Cloud SES callbacks, or the generic shape a relay posts), signed with the mail secret's webhook key: the addresses go on the suppression list",
          parameters: [
            { name: timestampHeader, in: 'header', required: true, description: `Unix time in seconds when it was signed; more than ${replayWindowSeconds / 60} minutes away from now is refused`, schema: { type: 'string', pattern: '^\\d+$' } },
            { name: signatureHeader, in: 'header', required: true, description: 'sha256= and the hex HMAC-SHA256 of "<timestamp>.<raw body>"', schema: { type: 'string', pattern: '^sha256=[0-9a-f]{64}$' } },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: ref('SmtpMailEvents') } } },
          responses: {
            200: { description: 'Handled', content: { 'application/json': { schema: { type: 'object', properties: { suppressed: { type: 'integer', minimum: 0 } }, required: ['suppressed'] } } } },
            400: problem('Not an event, listed in errors'),
            401: problem('Not signed with the webhook key, or signed too long ago (type /problems/bad-signature)'),
            413: problem('Body larger than 64 KiB'),
          },
        },
      },
      ...staffPaths,
      ...adminPaths,
      ...directoryPaths,
    },
    components: {
      securitySchemes: {
        accessToken: { type: 'http', scheme: 'bearer', description: 'The access token given when the case was submitted' },
        staffToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: "A staff ID token of the stage's Cognito user pool" },
      },
      schemas: {
        ComplaintRequest: jsonSchema(complaintRequestSchema(config.categories), 'input'),
        ComplaintCreated: jsonSchema(complaintCreatedSchema),
        PublicCaseView: jsonSchema(publicCaseViewSchema),
        Categories: jsonSchema(categoriesSchema),
        Problem: jsonSchema(problemSchema),
        Health: jsonSchema(healthSchema),
        SmtpMailEvents: jsonSchema(smtpMailEventsSchema, 'input'),
        UploadRequest: jsonSchema(uploadRequestSchema, 'input'),
        UploadCreated: jsonSchema(uploadCreatedSchema),
        ...complainantSchemas(jsonSchema),
        ...staffSchemas(jsonSchema),
        ...adminSchemas(jsonSchema),
      },
    },
  };
}
