import { runtimeSettings } from '../shared/config/runtime';
import { httpFunction } from '../shared/http/http-function';
import { requestTime } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { staffCaller } from '../shared/http/staff-caller';
import { showCase } from '../shared/workflow/staff-cases';

/** GET /staff/cases/{caseNumber}: the full case as the caller may see it; 404 for one they may not see. */
export const handler = httpFunction(
  'staff-get-case',
  async (event) => {
    const settings = runtimeSettings();
    const caller = await staffCaller(event, settings);
    return json(200, await showCase(settings, caller, event.pathParameters?.caseNumber ?? '', requestTime(event)));
  },
  // Staff only (JWT authorizer); API Gateway's stage throttle limits it.
  { rateLimit: false },
);
