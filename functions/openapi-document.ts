import { runtimeSettings } from '../shared/config/runtime';
import { configOnlyHttpFunction } from '../shared/http/middleware';
import { json } from '../shared/http/responses';
import { openApiDocument } from '../shared/schemas/openapi';

let document: Record<string, unknown> | undefined;

/** GET /openapi.json — generated from the request and response schemas, once per container. */
export const handler = configOnlyHttpFunction('openapi-document', async () => {
  document ??= openApiDocument(runtimeSettings().config);
  return json(200, document, { 'cache-control': 'public, max-age=300' });
});
