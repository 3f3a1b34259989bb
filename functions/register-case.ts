import { randomUUID } from 'node:crypto';
import { runtimeSettings } from '../shared/config/runtime';
import { httpFunction } from '../shared/http/http-function';
import { clientAddress, requestLanguage, requestTime, wantsHtml } from '../shared/http/request';
import { htmlWithPolicy } from '../shared/http/page-response';
import { json } from '../shared/http/responses';
import { validate } from '../shared/http/validation';
import { complaintRequestSchema } from '../shared/schemas/complaint-request';
import { statusUrl } from '../shared/http/links';
import { renderFormPage } from '../shared/web/form-page';
import { formScript, resultScript } from '../shared/web/scripts';
import { contentSecurityPolicy } from '../shared/web/security';
import { receiptDelivery, renderResultPage } from '../shared/web/result-page';
import { registerSubmission } from '../shared/workflow/register-submission';
import { trustedSourceOf } from '../shared/http/trusted-source';

/**
 * The policy of this function's pages: the result page, or the form again after a refused
 * post, whose script may still upload files to the bucket. Only these two scripts, so the
 * status page's stays out of the bundle (docs/performance.md "Bundles").
 */
const pagePolicy = (): string => {
  const { evidenceUploadOrigin } = runtimeSettings();
  return contentSecurityPolicy(evidenceUploadOrigin ? [evidenceUploadOrigin] : [], [formScript, resultScript]);
};

/** POST /complaints — 接收登记 receive and register a complaint or report. */
export const handler = httpFunction(
  'register-case',
  async (event) => {
    const settings = runtimeSettings();
    const language = requestLanguage(event);
    const request = validate(complaintRequestSchema(settings.config.categories), event.parsedBody, language);
    // The form posts urlencoded; anything sent as JSON is a program using the API.
    const channel = event.bodyFormat === 'form' ? 'web' : 'api';
    const source = trustedSourceOf(settings.config.trustedSources, event.headers['x-trusted-source-key']);
    const { caseNumber, accessToken } = await registerSubmission(settings, request, requestTime(event), clientAddress(event), channel, event.idempotencyKey, source?.id);
    const created = { caseNumber, accessToken, status: 'received' as const, statusUrl: statusUrl(settings.config.publicBaseUrl, caseNumber, accessToken) };
    const location = { location: `/complaints/${caseNumber}` };
    if (event.bodyFormat === 'form' && wantsHtml(event)) {
      return htmlWithPolicy(201, renderResultPage({ language, created, receipt: receiptDelivery(request), mailsPerDay: settings.config.rateLimits.mailsPerRecipientPerDay }), pagePolicy(), location);
    }
    return json(201, created, location);
  },
  {
    body: true,
    // Counted in the registration's one transaction; a request that fails is counted after the fact.
    rateLimit: 'deferred',
    problemPage: (event, problem) =>
      htmlWithPolicy(
        problem.body.status,
        renderFormPage({
          language: requestLanguage(event),
          categories: runtimeSettings().config.categories,
          values: event.parsedBody,
          problem: problem.body,
          submissionKey: event.idempotencyKey ?? randomUUID(),
        }),
        pagePolicy(),
        problem.headers,
      ),
  },
);
