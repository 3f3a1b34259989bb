/**
 * Builds the CDK app of one stage: validates the stage config (a bad value fails
 * naming the field), adds the stack and the cdk-nag AwsSolutions checks. Shared by
 * infra/app.ts (the `cdk` CLI), infra/synth-all.ts (CI) and test/infra.
 *
 * With `refusePlaceholders` (the CLI app), a prod config that still holds placeholder
 * addresses gets an error annotation: `cdk synth|diff|deploy` refuse the stack, naming
 * each field; `cdk ls` still lists it. The context `dryRun=true` (`-c dryRun=true`)
 * makes it a warning, as it is for in-process synths (tests, `npm run synth`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, App, Validations, type AppProps, type Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadStageConfig, parseStageConfig } from '../shared/config/load-stage-config';
import { placeholderAddresses } from '../shared/config/placeholders';
import type { StageConfig } from '../shared/config/stage-config';
import { ComplaintsStack } from './complaints-stack';
import { productionStages } from './production';
import { stackName } from './names';
import type { TopologyShape } from './topology-shape';

export interface StageAppOptions extends AppProps {
  /** Instead of config/stages/<stage>.ts (tests of bad configs). */
  readonly configInput?: unknown;
  readonly topology?: TopologyShape;
  /** Skip esbuild (CDK's `aws:cdk:bundling-stacks` = []): for assertion tests only. */
  readonly skipBundling?: boolean;
  /** Fail the synth of prod while its config holds placeholder addresses, unless the context says `dryRun=true`. */
  readonly refusePlaceholders?: boolean;
}

/** The context of cdk.json (feature flags), so in-process synths match `npx cdk synth`. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(__dirname, '..', 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

export function createStageApp(stage: string, options: StageAppOptions = {}): { app: App; stack: ComplaintsStack } {
  const { configInput, topology, skipBundling, refusePlaceholders, ...appProps } = options;
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
    // A region in the stage config pins the stack there (and so its partition: a China stage's
    // ARNs say aws-cn); without one the stack is region-agnostic and deploys to the CLI's region.
    ...(config.deployment.region ? { env: { region: config.deployment.region } } : {}),
  });
  checkPlaceholders(stack, stage, config, refusePlaceholders ?? false);
  return { app, stack };
}


function checkPlaceholders(stack: Stack, stage: string, config: StageConfig, refuse: boolean): void {
  const placeholders = placeholderAddresses(config);
  // Stages that reach real people; the others may keep the example addresses.
  if (!productionStages.has(stage) || placeholders.length === 0) return;
  const dryRun = [true, 'true'].includes(stack.node.tryGetContext('dryRun') as unknown as string);
  const fields = placeholders.map((p) => `  ${p}`).join('\n');
  if (dryRun || !refuse) {
    Annotations.of(stack).addWarningV2('complaints:placeholder-addresses', `Dry run: config/stages/${stage}.ts still holds placeholder addresses:\n${fields}`);
  } else {
    Annotations.of(stack).addError(
      `config/stages/${stage}.ts still holds placeholder addresses; put the real ones in, or pass -c dryRun=true to synthesise for checking only:\n${fields}`,
    );
  }
}
