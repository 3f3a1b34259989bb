/**
 * The staff user pool's stand-in: `cognito-local` as a child Node process (it loads
 * aws-sdk v2 and pino, kept out of this process; it starts beside the JVM, so its
 * seconds overlap DynamoDB Local's). It keeps its pools in `<dir>/.cognito/db` (it reads
 * its working directory): `.local/cognito` under `npm start`, a temporary directory
 * removed on stop otherwise. toolchain.md lists its gaps (no SRP, no hosted login page).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { watchChild } from './child-output';

export interface CognitoLocal {
  /** http://127.0.0.1:<port>: the SDK endpoint, and the issuer's domain (issuer = `<endpoint>/<poolId>`). */
  readonly endpoint: string;
  readonly child: ChildProcess;
}

const readyTimeoutMs = 60_000;

/** Starts it on `port` (must be free and known: the issuer names it) with its data under `dataDir`. */
export async function startCognitoLocal(host: string, port: number, dataDir: string | undefined): Promise<CognitoLocal & { removeData: () => void }> {
  const dir = dataDir ?? mkdtempSync(path.join(tmpdir(), 'cognito-local-'));
  mkdirSync(dir, { recursive: true });
  const child = spawn(process.execPath, [require.resolve('cognito-local/lib/bin/start.js')], {
    cwd: dir,
    // HOST and PORT are also the issuer domain of every token it signs.
    env: { ...process.env, HOST: host, PORT: String(port), NODE_NO_WARNINGS: '1' },
    stdio: 'pipe',
    detached: true, // a terminal's Ctrl-C reaches only us; we stop it after the handlers drained
  });
  const { output, ended } = watchChild(child, 'cognito-local');
  const endpoint = `http://${host}:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    const healthy = fetch(`${endpoint}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (await Promise.race([healthy, ended])) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`cognito-local did not answer on ${endpoint} within ${readyTimeoutMs / 1000} s:\n${output().trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { endpoint, child, removeData: () => (dataDir === undefined ? rmSync(dir, { recursive: true, force: true }) : undefined) };
}
