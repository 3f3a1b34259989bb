/**
 * Staff sign-in through any OpenID Connect provider (stage config `staffIdentity.provider:
 * 'oidc'`), for the China regions, which have no Cognito user pools: the HTTP API's JWT
 * authorizer checks each staff token's signature (the issuer's published keys), issuer,
 * expiry and audience (`audience`, default the console's client id). No AWS resource: the
 * provider is the organisation's. Register the console there as a public client
 * (authorization code + PKCE, no secret) with the redirect URI of the `StaffRedirectUri`
 * output (docs/operations.md "Deploying in the China regions").
 */
import { CfnOutput } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { Construct } from 'constructs';
import type { StaffSignInSettings } from '../shared/config/runtime';
import type { StageConfig } from '../shared/config/stage-config';
import { consolePath } from './staff-identity';

export type OidcSettings = Extract<StageConfig['staffIdentity'], { provider: 'oidc' }>;

export interface OidcStaffIdentityProps {
  readonly publicBaseUrl: string;
  readonly oidc: OidcSettings;
}

export class OidcStaffIdentity extends Construct {
  readonly authorizer: apigw.IHttpRouteAuthorizer;
  /** What the console page needs to send a browser to the provider (STAFF_SIGN_IN). */
  readonly signIn: StaffSignInSettings;

  constructor(scope: Construct, id: string, props: OidcStaffIdentityProps) {
    super(scope, id);
    const { issuer, clientId, audience } = props.oidc;
    const redirectUri = `${props.publicBaseUrl.replace(/\/$/, '')}${consolePath}`;
    this.authorizer = new HttpJwtAuthorizer('StaffAuthorizer', issuer, {
      jwtAudience: [audience ?? clientId],
      identitySource: ['$request.header.Authorization'],
    });
    this.signIn = { kind: 'oidc', issuer, clientId, redirectUri };

    new CfnOutput(this, 'Issuer', { value: issuer, description: 'Staff OpenID Connect provider (issuer)' }).overrideLogicalId('StaffIssuer');
    new CfnOutput(this, 'ClientId', { value: clientId, description: 'Staff console client at the provider' }).overrideLogicalId('StaffClientId');
    new CfnOutput(this, 'RedirectUri', { value: redirectUri, description: 'Register as the console client redirect URI' }).overrideLogicalId('StaffRedirectUri');
  }
}
