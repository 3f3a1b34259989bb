import { runtimeSettings } from '../shared/config/runtime';
import { httpFunction } from '../shared/http/http-function';
import { json } from '../shared/http/responses';

/** GET /categories — the categories for the form, as the directory has them (an admin may add or rename one). */
export const handler = httpFunction('list-categories', async () => {
  const categories = runtimeSettings().config.categories.map(({ id, name, kinds }) => ({ id, name, kinds }));
  return json(200, categories, { 'cache-control': 'public, max-age=300' });
});
