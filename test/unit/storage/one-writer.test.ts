import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One writer of a case (issue 10): only the case modules (one per concern, issue 20)
 * address a case's own items (state, submission, history, contact), and only shared/adapters/ talks to AWS. So no
 * other module can write a case: it has neither the keys nor a client to do it with.
 */
const root = join(__dirname, '../../..');
const sources = (dir: string): string[] =>
  readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
const runtimeCode = [...sources('shared'), ...sources('functions')];
/** The code without comments (a comment may name a key shape). */
const code = (path: string) =>
  readFileSync(join(root, path), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');

const caseModules = ['access-tokens', 'case-erasure', 'case-items', 'case-lookups', 'case-placement', 'case-reads', 'case-store', 'complainant-material'].map(
  (name) => `shared/adapters/${name}.ts`,
);

describe('one writer of a case', () => {
  it('only the case modules build the keys of a case item', () => {
    const caseKeys = /\bkeys\.(case|submission|history|contact)\(|\bcase(ItemsRange|WithHistoryRange)\b/;
    const users = runtimeCode.filter((path) => !path.endsWith('adapters/keys.ts') && caseKeys.test(code(path)));
    expect(users.sort()).toEqual(caseModules);
  });

  it('no module spells a key prefix but keys.ts', () => {
    const literal = /['"`](CASE|HISTORY#|NOTICE#|OUTBOX|DUE#|PII#|SEQUENCE#|RATE#|CLUSTER#|MEMBER#|LOAD#|SWEEP#|DUPLICATE#)/;
    expect(runtimeCode.filter((path) => !path.endsWith('adapters/keys.ts') && literal.test(code(path)))).toEqual([]);
  });

  it('only shared/adapters/ imports the AWS SDK', () => {
    const sdk = /from '@aws-sdk\//;
    expect(runtimeCode.filter((path) => !relative('shared/adapters', path).match(/^[^.]/) && sdk.test(code(path)))).toEqual([]);
  });

  it('workflow modules take their settings from their handler', () => {
    expect(sources('shared/workflow').filter((path) => /runtimeSettings\(/.test(code(path)))).toEqual([]);
  });
});
