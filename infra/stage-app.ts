/**
 * Builds the CDK app of one stage: validates the stage config (a bad value fails
 * naming the field), adds the stack and the cdk-nag AwsSolutions checks. Shared by
 * infra/app.ts (the `cdk` CLI), infra/synth-all.ts (CI) and test/infra.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadStageConfig, parseStageConfig } from '../shared/config/load-stage-config';
import { ComplaintsStack } from './complaints-stack';
import { stackName } from './names';
import type { TopologyShape } from './topology-shape';

export interface StageAppOptions extends AppProps {
  /** Instead of config/stages/<stage>.ts (tests of bad configs). */
  readonly configInput?: unknown;
  readonly topology?: TopologyShape;
  /** Skip esbuild (CDK's `aws:cdk:bundling-stacks` = []): for assertion tests only. */
  readonly skipBundling?: boolean;
}

/** The context of cdk.json (feature flags), so in-process synths match `npx cdk synth`. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(__dirname, '..', 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

export function createStageApp(stage: string, options: StageAppOptions = {}): { app: App; stack: ComplaintsStack } {
  const { configInput, topology, skipBundling, ...appProps } = options;
  const config = configInput === undefined ? loadStageConfig(stage) : parseStageConfig(stage, configInput);
  const app = new App({
    ...appProps,
    context: {
      ...cdkJsonContext(),
      ...(skipBundling ? { 'aws:cdk:bundling-stacks': [] } : {}),
      ...appProps.context,
    },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  const stack = new ComplaintsStack(app, 'ComplaintsStack', {
    stackName: stackName(stage),
    description: `Complaint and report handling (投诉举报), stage ${stage}`,
    stage,
    config,
    topology,
    tags: { project: 'complaints', stage },
  });
  return { app, stack };
}
