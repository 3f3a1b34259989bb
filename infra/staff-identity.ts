/**
 * Staff sign-in: the stage's Cognito user pool with one group per role, one user per
 * staff member of the stage config (in the groups of their roles), the console's app
 * client (authorization code + PKCE through the hosted UI, no secret) and the HTTP API
 * JWT authorizer that every staff route carries. MFA as the stage config says
 * (`staffSignIn.mfa`: `required` in prod), by TOTP app only (SMS would need a sender role).
 */
import { CfnOutput, Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { StageConfig } from '../shared/config/stage-config';
import type { StaffSignInSettings } from '../shared/config/runtime';
import { staffRoles } from '../shared/domain/status';
import { productionStages } from './production';
import { resourceName } from './names';

export interface StaffIdentityProps {
  readonly stage: string;
  readonly config: StageConfig;
  readonly removalPolicy: RemovalPolicy;
}

const mfaModes = { off: cognito.Mfa.OFF, optional: cognito.Mfa.OPTIONAL, required: cognito.Mfa.REQUIRED } as const;

/** The console's address: the hosted UI sends the browser back here with the code. */
export const consolePath = '/staff';

export class StaffIdentity extends Construct {
  readonly pool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  readonly authorizer: HttpUserPoolAuthorizer;
  /** What the console page needs to send a browser to the hosted UI (STAFF_SIGN_IN). */
  readonly signIn: StaffSignInSettings;

  constructor(scope: Construct, id: string, props: StaffIdentityProps) {
    super(scope, id);
    const { stage, config } = props;
    const consoleUrl = `${config.publicBaseUrl.replace(/\/$/, '')}${consolePath}`;

    this.pool = new cognito.UserPool(this, 'Pool', {
      userPoolName: resourceName(stage, 'staff'),
      // Staff are the stage config's list: nobody signs themselves up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // A changed address takes effect only once verified (the old one stays until then); the
      // staff API never identifies anyone by it (docs/security.md "Staff identity").
      keepOriginal: { email: true },
      mfa: mfaModes[config.staffSignIn.mfa],
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: productionStages.has(stage),
      removalPolicy: props.removalPolicy,
    });

    for (const role of staffRoles) {
      new cognito.CfnUserPoolGroup(this, `Group-${role}`, { userPoolId: this.pool.userPoolId, groupName: role, description: `Staff role ${role}` });
    }
    config.staff.forEach((member, i) => {
      // Cognito mails the temporary password; a member removed from the config is deleted here too.
      const user = new cognito.CfnUserPoolUser(this, `User${i}`, {
        userPoolId: this.pool.userPoolId,
        username: member.email,
        userAttributes: [
          { name: 'email', value: member.email },
          { name: 'email_verified', value: 'true' },
        ],
        desiredDeliveryMediums: ['EMAIL'],
      });
      for (const role of member.roles) {
        const membership = new cognito.CfnUserPoolUserToGroupAttachment(this, `User${i}-${role}`, {
          userPoolId: this.pool.userPoolId,
          groupName: role,
          username: member.email,
        });
        membership.node.addDependency(user, this.node.findChild(`Group-${role}`));
      }
    });

    this.client = this.pool.addClient('Console', {
      userPoolClientName: resourceName(stage, 'staff-console'),
      generateSecret: false, // a browser app keeps no secret; PKCE protects the code
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [consoleUrl],
        logoutUrls: [consoleUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      // Staff may read their profile but not set their own address (or anything else) from the console.
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, fullname: true }),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });

    // The prefix is global per region: the account id keeps stages of different accounts apart.
    this.domain = this.pool.addDomain('HostedUi', { cognitoDomain: { domainPrefix: `complaints-${stage}-${Stack.of(this).account}` } });

    // Checks signature (the pool's keys), issuer, expiry and that `aud`/`client_id` is the console client.
    this.authorizer = new HttpUserPoolAuthorizer('StaffAuthorizer', this.pool, {
      userPoolClients: [this.client],
      identitySource: ['$request.header.Authorization'],
    });

    this.signIn = { kind: 'hosted-ui', domain: this.domain.baseUrl(), clientId: this.client.userPoolClientId, redirectUri: consoleUrl };

    if (config.staffSignIn.mfa !== 'required') {
      Validations.of(this.pool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason: `Stage ${stage} sets staffSignIn.mfa to "${config.staffSignIn.mfa}" in its config; prod requires MFA.`,
      });
    }
    Validations.of(this.pool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'Threat protection is a Plus feature plan option at extra cost per user; a closed staff list with strong passwords and MFA in prod is the chosen trade-off (docs/security.md).',
    });

    new CfnOutput(this, 'UserPoolId', { value: this.pool.userPoolId, description: 'Staff user pool' }).overrideLogicalId('StaffUserPoolId');
    new CfnOutput(this, 'ClientId', { value: this.client.userPoolClientId, description: 'Staff console app client' }).overrideLogicalId('StaffClientId');
    new CfnOutput(this, 'SignInUrl', { value: `${this.domain.baseUrl()}/login`, description: 'Hosted UI (staff sign-in)' }).overrideLogicalId('StaffSignInUrl');
  }
}
