import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureLocalHashSecret, keyedDigest } from '../../../shared/adapters/keyed-hash';

// issue 19 item 6: keyed hashes (HMAC-SHA256 with the stage's secret), not plain SHA-256.
describe('keyed hashes of contacts and client addresses (issue 19 item 6)', () => {
  const secret = randomBytes(32);
  const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

  it('the key is not the SHA-256 of the input, with or without the purpose', () => {
    const key = keyedDigest(secret, 'complainant', 'phone:13800138000');
    for (const plain of ['phone:13800138000', 'complainant:phone:13800138000', 'complainant:13800138000', '13800138000']) expect(key).not.toBe(sha256(plain));
    expect(keyedDigest(secret, 'client', '203.0.113.7')).not.toBe(sha256('203.0.113.7'));
  });

  it('the same input gives the same key; another secret or purpose another key', () => {
    expect(keyedDigest(secret, 'mail', 'a@b.cn')).toBe(keyedDigest(Buffer.from(secret), 'mail', 'a@b.cn'));
    expect(keyedDigest(randomBytes(32), 'mail', 'a@b.cn')).not.toBe(keyedDigest(secret, 'mail', 'a@b.cn'));
    expect(keyedDigest(secret, 'suppressed', 'a@b.cn')).not.toBe(keyedDigest(secret, 'mail', 'a@b.cn'));
    expect(keyedDigest(secret, 'mail', 'a@b.cn')).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  const dir = mkdtempSync(join(tmpdir(), 'hash-secret-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the local secret file is made once, readable by its owner only, and kept across starts', () => {
    const file = join(dir, 'nested', 'hash-secret');
    ensureLocalHashSecret(file);
    const first = readFileSync(file, 'utf8');
    expect(first.trim().length).toBeGreaterThanOrEqual(43);
    expect(statSync(file).mode & 0o077).toBe(0);
    ensureLocalHashSecret(file);
    expect(readFileSync(file, 'utf8')).toBe(first);
  });
});
