import { runtimeSettings } from '../shared/config/runtime';
import { httpFunction } from '../shared/http/http-function';
import { requestLanguage, requestTime } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { staffCaller } from '../shared/http/staff-caller';
import { validate } from '../shared/http/validation';
import { exportQuerySchema } from '../shared/schemas/admin-requests';
import { exportCase } from '../shared/workflow/admin-records';

/** GET /admin/cases/{caseNumber}/export: everything held about a case, for a data-subject access request (admins only, audited). */
export const handler = httpFunction(
  'admin-export-case',
  async (event) => {
    const settings = runtimeSettings();
    const caller = await staffCaller(event, settings);
    const query = validate(exportQuerySchema, event.queryStringParameters ?? {}, requestLanguage(event));
    const document = await exportCase(settings, caller, event.pathParameters?.caseNumber ?? '', query.reason, requestTime(event));
    return json(200, document, { 'cache-control': 'no-store' });
  },
  // Staff only (JWT authorizer); API Gateway's stage throttle limits it.
  { rateLimit: false },
);
