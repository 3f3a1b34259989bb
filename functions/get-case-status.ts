import { readCaseWithHistory } from '../shared/adapters/case-reads';
import { runtimeSettings } from '../shared/config/runtime';
import { caseNumberPattern } from '../shared/domain/case-number';
import { publicCaseView } from '../shared/domain/public-view';
import { httpFunction } from '../shared/http/http-function';
import { problems } from '../shared/http/problem';
import { header } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { bearerToken, tokenFits, tokenHashesOf } from '../shared/workflow/access-token';

/** GET /complaints/{caseNumber} — status for the complainant, with the access token. */
export const handler = httpFunction('get-case-status', async (event) => {
  const { tableName, config } = runtimeSettings();
  const caseNumber = event.pathParameters?.caseNumber ?? '';
  const token = bearerToken(header(event, 'authorization'));
  // Unknown case, missing token and wrong token all answer the same 404.
  if (!caseNumberPattern.test(caseNumber) || !token) throw problems.notFound();
  const found = await readCaseWithHistory(tableName, caseNumber);
  if (!found || !tokenFits(token, tokenHashesOf(found))) throw problems.notFound();
  return json(200, publicCaseView({ ...found.state, deadlines: found.deadlines }, found.history, config.timeZone));
});
