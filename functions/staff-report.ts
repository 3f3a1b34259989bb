import { readReport } from '../shared/adapters/report-store';
import { runtimeSettings } from '../shared/config/runtime';
import { mayReadReports } from '../shared/domain/report';
import { periodKindOf } from '../shared/domain/report-period';
import { httpFunction } from '../shared/http/http-function';
import { problems } from '../shared/http/problem';
import { header } from '../shared/http/request';
import { html } from '../shared/http/html-response';
import { json, securityHeaders } from '../shared/http/responses';
import { staffCaller } from '../shared/http/staff-caller';

/** GET /staff/reports/{period}: the stored report (JSON; its HTML or CSV copy on `Accept`), 404 before it is generated. */
export const handler = httpFunction(
  'staff-report',
  async (event) => {
    const settings = runtimeSettings();
    const { tableName, config } = settings;
    const caller = await staffCaller(event, settings);
    if (!mayReadReports(caller, config)) throw problems.forbidden('Reports are for admins, supervisors and the management group.');
    const period = event.pathParameters?.period ?? '';
    const report = periodKindOf(period) ? await readReport(tableName, period) : undefined;
    if (!report) throw problems.notFound();
    const accept = header(event, 'accept') ?? '';
    const noStore = { 'cache-control': 'no-store', vary: 'accept' };
    if (/text\/csv/i.test(accept)) return { statusCode: 200, headers: { 'content-type': 'text/csv; charset=utf-8', ...securityHeaders, ...noStore }, body: report.csv };
    if (/text\/html/i.test(accept)) return html(200, report.html, noStore);
    return json(200, JSON.parse(report.json), noStore);
  },
  // Staff only, behind the authorizer; API Gateway's stage throttle limits it.
  { rateLimit: false },
);
