import { describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../../shared/config/load-stage-config';
import { openApiDocument } from '../../../shared/schemas/openapi';
import { mayTake } from '../../../shared/domain/action-permissions';
import { topology } from '../../../shared/topology';

interface Operation {
  security?: { staffToken?: unknown[] }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, unknown>;
}
type Schema = { oneOf?: Schema[]; anyOf?: Schema[]; properties?: Record<string, Schema & { const?: string }>; required?: string[]; additionalProperties?: boolean };

const doc = openApiDocument(loadStageConfig('local')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { type: string; scheme: string }>; schemas: Record<string, Schema> };
};

describe('the OpenAPI document', () => {
  it('describes every route the topology serves (but the catch-alls), with its method, and no route it does not serve', () => {
    const served = topology.routes.filter((r) => r.method !== 'ANY').map((r) => `${r.method} ${r.path}`).sort();
    const methods = ['get', 'post', 'put', 'patch', 'delete'];
    const described = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).filter((m) => methods.includes(m)).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    expect(described).toEqual(served);
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const name of path.match(/\{(\w+)\}/g) ?? []) {
        for (const operation of Object.values(item) as (Operation & { parameters?: { name: string; in: string }[] })[]) {
          expect(operation.parameters?.some((p) => p.in === 'path' && `{${p.name}}` === name), `${path} declares ${name}`).toBe(true);
        }
      }
    }
  });

  it('gives every $ref a schema in components', () => {
    const refs = [...JSON.stringify(doc.paths).matchAll(/"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    expect(refs.filter((name) => !(name in doc.components.schemas))).toEqual([]);
  });

  it('has every staff and admin route of the topology (but the catch-alls), each behind the staff bearer token, 401 documented', () => {
    const routes = topology.routes.filter((r) => 'auth' in r && r.auth === 'staff' && r.method !== 'ANY');
    expect(routes.length).toBeGreaterThanOrEqual(9);
    for (const route of routes) {
      const operation = doc.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation!.security, `${route.method} ${route.path}`).toEqual([{ staffToken: [] }]);
      expect(Object.keys(operation!.responses), `${route.method} ${route.path}`).toContain('401');
    }
    expect(doc.components.securitySchemes.staffToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('gives the actions endpoint the body of every staff action (all 14 the domain knows) from the zod schemas: strict, version required', () => {
    const body = doc.paths['/staff/cases/{caseNumber}/actions']!.post!.requestBody!.content['application/json']!.schema;
    expect(body).toEqual({ $ref: '#/components/schemas/StaffAction' });
    const variants = doc.components.schemas.StaffAction!.oneOf ?? doc.components.schemas.StaffAction!.anyOf ?? [];
    expect(variants.map((v) => v.properties!.action!.const).sort()).toEqual(Object.keys(mayTake).sort());
    for (const variant of variants) {
      expect(variant.additionalProperties, variant.properties!.action!.const).toBe(false);
      expect(variant.required).toEqual(expect.arrayContaining(['action', 'version']));
    }
  });

  it('gives POST /staff/cases the public complaint body plus channel and receivedAt', () => {
    const body = doc.paths['/staff/cases']!.post!.requestBody!.content['application/json']!.schema;
    expect(body).toEqual({ allOf: [{ $ref: '#/components/schemas/ComplaintRequest' }, { $ref: '#/components/schemas/StaffEntryFields' }] });
    expect(doc.components.schemas.StaffEntryFields!.required).toEqual(['channel', 'receivedAt']);
  });
});
