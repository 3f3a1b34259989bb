/**
 * The real `cdk` CLI, as an operator runs it (`npx cdk ls|synth|diff -c stage=<name>`): the
 * app must leave one manifest with the stage's stack in it (infra/app.ts once wrote an
 * empty one over it: "This app contains no stacks"). `ls` bundles nothing, so it runs for
 * every stage; `synth` and `diff` bundle every function with esbuild, so `synth` runs for
 * prod and staging and `diff` for prod only (1 min 45 s of CPU for the two syntheses; 16 min of wall time on 2 cores
 * at a load of 20); the in-process tests of stage-app.test.ts cover every stage's template.
 * `diff` compares with the template just synthesised (`--template`), the one form that needs
 * no AWS account: it must find no difference, so what `synth` writes is what `diff` and
 * `deploy` would send. `deploy` itself needs an account and is not run here.
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

// local-cn is left out: its app is prod-cn's with another config file (11 s a run).
describe.each(['local', 'dev', 'staging', 'prod', 'prod-cn'])('npx cdk ls -c stage=%s', (stage) => {
  it('lists the stage stack', { timeout: minutes(10) }, async () => {
    const { stdout } = await cdk('ls', '-c', `stage=${stage}`);
    expect(stdout.trim()).toBe(`ComplaintsStack (complaints-${stage})`);
  });
});

describe.each(['prod', 'staging'])('npx cdk -c stage=%s', (stage) => {
  let template = '';

  it('synth writes the stack with every function, bundled, into the given directory', { timeout: minutes(15) }, async () => {
    const outdir = mkdtempSync(join(tmpdir(), `cdk-cli-${stage}-`));
    outdirs.push(outdir);
    // prod's example config holds placeholder addresses: only a dry run may synthesise it.
    await cdk('synth', '-c', `stage=${stage}`, '-c', 'dryRun=true', '-o', outdir, '-q');

    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string; properties?: { stackName?: string } }> };
    const stacks = Object.values(manifest.artifacts).filter((a) => a.type === 'aws:cloudformation:stack');
    expect(stacks.map((s) => s.properties?.stackName)).toEqual([`complaints-${stage}`]);

    template = join(outdir, 'ComplaintsStack.template.json');
    const stack = JSON.parse(readFileSync(template, 'utf8')) as {
      Resources: Record<string, { Type: string; Properties: { FunctionName?: string; Code?: { S3Key?: string } } }>;
    };
    const functions = Object.values(stack.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
    expect(functions.map((f) => f.Properties.FunctionName).sort()).toEqual(topology.functions.map((f) => `complaints-${stage}-${f.name}`).sort());
    for (const fn of functions) {
      const bundle = join(outdir, `asset.${fn.Properties.Code!.S3Key!.replace(/\.zip$/, '')}`, 'index.js');
      expect(existsSync(bundle), `${fn.Properties.FunctionName} bundle`).toBe(true);
    }
    // Chinese words as UTF-8, not \uXXXX escapes (aws-cdk-lib drops `charset`: aws/aws-cdk#32649).
    const registerCase = functions.find((f) => f.Properties.FunctionName === `complaints-${stage}-register-case`)!;
    const registerBundle = readFileSync(join(outdir, `asset.${registerCase.Properties.Code!.S3Key!.replace(/\.zip$/, '')}`, 'index.js'), 'utf8');
    expect(registerBundle).toContain('案件编号');
    expect(registerBundle).not.toContain('\\u6848\\u4EF6');
  });

  // One stage is enough to prove the command (40 s of bundling each).
  it.runIf(stage === 'prod')('diff against that template finds no difference (no AWS account needed)', { timeout: minutes(15) }, async () => {
    expect(template, 'the synth test ran first').not.toBe('');
    const { stdout, stderr } = await cdk('diff', '-c', `stage=${stage}`, '-c', 'dryRun=true', '--template', template);
    expect(`${stdout}${stderr}`).toMatch(/There were no differences|Number of stacks with differences: 0/);
  });
});
