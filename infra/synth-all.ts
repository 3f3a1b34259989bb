/**
 * `npm run synth`: synthesises every stage in this process (one tsx start-up instead
 * of four `cdk synth` runs), each into cdk.out/<stage>, with real esbuild bundling and
 * the cdk-nag AwsSolutions checks. Exits non-zero on a bad stage config, a failed
 * bundle, any unacknowledged cdk-nag error or any error annotation (as `cdk synth`
 * would); prints each stage's time and the bundle sizes.
 *
 * `--dry-run` (what `npm run synth` passes) makes it a check of the templates, as
 * `-c dryRun=true` does for the CLI: prod's placeholder addresses are a warning, not an error.
 */
import { rmSync, statSync } from 'node:fs';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { ANALYTICS_REPORTING_ENABLED_CONTEXT, ASSET_RESOURCE_METADATA_ENABLED_CONTEXT, PATH_METADATA_ENABLE_CONTEXT } from 'aws-cdk-lib/cx-api';
import { join } from 'node:path';
import { stageNames } from '../shared/config/load-stage-config';
import { runEsbuildWithoutNpx } from './esbuild-without-npx';
import { createStageApp } from './stage-app';

const outRoot = join(__dirname, '..', 'cdk.out');
const dryRun = process.argv.includes('--dry-run');
// A gate on every deployed bundle with the stage's config (docs/performance.md "Bundles" says
// what is in one; `npx tsx bench/bundle-contents.ts <function>` shows it for one function).
// Issue #20's target: every bundle at most 150 KB (the OpenID client's script only in an
// oidc stage's staff console, infra/bundle-defines.ts; a JSON logger and an EMF metrics writer
// of its own instead of Powertools', shared/adapters/logger.ts and metrics.ts).
const bundleLimitBytes = 150 * 1024;

/**
 * What `cdk synth` adds to every app's context (path and asset metadata, the CDKMetadata
 * resource), so that each template here is byte for byte the one the CLI writes: the cdk CLI
 * test (test/infra/cdk-cli.test.ts) diffs the CLI's prod template against this run's.
 */
const cliSynthContext = { [PATH_METADATA_ENABLE_CONTEXT]: true, [ASSET_RESOURCE_METADATA_ENABLED_CONTEXT]: true, [ANALYTICS_REPORTING_ENABLED_CONTEXT]: true };

function synthStage(stage: string): { ms: number; bundles: Map<string, number> } {
  const started = performance.now();
  const outdir = join(outRoot, stage);
  rmSync(outdir, { recursive: true, force: true });
  const { app, stack } = createStageApp(stage, { outdir, refusePlaceholders: !dryRun, context: cliSynthContext });
  const assembly = app.synth(); // throws on a failed validation plugin (cdk-nag), an error annotation or a bundling error
  const artifact = assembly.getStackArtifact(stack.artifactId);
  for (const message of artifact.messages) if (message.level === 'warning') console.warn(`${stage}: ${String(message.entry.data)}`);
  const bundles = new Map<string, number>();
  const template = artifact.template as {
    Resources: Record<string, { Properties?: { Code?: { S3Key?: string } } }>;
  };
  for (const [name, fn] of stack.functions) {
    // The bundle of a function is cdk.out/<stage>/asset.<hash>/index.js, <hash>.zip being its S3 key.
    const s3Key = template.Resources[stack.getLogicalId(fn.function.node.defaultChild as CfnFunction)]?.Properties?.Code?.S3Key;
    if (s3Key) bundles.set(name, statSync(join(outdir, `asset.${s3Key.replace(/\.zip$/, '')}`, 'index.js')).size);
  }
  return { ms: performance.now() - started, bundles };
}

/**
 * local-cn is left out: its template is prod-cn's with the local stage's config (same
 * providers, partition and architecture, so the same resources and grants and the same
 * bundles but for the inlined config), and it is never deployed; test/infra/stage-app.test.ts
 * still runs it through cdk-nag. One synthesis less is about 30 s of CI.
 */
const stages = stageNames.filter((stage) => stage !== 'local-cn');

function main(): void {
  const started = performance.now();
  const oversized: string[] = [];
  for (const stage of stages) {
    const { ms, bundles } = synthStage(stage);
    const sizes = [...bundles].map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(1)} KB`).join(', ');
    console.log(`✓ ${stage}: synthesised in ${(ms / 1000).toFixed(1)} s, cdk-nag clean; bundles: ${sizes}`);
    for (const [name, bytes] of bundles) if (bytes > bundleLimitBytes) oversized.push(`${stage}/${name} ${bytes} bytes`);
  }
  console.log(`all ${stages.length} stages (${stages.join(', ')}) in ${((performance.now() - started) / 1000).toFixed(1)} s → ${outRoot}`);
  if (oversized.length > 0) {
    console.error(`bundles above ${bundleLimitBytes} bytes:\n  ${oversized.join('\n  ')}`);
    process.exitCode = 1;
  }
}

const restoreNpx = runEsbuildWithoutNpx(join(__dirname, '..'));
try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  restoreNpx();
}
