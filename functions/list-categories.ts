import { runtimeSettings } from '../shared/config/runtime';
import { httpFunction } from '../shared/http/middleware';
import { json } from '../shared/http/responses';

/** GET /categories — the stage's categories for the form. */
export const handler = httpFunction('list-categories', async () => {
  const categories = runtimeSettings().config.categories.map(({ id, name, kinds }) => ({ id, name, kinds }));
  return json(200, categories, { 'cache-control': 'public, max-age=300' });
}, { directory: false });
