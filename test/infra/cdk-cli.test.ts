/**
 * The real `cdk` CLI, as an operator runs it (`npx cdk ls|synth|diff -c stage=<name>`): the
 * app must leave one manifest with the stage's stack in it (infra/app.ts once wrote an
 * empty one over it: "This app contains no stacks"). `ls` bundles nothing, so it runs for
 * every stage, the five at once; `synth` bundles every function with esbuild, so it runs for
 * prod (the CLI's path is the same for every stage: `ls` proves each stage's app under the
 * CLI, and `npm run synth` bundles every stage in process through the same createStageApp).
 * `diff` reads the assembly the CLI just wrote (`--app <dir>`, as `cdk deploy --app <dir>`
 * would) against the template `npm run synth` wrote for prod in the same CI run
 * (`--template`, the one form that needs no AWS account): it must find no difference, so
 * the template the synth gate checked (cdk-nag, bundle sizes) is the one the CLI would
 * deploy, and two syntheses in two processes agree. `deploy` itself needs an account and is
 * not run here.
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

// local-cn is left out: its app is prod-cn's with another config file. The five runs go at
// once: each is one single-threaded Node process (about 14 s of CPU, cdk-nag most of it).
describe.concurrent('npx cdk ls', () => {
  it.for(['local', 'dev', 'staging', 'prod', 'prod-cn'])('-c stage=%s lists the stage stack', { timeout: minutes(10) }, async (stage, { expect }) => {
    const outdir = mkdtempSync(join(tmpdir(), `cdk-cli-ls-${stage}-`)); // the CLI locks its output directory
    outdirs.push(outdir);
    const { stdout } = await cdk('ls', '-c', `stage=${stage}`, '-o', outdir);
    expect(stdout.trim()).toBe(`ComplaintsStack (complaints-${stage})`);
  });
});

describe('npx cdk -c stage=prod', () => {
  const stage = 'prod';
  let outdir = '';

  it('synth writes the stack with every function, bundled, into the given directory', { timeout: minutes(15) }, async () => {
    outdir = mkdtempSync(join(tmpdir(), `cdk-cli-${stage}-`));
    outdirs.push(outdir);
    // prod's example config holds placeholder addresses: only a dry run may synthesise it.
    await cdk('synth', '-c', `stage=${stage}`, '-c', 'dryRun=true', '-o', outdir, '-q');

    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string; properties?: { stackName?: string } }> };
    const stacks = Object.values(manifest.artifacts).filter((a) => a.type === 'aws:cloudformation:stack');
    expect(stacks.map((s) => s.properties?.stackName)).toEqual([`complaints-${stage}`]);

    const stack = JSON.parse(readFileSync(join(outdir, 'ComplaintsStack.template.json'), 'utf8')) as {
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

  it("diff of that assembly against npm run synth's prod template finds no difference (no AWS account needed)", { timeout: minutes(5) }, async () => {
    expect(outdir, 'the synth test ran first').not.toBe('');
    const synthTemplate = join(projectRoot, 'cdk.out', stage, 'ComplaintsStack.template.json');
    expect(existsSync(synthTemplate), `${synthTemplate}: run \`npm run synth\` first (.ci/run does, before this tier)`).toBe(true);
    const { stdout, stderr } = await cdk('diff', '--app', outdir, '--template', synthTemplate);
    expect(`${stdout}${stderr}`, 'a difference: is cdk.out from an `npm run synth` of this checkout?').toMatch(/There were no differences|Number of stacks with differences: 0/);
  });
});
