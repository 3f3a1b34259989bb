import { build, type BuildOptions } from 'esbuild';
import { join } from 'node:path';
import { topology } from '../shared/topology';

/**
 * Minified size of every function's bundle, built as the CDK app builds it (esbuild,
 * node22, `@aws-sdk/*` left to the Lambda runtime) with the local stage config inlined.
 */
export async function bundleSizes(stageConfigJson: string): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const fn of topology.functions) {
    sizes[fn.name] = await bundleSize({ entryPoints: [join(__dirname, '../functions', `${fn.name}.ts`)] }, stageConfigJson);
  }
  return sizes;
}

/** Bytes of one minified bundle of `entry` (entry points or stdin), built the same way. */
export async function bundleSize(entry: BuildOptions, stageConfigJson: string): Promise<number> {
  const result = await build({
    ...entry,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['@aws-sdk/*'],
    define: { 'process.env.STAGE_CONFIG': JSON.stringify(stageConfigJson) },
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles.reduce((total, file) => total + file.contents.byteLength, 0);
}
