import { runtimeSettings } from '../shared/config/runtime';
import { caseNumberPattern } from '../shared/domain/case-number';
import { httpFunction } from '../shared/http/http-function';
import { clientAddress, requestLanguage, requestTime } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { validate } from '../shared/http/validation';
import { accessRequestSchema } from '../shared/schemas/complainant-actions';
import { redeemAccessLink, requestAccessLink } from '../shared/workflow/access-link';

/** The one answer to `{}`, whatever exists (a case number alone reveals nothing). */
const requested = { accepted: true, detail: 'If this case has an email address, a link to a new access token is on its way there.' } as const;

/** POST /complaints/{caseNumber}/access — a lost token: `{}` mails a one-time link; `{ grant }` redeems it. */
export const handler = httpFunction(
  'request-access',
  async (event) => {
    const settings = runtimeSettings();
    const caseNumber = event.pathParameters?.caseNumber ?? '';
    const { grant, email } = validate(accessRequestSchema, event.parsedBody, requestLanguage(event));
    if (grant !== undefined) return json(200, await redeemAccessLink(settings, caseNumber, grant, requestTime(event)));
    if (caseNumberPattern.test(caseNumber)) await requestAccessLink(settings, caseNumber, clientAddress(event), requestTime(event), email);
    return json(202, requested);
  },
  { body: true },
);
