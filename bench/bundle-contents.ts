/**
 * What is in one function's bundle, built as the prod stage builds it (bench/bundles.ts options):
 *   npx tsx bench/bundle-contents.ts <function>                 the largest inputs (packages grouped)
 *   npx tsx bench/bundle-contents.ts <function> --why <module>  the import chains that bring <module> in
 */
import { build, type Metafile } from 'esbuild';
import { loadStageConfig } from '../shared/config/load-stage-config';
import { bundleOptions } from './bundles';

const kb = (bytes: number) => (bytes / 1024).toFixed(1).padStart(7);
const packageOf = (file: string) => file.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1');

function largest(metafile: Metafile): void {
  const output = Object.values(metafile.outputs)[0]!;
  const sizes = new Map<string, number>();
  for (const [file, input] of Object.entries(output.inputs)) {
    const key = file.includes('node_modules') ? packageOf(file) : file;
    sizes.set(key, (sizes.get(key) ?? 0) + input.bytesInOutput);
  }
  console.log(`${kb(output.bytes)} total`);
  for (const [name, bytes] of [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${kb(bytes)} ${name}`);
}

function why(metafile: Metafile, module: string): void {
  const importers = new Map<string, string[]>();
  for (const [file, input] of Object.entries(metafile.inputs)) {
    for (const imported of input.imports) importers.set(imported.path, [...(importers.get(imported.path) ?? []), file]);
  }
  let frontier = Object.keys(metafile.inputs).filter((file) => file.includes(module));
  const seen = new Set(frontier);
  for (let depth = 0; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const file of frontier) {
      for (const importer of importers.get(file) ?? []) {
        if (seen.has(importer)) continue;
        seen.add(importer);
        next.push(importer);
        if (!importer.includes('node_modules')) console.log(`${'  '.repeat(depth)}${importer} -> ${file}`);
      }
    }
    frontier = next;
  }
}

async function main(): Promise<void> {
  const [name, flag, module] = process.argv.slice(2);
  if (!name || (flag !== undefined && (flag !== '--why' || !module))) throw new Error('Usage: npx tsx bench/bundle-contents.ts <function> [--why <module>]');
  const { metafile } = await build({
    ...bundleOptions(JSON.stringify(loadStageConfig('prod'))),
    entryPoints: [`functions/${name}.ts`],
    outfile: `/tmp/bundle-contents/${name}.js`,
    write: false,
    metafile: true,
  });
  if (module) why(metafile, module);
  else largest(metafile);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
