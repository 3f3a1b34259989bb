import { runtimeSettings } from '../shared/config/runtime';
import { configOnlyHttpFunction } from '../shared/http/middleware';
import { requestLanguage } from '../shared/http/request';
import { htmlWithPolicy } from '../shared/http/page-response';
import { contentSecurityPolicy } from '../shared/web/security';
import { adminScript } from '../shared/web/admin/script';
import { renderAdminConsole } from '../shared/web/admin-console-page';

/** GET /staff-admin: the console's administration screens, in the visitor's language; its script calls only this origin. */
export const handler = configOnlyHttpFunction(
  'staff-admin-console',
  async (event) => {
    const page = renderAdminConsole({ language: requestLanguage(event), config: runtimeSettings().config });
    return htmlWithPolicy(200, page, contentSecurityPolicy([], [adminScript]), { vary: 'accept-language' });
  },
  // Touches no table (topology access: none), so answers from the stage config (its time zone); API Gateway's stage throttle limits it.
  { rateLimit: false },
);
