import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleOptions } from '../../bench/bundles';
import { loadStageConfig } from '../../shared/config/load-stage-config';

/**
 * What a function's cold start loads before it answers (docs/performance.md "Cold start of the
 * public functions"): public functions built for prod as the CDK app builds them, each loaded
 * and called once in a fresh Node process. The health check, and the SMTP events webhook on an
 * SES stage (a 404), hash and sign nothing and read no time zone through ICU, so neither
 * node:crypto nor Intl's zone data should be loaded on their way.
 */
// Inside node_modules so the bundles resolve nothing outside the project; a fresh clone has no .cache yet.
const cache = join(__dirname, '..', '..', 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const outdir = mkdtempSync(join(cache, 'cold-start-test-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

// A file, not \`node -e\`: -e loads every built-in module it offers as a global, node:crypto among them.
const probe = `
const { handler } = require(process.argv[2]);
const [method, path] = process.argv[3].split(' ');
const event = { version: '2.0', routeKey: process.argv[3], rawPath: path, headers: { 'content-type': 'application/json' }, body: '[]', isBase64Encoded: false, requestContext: { timeEpoch: Date.now(), http: { method, path, sourceIp: '203.0.113.9' } } };
const made = [];
const Format = Intl.DateTimeFormat;
Intl.DateTimeFormat = function (...args) { made.push(args[1] && args[1].timeZone); return new Format(...args); };
handler(event, { getRemainingTimeInMillis: () => 5000 }).then((response) => {
  console.log(JSON.stringify({ status: response.statusCode, crypto: process.moduleLoadList.some((m) => /^NativeModule crypto$/.test(m)), formats: made }));
  process.exit(0);
});`;

describe('cold starts that load nothing they do not use', () => {
  it.each([
    ['health', 'GET /health', 200],
    ['smtp-mail-events', 'POST /mail-events/smtp', 404],
  ])('%s (%s) answers %i without loading node:crypto or making an Intl date format (prod bundle, fresh process)', async (name, route, status) => {
    const file = join(outdir, `${name}.js`);
    await build({ ...bundleOptions(JSON.stringify(loadStageConfig('prod'))), entryPoints: [join(__dirname, '..', '..', 'functions', `${name}.ts`)], outfile: file });
    const probeFile = join(outdir, 'probe.cjs');
    writeFileSync(probeFile, probe);
    const out = execFileSync(process.execPath, [probeFile, file, route], { env: { PATH: process.env.PATH ?? '', STAGE: 'prod', TABLE_NAME: 'complaints-prod', AWS_REGION: 'ap-east-1', POWERTOOLS_LOG_LEVEL: 'ERROR' }, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ status, crypto: false, formats: [] });
  }, 30_000);
});
