import { runtimeSettings } from '../shared/config/runtime';
import { httpFunction } from '../shared/http/http-function';
import { requestLanguage } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { staffCaller } from '../shared/http/staff-caller';
import { validate } from '../shared/http/validation';
import { auditQuerySchema } from '../shared/schemas/admin-requests';
import { auditHistory } from '../shared/workflow/admin-records';

/** GET /admin/audit?from=&to=: the audit history of admin exports and erasures (admins only; no personal data in it). */
export const handler = httpFunction(
  'admin-audit',
  async (event) => {
    const settings = runtimeSettings();
    const caller = await staffCaller(event, settings);
    const language = requestLanguage(event);
    const query = validate(auditQuerySchema, event.queryStringParameters ?? {}, language);
    return json(200, await auditHistory(settings, caller, query, language), { 'cache-control': 'no-store' });
  },
  // Staff only (JWT authorizer); API Gateway's stage throttle limits it.
  { rateLimit: false },
);
