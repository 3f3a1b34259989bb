import { httpFunction } from '../shared/http/middleware';
import { json } from '../shared/http/responses';

/** GET /health — liveness; not rate limited, touches nothing. */
export const handler = httpFunction('health', async () => json(200, { ok: true }), { rateLimit: false });
