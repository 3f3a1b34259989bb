import type * as NodeCrypto from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runtimeSettings, type HashSecretSource } from '../config/runtime';
import { secretsManager } from './aws-clients';

/**
 * Keyed hashes (HMAC-SHA256) of what can be enumerated: a phone number, an address, an
 * IPv4 client address. A plain SHA-256 of them is reversed by hashing every candidate;
 * with the stage's secret it is not (docs/security.md "Keyed hashes"). The secret is read
 * once per container: from Secrets Manager in AWS, from a file locally.
 */

/**
 * node:crypto at the first hash, not at load: every HTTP function's bundle reaches this module
 * through the rate limiter, and one that hashes nothing (health) would load it for nothing,
 * 5-25 ms of its cold start here (docs/performance.md "Cold start of the public functions").
 */
const crypto = (): typeof NodeCrypto => require('node:crypto') as typeof NodeCrypto;

/** 22 base64url characters (132 bits) of HMAC-SHA256(secret, `purpose:value`). */
export function keyedDigest(secret: Buffer, purpose: string, value: string): string {
  return crypto().createHmac('sha256', secret).update(`${purpose}:${value}`).digest('base64url').slice(0, 22);
}

let loaded: { readonly source: string; readonly secret: Promise<Buffer> } | undefined;

/** The stage's hash secret, read on first use and kept (a failed read is retried next time). */
export function hashSecret(): Promise<Buffer> {
  const source = runtimeSettings().hashSecret;
  const id = JSON.stringify(source);
  if (loaded?.source !== id) {
    const secret = readSecret(source);
    secret.catch(() => {
      if (loaded?.secret === secret) loaded = undefined;
    });
    loaded = { source: id, secret };
  }
  return loaded.secret;
}

export async function keyedHash(purpose: string, value: string): Promise<string> {
  return keyedDigest(await hashSecret(), purpose, value);
}

async function readSecret(source: HashSecretSource): Promise<Buffer> {
  if (source.kind === 'file') return Buffer.from(readFileSync(source.path, 'utf8').trim(), 'utf8');
  const { SecretString } = await secretsManager().getSecretValue({ SecretId: source.secretId });
  if (!SecretString) throw new Error('The hash secret has no value');
  return Buffer.from(SecretString, 'utf8');
}

/**
 * The local stand-in for the deploy-generated secret: a file made on first start and kept
 * across runs (`.local/hash-secret` under `npm start`), so pauses and caps survive a restart.
 */
export function ensureLocalHashSecret(path: string): void {
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, `${crypto().randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process made it first: theirs is the secret.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
