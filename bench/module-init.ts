/**
 * The bundle and module-init sections of `npm run bench` alone (minutes, not a quarter
 * of an hour): `npx tsx bench/module-init.ts [--keep <dir>] [--with <dir>...]`.
 * `--keep <dir>` copies this checkout's bundles to <dir> (under node_modules, so that
 * `require` finds `@aws-sdk/*`); `--with <dir>` times bundles kept from another checkout
 * in the same interleaved runs, so before and after share the machine's load.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { loadStageConfig } from '../shared/config/load-stage-config';
import { buildBundles, emptyBundle, removeBundles, type Bundle } from './bundles';
import { measureInit } from './init';
import { median } from './stats';

const args = process.argv.slice(2);
const option = (name: string): string[] => args.flatMap((arg, i) => (arg === name && args[i + 1] ? [args[i + 1]!] : []));
const runs = Number(process.env.BENCH_INIT_RUNS ?? 5);

function keptBundles(dir: string): Bundle[] {
  const label = basename(dir);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.js'))
    .map((file) => {
      const name = file === 'empty-handler.js' ? emptyBundle : file.replace(/\.js$/, '');
      return { name: `${label}:${name}`, bytes: statSync(join(dir, file)).size, file: join(dir, file) };
    });
}

async function main(): Promise<void> {
  const own = await buildBundles(JSON.stringify(loadStageConfig('prod')));
  for (const dir of option('--keep')) {
    mkdirSync(dir, { recursive: true });
    for (const bundle of own) cpSync(bundle.file, join(dir, basename(bundle.file)));
  }
  const others = option('--with').map((dir) => resolve(dir)).filter(existsSync).flatMap(keptBundles);
  const all = [...own, ...others];
  const load = () => (require('node:os') as typeof import('node:os')).loadavg()[0]!.toFixed(1);
  console.log(`${all.length} bundles × ${runs} fresh processes, interleaved; load average ${load()} at start`);
  const init = await measureInit(all, runs).finally(() => removeBundles(own));
  const emptyOf = (label: string) => init.bundles[label ? `${label}:${emptyBundle}` : emptyBundle]!.readyMs;
  const rows = all.map((b) => {
    const label = b.name.includes(':') ? b.name.split(':')[0]! : '';
    const t = init.bundles[b.name]!;
    return { bundle: b.name, kb: (b.bytes / 1024).toFixed(1), readyMs: t.readyMs, moduleMs: t.moduleMs, ratio: (t.readyMs / emptyOf(label)).toFixed(2) };
  });
  console.table(rows);
  const worst = (label: string) => Math.max(...rows.filter((r) => (label ? r.bundle.startsWith(`${label}:`) : !r.bundle.includes(':'))).map((r) => Number(r.ratio)));
  console.log(`worst ratio: this checkout ${worst('')}${others.length ? `; ${[...new Set(others.map((o) => o.name.split(':')[0]!))].map((l) => `${l} ${worst(l)}`).join('; ')}` : ''}`);
  console.log(`median ratio this checkout ${median(rows.filter((r) => !r.bundle.includes(':')).map((r) => Number(r.ratio)))}; load average ${load()} at end`);
}

void main();
