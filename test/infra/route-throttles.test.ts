/**
 * Issue 19 item 7: public and staff routes shared one stage throttle, so a crowd of posts
 * could lock staff out of the console. Each staff and admin route has route settings of its
 * own (capacity.staffApi*); the public routes keep the stage's default. A WAF rate-based
 * rule cannot be put on an HTTP API: the setting is refused at synth with the reason.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStageApp } from '../../infra/stage-app';
import { loadStageConfig } from '../../shared/config/load-stage-config';
import { topology } from '../../shared/topology';
import localConfigInput from '../../config/stages/local';

let stage: Record<string, any>;
const capacity = loadStageConfig('local').capacity;

beforeAll(() => {
  const template = Template.fromStack(createStageApp('local', { skipBundling: true }).stack);
  stage = Object.values(template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, any> }>).find((r) => r.Type === 'AWS::ApiGatewayV2::Stage')!.Properties;
});

describe('issue 19 item 7: route throttles', () => {
  it('every staff and admin route has its own throttle, apart from the public default', () => {
    const staffKeys = topology.routes.filter((r) => r.auth === 'staff').map((r) => `${r.method} ${r.path}`);
    expect(staffKeys.length).toBeGreaterThan(5);
    expect(Object.keys(stage.RouteSettings ?? {}).sort()).toEqual(staffKeys.sort());
    for (const key of staffKeys) {
      expect(stage.RouteSettings[key], key).toEqual({ ThrottlingRateLimit: capacity.staffApiRatePerSecond, ThrottlingBurstLimit: capacity.staffApiBurst });
    }
    expect(stage.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: capacity.apiRatePerSecond, ThrottlingBurstLimit: capacity.apiBurst });
  });

  it('refuses a WAF rate-based rule at synth, saying why (no WAF on HTTP APIs)', () => {
    const configInput = { ...localConfigInput, capacity: { ...(localConfigInput as { capacity?: object }).capacity, wafRequestsPer5Minutes: 2000 } };
    expect(() => createStageApp('local', { configInput, skipBundling: true })).toThrow(/wafRequestsPer5Minutes: AWS WAF cannot be associated with an API Gateway HTTP API/);
  });
});
