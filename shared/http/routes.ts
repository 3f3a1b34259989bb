import { topology } from '../topology';

/** `/complaints/{caseNumber}` → a pattern matching one path segment per parameter. */
const pattern = (path: string): RegExp =>
  new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\}/g, '[^/]+')}$`);

// `ANY` routes are the catch-alls that lead here: they name no method of their own.
const routes = topology.routes.filter((route) => route.method !== 'ANY').map((route) => ({ ...route, pattern: pattern(route.path) }));

/** The methods the topology declares for a concrete request path (empty: unknown path). */
export function allowedMethods(path: string): string[] {
  return [...new Set(routes.filter((route) => route.pattern.test(path)).map((route) => route.method))];
}
