import { runtimeSettings } from '../shared/config/runtime';
import { httpFunction } from '../shared/http/http-function';
import { problems } from '../shared/http/problem';
import { requestLanguage, requestTime, wantsHtml } from '../shared/http/request';
import { html } from '../shared/http/html-response';
import { json } from '../shared/http/responses';
import { renderTransparencyPage } from '../shared/web/transparency-page';
import { publicSummaries } from '../shared/workflow/report-views';

/** GET /transparency/{period}: the public summary (信息公开), JSON, or the page with `Accept: text/html`. */
export const handler = httpFunction('transparency', async (event) => {
  const { tableName, config } = runtimeSettings();
  const found = await publicSummaries(tableName, config, event.pathParameters?.period ?? '', requestTime(event));
  if (!found) throw problems.notFound();
  if (!wantsHtml(event)) return json(200, found.summary, { vary: 'accept' });
  const page = renderTransparencyPage({ language: requestLanguage(event), ...found, categories: config.categories });
  return html(200, page, { vary: 'accept, accept-language' });
});
