import { build, type BuildOptions, type Metafile } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundleDefines } from '../infra/bundle-defines';
import type { StageConfig } from '../shared/config/stage-config';
import { topology } from '../shared/topology';

export interface Bundle {
  readonly name: string;
  /** Minified size in bytes. */
  readonly bytes: number;
  readonly file: string;
}

/** Name of the empty handler built next to the functions, the yardstick of module init. */
export const emptyBundle = '(empty handler)';

/**
 * Every function's bundle, built as the CDK app builds it for a stage (infra/step-function.ts:
 * esbuild, CJS, node22, UTF-8, minified, no source map, `@aws-sdk/*` left to the Lambda runtime and
 * `nodemailer` to the function's own node_modules, infra/bundle-defines.ts's constants
 * inlined by `define`), plus an empty handler built the same way. Written under
 * node_modules/.cache so that `require` finds `@aws-sdk/*` as the runtime would;
 * `removeBundles` deletes them.
 */
export async function buildBundles(stageConfigJson: string): Promise<Bundle[]> {
  // Per process, so two bench runs on one checkout do not overwrite each other's bundles.
  const outdir = join(__dirname, '..', 'node_modules', '.cache', 'bench-bundles', String(process.pid));
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const common = bundleOptions(stageConfigJson);
  const bundles: Bundle[] = [];
  for (const fn of topology.functions) {
    const outfile = join(outdir, `${fn.name}.js`);
    const result = await build({ ...common, entryPoints: [join(__dirname, '../functions', `${fn.name}.ts`)], outfile });
    bundles.push({ name: fn.name, bytes: outputBytes(result.metafile), file: outfile });
  }
  const emptyFile = join(outdir, 'empty-handler.js');
  const empty = await build({ ...common, stdin: { contents: 'export const handler = async () => ({});', loader: 'ts', resolveDir: __dirname }, outfile: emptyFile });
  bundles.push({ name: emptyBundle, bytes: outputBytes(empty.metafile), file: emptyFile });
  return bundles;
}

/** The esbuild options of every bundle. */
export function bundleOptions(stageConfigJson: string): BuildOptions {
  return {
    bundle: true,
    minify: true,
    sourcemap: false,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    charset: 'utf8',
    // nodemailer: the SMTP adapter's client, installed beside the bundle of an SMTP stage's
    // mail-sending functions (infra/step-function.ts) and loaded only there, on first use.
    external: ['@aws-sdk/*', 'nodemailer'],
    define: bundleDefines(JSON.parse(stageConfigJson) as StageConfig),
    logLevel: 'silent',
    metafile: true,
  };
}

export const outputBytes = (metafile: Metafile | undefined): number => Object.values(metafile!.outputs).reduce((n, o) => n + o.bytes, 0);

export function removeBundles(bundles: readonly Bundle[]): void {
  if (bundles[0]) rmSync(dirname(bundles[0].file), { recursive: true, force: true });
}
