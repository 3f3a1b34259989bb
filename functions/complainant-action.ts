import { runtimeSettings } from '../shared/config/runtime';
import { caseNumberPattern } from '../shared/domain/case-number';
import { httpFunction } from '../shared/http/http-function';
import { problems } from '../shared/http/problem';
import { header, requestLanguage, requestTime } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { validate } from '../shared/http/validation';
import { appealRequestSchema, feedbackRequestSchema, supplementRequestSchema } from '../shared/schemas/complainant-actions';
import { bearerToken } from '../shared/workflow/access-token';
import { takeComplainantAction, type ComplainantRequest } from '../shared/workflow/complainant-action';

/** The route's last segment → the action and the schema of its body. */
const actions = {
  supplements: (body: unknown, language: 'zh-CN' | 'en'): ComplainantRequest => ({ action: 'supplement', ...validate(supplementRequestSchema, body, language) }),
  feedback: (body: unknown, language: 'zh-CN' | 'en'): ComplainantRequest => ({ action: 'feedback', ...validate(feedbackRequestSchema, body, language) }),
  appeals: (body: unknown, language: 'zh-CN' | 'en'): ComplainantRequest => ({ action: 'appeal', ...validate(appealRequestSchema, body, language) }),
} as const;

/** POST /complaints/{caseNumber}/supplements | feedback | appeals — 补正, 回访, 复核 with the access token. */
export const handler = httpFunction(
  'complainant-action',
  async (event) => {
    const caseNumber = event.pathParameters?.caseNumber ?? '';
    const parse = actions[event.rawPath.split('/').at(-1) as keyof typeof actions];
    if (!parse || !caseNumberPattern.test(caseNumber)) throw problems.notFound();
    const language = requestLanguage(event);
    const request = parse(event.parsedBody, language);
    const token = bearerToken(header(event, 'authorization'));
    return json(200, await takeComplainantAction(runtimeSettings(), caseNumber, token, request, requestTime(event), language));
  },
  { body: true },
);
