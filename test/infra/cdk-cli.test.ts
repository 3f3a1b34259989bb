/**
 * The real `cdk` CLI, as an operator runs it (`npx cdk ls|synth -c stage=<name>`): the
 * app must leave one manifest with the stage's stack in it (infra/app.ts once wrote an
 * empty one over it: "This app contains no stacks"). Each run starts tsx and CDK, and
 * `synth` bundles every function with esbuild, so this covers prod and staging only
 * (1 min 45 s of CPU for the four runs; 16 min of wall time on 2 cores at a load of 20); the in-process
 * tests of stage-app.test.ts cover every stage's template.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { topology } from '../../shared/topology';

const projectRoot = join(__dirname, '..', '..');
const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function cdk(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)('npx', ['cdk', ...args], {
    cwd: projectRoot,
    env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CI: 'true' },
    maxBuffer: 16 * 1024 * 1024,
  });
}

const minutes = (n: number) => n * 60_000; // each CLI run is tens of seconds, minutes on a busy machine

describe.each(['prod', 'staging'])('npx cdk -c stage=%s', (stage) => {
  it('ls lists the stage stack', { timeout: minutes(10) }, async () => {
    const { stdout } = await cdk('ls', '-c', `stage=${stage}`);
    expect(stdout.trim()).toBe(`ComplaintsStack (complaints-${stage})`);
  });

  it('synth writes the stack with every function, bundled, into the given directory', { timeout: minutes(15) }, async () => {
    const outdir = mkdtempSync(join(tmpdir(), `cdk-cli-${stage}-`));
    outdirs.push(outdir);
    // prod's example config holds placeholder addresses: only a dry run may synthesise it.
    await cdk('synth', '-c', `stage=${stage}`, '-c', 'dryRun=true', '-o', outdir, '-q');

    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string; properties?: { stackName?: string } }> };
    const stacks = Object.values(manifest.artifacts).filter((a) => a.type === 'aws:cloudformation:stack');
    expect(stacks.map((s) => s.properties?.stackName)).toEqual([`complaints-${stage}`]);

    const template = JSON.parse(readFileSync(join(outdir, 'ComplaintsStack.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties: { FunctionName?: string; Code?: { S3Key?: string } } }>;
    };
    const functions = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
    expect(functions.map((f) => f.Properties.FunctionName).sort()).toEqual(topology.functions.map((f) => `complaints-${stage}-${f.name}`).sort());
    for (const fn of functions) {
      const bundle = join(outdir, `asset.${fn.Properties.Code!.S3Key!.replace(/\.zip$/, '')}`, 'index.js');
      expect(existsSync(bundle), `${fn.Properties.FunctionName} bundle`).toBe(true);
    }
  });
});
