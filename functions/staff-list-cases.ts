import { runtimeSettings } from '../shared/config/runtime';
import { httpFunction } from '../shared/http/http-function';
import { requestLanguage, requestTime } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { staffCaller } from '../shared/http/staff-caller';
import { validate } from '../shared/http/validation';
import { workListQuerySchema } from '../shared/schemas/staff-requests';
import { listWork } from '../shared/workflow/staff-cases';

/** GET /staff/cases: the caller's work list (view, status, cursor), the most urgent deadline first. */
export const handler = httpFunction(
  'staff-list-cases',
  async (event) => {
    const settings = runtimeSettings();
    const caller = await staffCaller(event, settings);
    const query = validate(workListQuerySchema, event.queryStringParameters ?? {}, requestLanguage(event));
    return json(200, await listWork(settings, caller, query, requestTime(event)));
  },
  // Staff only (JWT authorizer); API Gateway's stage throttle limits it.
  { rateLimit: false },
);
