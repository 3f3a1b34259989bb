import { runtimeSettings } from '../shared/config/runtime';
import { httpFunction } from '../shared/http/http-function';
import { problems } from '../shared/http/problem';
import { requestLanguage, requestTime } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { staffCaller } from '../shared/http/staff-caller';
import { fieldError, validate } from '../shared/http/validation';
import { receivedAtProblem, staffEntryMaxAgeDays } from '../shared/domain/intake';
import { complaintRequestSchema } from '../shared/schemas/complaint-request';
import { staffEntryFieldsSchema } from '../shared/schemas/staff-requests';
import { registerSubmission } from '../shared/workflow/register-submission';

/** POST /staff/cases: a case received by phone, letter or in person, registered as the public form's are. */
export const handler = httpFunction(
  'staff-create-case',
  async (event) => {
    const settings = runtimeSettings();
    const language = requestLanguage(event);
    const caller = await staffCaller(event, settings);
    const body = event.parsedBody;
    const { channel, receivedAt, ...complaint } = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const entry = validate(staffEntryFieldsSchema, { channel, receivedAt }, language);
    const request = validate(complaintRequestSchema(settings.config.categories), body !== null && typeof body === 'object' && !Array.isArray(body) ? complaint : body, language);
    // Files reach a case from the complainant's own upload (status page), not through staff entry: this function holds no bucket access.
    const uploads = (request.evidence ?? []).flatMap((item, i) => ('uploadId' in item && item.uploadId ? [fieldError(['evidence', String(i), 'uploadId'], 'not-allowed', language)] : []));
    if (uploads.length > 0) throw problems.invalidRequest(uploads);
    const received = new Date(entry.receivedAt);
    const now = requestTime(event);
    const wrong = receivedAtProblem(received, now);
    if (wrong) throw problems.invalidRequest([fieldError(['receivedAt'], wrong, language, String(staffEntryMaxAgeDays))]);
    // The staff member's own rate window, not a client address: phone entry must not share the public one.
    const { caseNumber, accessToken } = await registerSubmission(settings, request, received, `staff:${caller.email}`, entry.channel, undefined, undefined, now);
    return json(201, { caseNumber, accessToken, status: 'received' }, { location: `/staff/cases/${caseNumber}` });
  },
  { body: true, rateLimit: false },
);
