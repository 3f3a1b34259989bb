/**
 * The HTTP API (payload format 2.0): one route per `topology.routes` entry and the
 * `$default` route to the fallback handler (404, or 405 with `Allow`). Throttled per
 * stage, with JSON access logs that carry no client address (no personal data in logs).
 */
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TopologyShape } from './topology-shape';
import { resourceName } from './names';

export interface PublicHttpApiProps {
  readonly stage: string;
  readonly routes: TopologyShape['routes'];
  readonly fallbackHandler: string;
  readonly functionNamed: (name: string) => lambda.IFunction;
  /** Whole-API limits; the per-client limits of api.md are counted in the table. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

export class PublicHttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;

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
    });
    for (const route of props.routes) {
      if (/^\/(staff|admin)(\/|$)/.test(route.path)) {
        // The topology cannot declare an authorizer yet; refuse rather than deploy an open staff route.
        throw new Error(`Route ${route.method} ${route.path} is a staff route: add an authorizer in infra/public-http-api.ts first`);
      }
      this.api.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method as keyof typeof apigw.HttpMethod]],
        integration: integrationFor(route.handler),
      });
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
      throttle: props.throttle,
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

    // Every route of the topology is a public endpoint of api.md (form, submission,
    // status by access token): no staff login by design; the constructor refuses staff paths.
    for (const child of this.api.node.children) {
      if (child instanceof apigw.HttpRoute) {
        Validations.of(child).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: 'Public endpoint of api.md: anyone may submit or look up a case with its access token; per-client rate limits apply.',
        });
      }
    }
  }

  get url(): string {
    return this.api.apiEndpoint;
  }
}
