/**
 * The S3 emulator (s3rver) for evidence files, in a child Node process
 * (`s3rver-process.cjs`, which says why). It keeps objects as files: in `dataDir` when
 * given (`npm start`: .local/s3), else in a temporary directory removed on stop. It
 * verifies SigV4 signatures (of the key pair it is given) but ignores the conditions of
 * presigned-POST policies (toolchain.md): the system checks every file by content, and
 * tests inspect the policy itself.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface RunningS3 {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export interface S3EmulatorOptions {
  readonly host: string;
  readonly port: number;
  readonly dataDir?: string;
  /** The key pair the handlers sign with. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

const startTimeoutMs = 30_000;

export async function startS3Emulator({ host, port, dataDir, credentials }: S3EmulatorOptions): Promise<RunningS3> {
  const directory = dataDir ?? mkdtempSync(path.join(tmpdir(), 'complaints-s3-'));
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const removeTemporary = () => {
    if (!dataDir) rmSync(directory, { recursive: true, force: true });
  };
  const { NODE_OPTIONS: _loaders, ...env } = process.env;
  // Plain node: no tsx loader in execArgv or NODE_OPTIONS.
  const child = fork(path.join(__dirname, 's3rver-process.cjs'), [JSON.stringify({ host, port, directory, ...credentials })], {
    execArgv: [],
    env,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  try {
    const actualPort = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`S3 emulator did not start within ${startTimeoutMs / 1000} s:\n${output}`)), startTimeoutMs);
      child.once('message', (message: { port?: number; error?: string }) => {
        clearTimeout(timer);
        if (message.port) resolve(message.port);
        else reject(new Error(`S3 emulator could not start: ${message.error}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`S3 emulator exited (code ${code}) before it was ready:\n${output}`));
      });
    });
    return {
      endpoint: `http://${host}:${actualPort}`,
      stop: async () => {
        await stopChild(child);
        process.removeListener('exit', killOnExit);
        removeTemporary();
      },
    };
  } catch (error) {
    await stopChild(child);
    process.removeListener('exit', killOnExit);
    removeTemporary();
    throw error;
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
