import { runtimeSettings } from '../shared/config/runtime';
import { httpFunction } from '../shared/http/http-function';
import { requestLanguage, requestTime } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { staffCaller } from '../shared/http/staff-caller';
import { validate } from '../shared/http/validation';
import { staffActionRequestSchema } from '../shared/schemas/staff-requests';
import { actOnCase } from '../shared/workflow/staff-cases';

/** POST /staff/cases/{caseNumber}/actions: one staff action on the case version the caller read. */
export const handler = httpFunction(
  'staff-case-action',
  async (event) => {
    const settings = runtimeSettings();
    const caller = await staffCaller(event, settings);
    const request = validate(staffActionRequestSchema, event.parsedBody, requestLanguage(event));
    return json(200, await actOnCase(settings, caller, event.pathParameters?.caseNumber ?? '', request, requestTime(event)));
  },
  // Staff only (JWT authorizer); API Gateway's stage throttle limits it.
  { body: true, rateLimit: false },
);
