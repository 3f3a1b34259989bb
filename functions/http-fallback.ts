import { configOnlyHttpFunction } from '../shared/http/middleware';
import { problems } from '../shared/http/problem';
import { allowedMethods } from '../shared/http/routes';

/** Every request no route matches: 405 with `Allow` for a known path, else 404. */
export const handler = configOnlyHttpFunction('http-fallback', async (event) => {
  const allow = allowedMethods(event.rawPath);
  throw allow.length > 0 ? problems.methodNotAllowed(allow) : problems.notFound();
});
