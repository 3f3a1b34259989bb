import { runtimeSettings } from '../shared/config/runtime';
import { httpFunction } from '../shared/http/http-function';
import { requestLanguage, requestTime } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { staffCaller } from '../shared/http/staff-caller';
import { validate } from '../shared/http/validation';
import { eraseRequestSchema } from '../shared/schemas/admin-requests';
import { eraseComplainant } from '../shared/workflow/admin-records';

/** POST /admin/complainants/erase: a complainant's personal data erased on every case of theirs (admins only, idempotent, audited). */
export const handler = httpFunction(
  'admin-erase-complainant',
  async (event) => {
    const settings = runtimeSettings();
    const caller = await staffCaller(event, settings);
    const request = validate(eraseRequestSchema, event.parsedBody, requestLanguage(event));
    return json(200, await eraseComplainant(settings, caller, request, requestTime(event)));
  },
  // Staff only (JWT authorizer); API Gateway's stage throttle limits it.
  { body: true, rateLimit: false },
);
