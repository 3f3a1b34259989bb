import { randomUUID } from 'node:crypto';
import { runtimeSettings } from '../shared/config/runtime';
import { httpFunction } from '../shared/http/http-function';
import { requestLanguage, requestTime } from '../shared/http/request';
import { html, publicPagePolicy } from '../shared/http/html-response';
import { renderFormPage } from '../shared/web/form-page';
import { renderStatusPage } from '../shared/web/status-page';

/** GET / (the complaint / report form) and GET /status (the status page), in the visitor's language. */
export const handler = httpFunction(
  'public-pages',
  async (event) => {
    const { config, evidenceUploadOrigin } = runtimeSettings();
    const language = requestLanguage(event);
    const channels = { desk: config, now: requestTime(event) };
    const page =
      event.routeKey === 'GET /status'
        ? renderStatusPage({ language, timeZone: config.timeZone, caseNumber: event.queryStringParameters?.case, channels })
        : renderFormPage({ language, categories: config.categories, submissionKey: randomUUID(), channels });
    // Both pages' scripts post evidence files straight to the bucket (presigned POST).
    const csp = publicPagePolicy(evidenceUploadOrigin ? [evidenceUploadOrigin] : []);
    return html(200, page, { vary: 'accept-language', 'content-security-policy': csp });
  },
  { rateLimit: true },
);
