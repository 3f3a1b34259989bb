/**
 * The CDK app (`npx cdk synth|deploy -c stage=<local|dev|staging|prod>`).
 * An unknown stage or a bad stage config stops here with one message naming the field.
 */
import { App } from 'aws-cdk-lib';
import { loadStageConfig, stageNames } from '../shared/config/load-stage-config';
import { createStageApp } from './stage-app';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

// The CLI hands -c values and cdk.json's context over in the environment; any App reads
// them. This one only reads: without autoSynth: false it would synthesise itself, empty,
// at exit, over the stage app's manifest ("This app contains no stacks").
const stage: unknown = new App({ autoSynth: false }).node.tryGetContext('stage');
if (typeof stage !== 'string' || stage === '') fail(`Pass the stage: npx cdk <command> -c stage=<${stageNames.join('|')}>`);
try {
  loadStageConfig(stage);
} catch (error) {
  fail((error as Error).message); // the message lists every bad field; a stack trace adds nothing
}
// Deploying from here: prod with placeholder addresses is refused unless -c dryRun=true.
createStageApp(stage, { refusePlaceholders: true }).app.synth();
