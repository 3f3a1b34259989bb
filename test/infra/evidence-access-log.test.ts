import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { accessLogDays, EvidenceBucket } from '../../infra/evidence-bucket';
import { evidenceLayout } from '../../shared/evidence-layout';

// issue 19 item 12c: the evidence bucket's access log holds uploaders' IP addresses past an
// erasure; it is kept 30 days, not a year.
describe('issue 19 item 12c: the S3 access log of the evidence bucket', () => {
  it('expires after 30 days', () => {
    // The project's feature flags (cdk.json), as the real app has them.
    const { context } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
    const stack = new Stack(new App({ context }), 'Evidence');
    new EvidenceBucket(stack, 'Evidence', { layout: evidenceLayout, formOrigin: 'https://complaints.example.cn', removalPolicy: RemovalPolicy.DESTROY });
    const template = Template.fromStack(stack);
    expect(accessLogDays).toBe(30);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Id: 'expire-access-logs', ExpirationInDays: 30, Status: 'Enabled' })]) },
    });
  });
});
