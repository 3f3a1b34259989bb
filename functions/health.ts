import { runtimeSettings } from '../shared/config/runtime';
import { calendarWarningsAt, workingCalendar } from '../shared/domain/calendar';
import { configOnlyHttpFunction } from '../shared/http/middleware';
import { requestTime } from '../shared/http/request';
import { json } from '../shared/http/responses';

/**
 * GET /health — liveness; not rate limited, touches no table. `calendar` lists what the
 * working-time calendar is unsure of (a year with no published holiday arrangement).
 */
export const handler = configOnlyHttpFunction(
  'health',
  async (event) => {
    const warnings = calendarWarningsAt(workingCalendar(runtimeSettings().config), requestTime(event));
    return json(200, { ok: true, ...(warnings.length > 0 ? { calendar: { warnings } } : {}) });
  },
  { rateLimit: false },
);
