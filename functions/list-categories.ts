import { runtimeSettings } from '../shared/config/runtime';
import { configOnlyHttpFunction } from '../shared/http/middleware';
import { json } from '../shared/http/responses';

/** GET /categories — the stage's categories for the form. */
export const handler = configOnlyHttpFunction('list-categories', async () => {
  const categories = runtimeSettings().config.categories.map(({ id, name, kinds }) => ({ id, name, kinds }));
  return json(200, categories, { 'cache-control': 'public, max-age=300' });
});
