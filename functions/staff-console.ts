import { runtimeSettings } from '../shared/config/runtime';
import { configOnlyHttpFunction } from '../shared/http/middleware';
import { requestLanguage } from '../shared/http/request';
import { htmlWithPolicy } from '../shared/http/page-response';
import { contentSecurityPolicy } from '../shared/web/security';
import { consoleScript } from '../shared/web/console/script';
import { renderStaffConsole, signInOrigin } from '../shared/web/staff-console-page';

/** GET /staff: the staff console, in the visitor's language; its script may call the sign-in endpoint. */
export const handler = configOnlyHttpFunction(
  'staff-console',
  async (event) => {
    const { staffSignIn, config } = runtimeSettings();
    if (!staffSignIn) throw new Error('STAFF_SIGN_IN is not set: the topology must declare access.staffSignIn for staff-console');
    const page = renderStaffConsole({ language: requestLanguage(event), signIn: staffSignIn, config, now: new Date() });
    return htmlWithPolicy(200, page, contentSecurityPolicy([signInOrigin(staffSignIn)], [consoleScript(staffSignIn)]), { vary: 'accept-language' });
  },
  // Touches no table (topology access: staffSignIn only); API Gateway's stage throttle limits it.
  { rateLimit: false },
);
