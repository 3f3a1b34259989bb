/**
 * The HTTP API (payload format 2.0): one route per `topology.routes` entry and the
 * `$default` route to the fallback handler (404, or 405 with `Allow`). Routes declared
 * `auth: 'staff'` carry the staff JWT authorizer; a route in the staff area without it
 * is refused at synth. Throttled per stage, with JSON access logs that carry no client
 * address (no personal data in logs). With a custom domain (stage config
 * `deployment.apiDomain`), the API answers there only: the default `execute-api`
 * endpoint is disabled (issue #19 item 9; in the China regions it is blocked anyway).
 */
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { isStaffArea } from '../shared/topology';
import type { TopologyShape } from './topology-shape';
import { resourceName } from './names';

export interface PublicHttpApiProps {
  readonly stage: string;
  readonly routes: TopologyShape['routes'];
  readonly fallbackHandler: string;
  readonly functionNamed: (name: string) => lambda.IFunction;
  /** The staff user pool's JWT authorizer (infra/staff-identity.ts). */
  readonly staffAuthorizer: apigw.IHttpRouteAuthorizer;
  /**
   * Route limits: `public` for every route by default, `staff` for each staff and admin
   * route apart (route settings), so a crowd of public requests cannot lock staff out. The
   * per-client limits of api.md are counted in the table.
   */
  readonly throttle: { readonly public: RouteThrottle; readonly staff: RouteThrottle };
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** Stage config `deployment.apiDomain`: the host name and its imported ACM certificate. */
  readonly domain?: { readonly name: string; readonly certificateArn: string };
}

export interface RouteThrottle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export class PublicHttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  /** The custom domain, when the stage has one: point its DNS at `regionalDomainName`. */
  readonly domain?: apigw.DomainName;

  constructor(scope: Construct, id: string, props: PublicHttpApiProps) {
    super(scope, id);
    const integrations = new Map<string, HttpLambdaIntegration>();
    const integrationFor = (handler: string): HttpLambdaIntegration => {
      let integration = integrations.get(handler);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${handler}-integration`, props.functionNamed(handler));
        integrations.set(handler, integration);
      }
      return integration;
    };

    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: resourceName(props.stage, 'api'),
      createDefaultStage: false,
      defaultIntegration: integrationFor(props.fallbackHandler),
      // Only with a domain: a stage without one keeps its template as it was.
      ...(props.domain ? { disableExecuteApiEndpoint: true } : {}),
    });
    const staffRoutes = new Set<apigw.HttpRoute>();
    const staffRouteKeys: string[] = [];
    for (const route of props.routes) {
      if (isStaffArea(route.path) && route.auth !== 'staff') {
        // Refuse rather than deploy an open staff route.
        throw new Error(`Route ${route.method} ${route.path} is in the staff area: declare it with auth: 'staff' in shared/topology.ts`);
      }
      const added = this.api.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method as keyof typeof apigw.HttpMethod]],
        integration: integrationFor(route.handler),
        ...(route.auth === 'staff' ? { authorizer: props.staffAuthorizer } : {}),
      });
      if (route.auth === 'staff') {
        added.forEach((r) => staffRoutes.add(r));
        staffRouteKeys.push(`${route.method} ${route.path}`);
      }
    }

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      logGroupName: `/aws/apigateway/${resourceName(props.stage, 'api')}`,
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle.public,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            responseLength: '$context.responseLength',
          }),
        ),
      },
    });

    // Each staff and admin route is throttled apart from the public ones (route settings).
    // RouteSettings is a JSON map in CloudFormation: CDK passes it as written, so its keys are CloudFormation's.
    const staffThrottle = { ThrottlingRateLimit: props.throttle.staff.rateLimit, ThrottlingBurstLimit: props.throttle.staff.burstLimit };
    (this.stage.node.defaultChild as apigw.CfnStage).routeSettings = Object.fromEntries(staffRouteKeys.map((key) => [key, staffThrottle]));

    if (props.domain) {
      this.domain = new apigw.DomainName(this, 'Domain', {
        domainName: props.domain.name,
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
        securityPolicy: apigw.SecurityPolicy.TLS_1_2,
      });
      new apigw.ApiMapping(this, 'DomainMapping', { api: this.api, domainName: this.domain, stage: this.stage });
    }

    // The routes without the staff authorizer are the public endpoints of api.md (form,
    // submission, status by access token), the fallback, and the staff console's sign-in
    // shell, which carries no data: it must load before anyone has a token.
    for (const route of this.api.node.children) {
      if (!(route instanceof apigw.HttpRoute) || staffRoutes.has(route)) continue;
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: 'Public endpoint of api.md (or the staff sign-in page): anyone may submit or look up a case with its access token; per-client rate limits apply.',
      });
    }
  }

  /** Where the API answers: its custom domain, or the default endpoint when it has none. */
  get url(): string {
    return this.domain ? `https://${this.domain.name}` : this.api.apiEndpoint;
  }
}
