/**
 * The China stage's template (issue #18 "A China stage beside the others"): what
 * `npx cdk synth -c stage=prod-cn -c dryRun=true` writes, synthesised in process with the
 * cdk-nag gate (bundling skipped, as in the other test/infra files; `npm run synth` and
 * test/infra/cdk-cli.test.ts bundle). The China regions have no Cognito user pools and no
 * SES, and API Gateway there answers only on an ICP-linked custom domain.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStageApp } from '../../infra/stage-app';
import { loadStageConfig } from '../../shared/config/load-stage-config';
import type { StageConfig } from '../../shared/config/stage-config';
import { topology } from '../../shared/topology';

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The stage as the CLI builds it (placeholders refused unless dry run), synthesised through the cdk-nag gate. */
function synthesise(stage: string, configInput?: unknown): { template: Template; resources: Resources; text: string } {
  const outdir = mkdtempSync(join(tmpdir(), `cdk-${stage}-`));
  outdirs.push(outdir);
  const { app, stack } = createStageApp(stage, { skipBundling: true, refusePlaceholders: true, context: { dryRun: 'true' }, outdir, configInput });
  // Throws on any unacknowledged AwsSolutions finding or error annotation, as `cdk synth` fails.
  const json = app.synth().getStackArtifact(stack.artifactId).template as { Resources: Resources };
  return { template: Template.fromJSON(json), resources: json.Resources, text: JSON.stringify(json) };
}

const statementsOf = (resources: Resources, roleId: string): Statement[] =>
  Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && (r.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === roleId))
    .flatMap((r) => r.Properties.PolicyDocument.Statement as Statement[]);
const roleOf = (resources: Resources, functionName: string): string => {
  const fn = Object.values(resources).find((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.FunctionName === functionName);
  if (!fn) throw new Error(`no function ${functionName}`);
  return (fn.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
};
const actions = (statements: readonly Statement[]) => statements.flatMap((s) => [s.Action].flat());

describe('npx cdk synth -c stage=prod-cn -c dryRun=true (in process, cdk-nag gate)', () => {
  const stage = 'prod-cn';
  let config: StageConfig;
  let template: Template;
  let resources: Resources;
  let text: string;
  beforeAll(() => {
    config = loadStageConfig(stage);
    ({ template, resources, text } = synthesise(stage));
  });

  it('holds no AWS::Cognito::* and no AWS::SES::* resource', () => {
    const types = new Set(Object.values(resources).map((r) => r.Type));
    expect([...types].filter((t) => t.startsWith('AWS::Cognito::') || t.startsWith('AWS::SES::'))).toEqual([]);
    expect(types).toContain('AWS::Lambda::Function'); // the template is the whole stack, not an empty one
  });

  it('grants no ses: action in any policy', () => {
    const policies = Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::Role');
    const granted = policies.flatMap((r) => [
      ...actions((r.Properties.PolicyDocument?.Statement ?? []) as Statement[]),
      ...((r.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap((p) => actions(p.PolicyDocument.Statement)),
    ]);
    expect(granted.length).toBeGreaterThan(0);
    expect(granted.filter((a) => a.toLowerCase().startsWith('ses:') || a === '*')).toEqual([]);
  });

  it('answers only on its custom domain: a DomainName with the imported certificate, mapped, and the execute-api endpoint disabled', () => {
    const domain = config.deployment.apiDomain!;
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: domain.name,
      DomainNameConfigurations: [Match.objectLike({ CertificateArn: domain.certificateArn, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' })],
    });
    const [domainId] = Object.entries(resources).find(([, r]) => r.Type === 'AWS::ApiGatewayV2::DomainName')!;
    const [apiId] = Object.entries(resources).find(([, r]) => r.Type === 'AWS::ApiGatewayV2::Api')!;
    template.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { ApiId: { Ref: apiId }, DomainName: { Ref: domainId }, Stage: Match.anyValue() });
    expect(config.publicBaseUrl).toBe(`https://${domain.name}`);
  });

  it('runs every function on x86_64', () => {
    const functions = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function');
    expect(functions).toHaveLength(topology.functions.length);
    for (const fn of functions) expect(fn.Properties.Architectures, fn.Properties.FunctionName).toEqual(['x86_64']);
  });

  it('lets exactly the mail-sending functions read the mail secret, and no other secret', () => {
    if (config.mail.provider !== 'smtp') throw new Error('prod-cn sends through SMTP');
    const secretArn = {
      'Fn::Join': ['', [`arn:aws-cn:secretsmanager:${config.deployment.region}:`, { Ref: 'AWS::AccountId' }, `:secret:${config.mail.credentialsSecret}-??????`]],
    };
    for (const decl of topology.functions) {
      const statements = statementsOf(resources, roleOf(resources, `complaints-${stage}-${decl.name}`));
      // Every secret a statement names, but the keyed hashes' own (docs/security.md "Keyed hashes"), granted on every stage.
      const secretReads = statements
        .filter((s) => actions([s]).some((a) => a.startsWith('secretsmanager:')))
        .flatMap((s) => [s.Resource].flat().map((resource) => ({ Action: s.Action, Effect: s.Effect, Resource: resource })))
        .filter((grant) => !isHashSecretGrant(grant));
      const readsSecret = Boolean(decl.access.sendsMail || (decl.access as { mailSecret?: boolean }).mailSecret);
      expect(secretReads, decl.name).toEqual(readsSecret ? [{ Action: 'secretsmanager:GetSecretValue', Effect: 'Allow', Resource: secretArn }] : []);
    }
    expect(topology.functions.some((f) => f.access.sendsMail)).toBe(true);
  });

  it('points the JWT authorizer at the OpenID Connect issuer, and tells the console where to sign in', () => {
    if (config.staffIdentity.provider !== 'oidc') throw new Error('prod-cn signs staff in through OIDC');
    const { issuer, clientId, audience } = config.staffIdentity;
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT', JwtConfiguration: { Issuer: issuer, Audience: [audience ?? clientId] } });
    const console = Object.values(resources).find((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.FunctionName === `complaints-${stage}-staff-console`)!;
    expect(JSON.parse(console.Properties.Environment.Variables.STAFF_SIGN_IN as string)).toEqual({
      kind: 'oidc',
      issuer,
      clientId,
      redirectUri: `${config.publicBaseUrl}/staff`,
    });
  });

  it('keeps its data as prod does: the table retained with deletion protection, logs for a year', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ DeletionProtectionEnabled: true }) });
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
  });

  it('names its partition and region, never the global ones', () => {
    expect(text).toContain('arn:aws-cn:');
    expect(text).not.toMatch(/arn:aws:/);
    expect(text).not.toMatch(/\b(?:us|eu|ap|sa|ca|me|af)-[a-z]+-\d\b/);
  });
});

describe('a global stage keeps SES, Cognito and arm64', () => {
  it('dev: SES identity, user pool, arm64, the execute-api endpoint open (no domain)', () => {
    const { template, resources } = synthesise('dev');
    template.resourceCountIs('AWS::SES::EmailIdentity', 1);
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: Match.absent() });
    for (const fn of Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function')) expect(fn.Properties.Architectures).toEqual(['arm64']);
    // No mail secret on an SES stage: the only secret read is the keyed hashes' own.
    const secretGrants = Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap((r) => (r.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement)
      .filter((st) => [st.Action].flat().some((a) => a.startsWith('secretsmanager:')));
    expect(secretGrants.length).toBeGreaterThan(0);
    for (const grant of secretGrants) for (const resource of [grant.Resource].flat()) expect(isHashSecretGrant({ Resource: resource }), JSON.stringify(grant)).toBe(true);
  });

  it('dev with a custom domain: the execute-api endpoint is disabled there too (#19 item 9)', () => {
    const config = loadStageConfig('dev');
    const apiDomain = { name: 'complaints.dev.example.org', certificateArn: 'arn:aws:acm:ap-east-1:111111111111:certificate/11111111-1111-1111-1111-111111111111' };
    const { template } = synthesise('dev', { ...config, publicBaseUrl: `https://${apiDomain.name}`, deployment: { ...config.deployment, apiDomain } });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: apiDomain.name });
    template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
  });
});

/** A grant on the stage's keyed-hash secret (`HashSecret`, a Ref to it). */
function isHashSecretGrant(statement: { Resource?: unknown }): boolean {
  return JSON.stringify(statement.Resource ?? '').includes('"Ref":"HashSecret');
}
