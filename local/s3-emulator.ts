/**
 * The S3 emulator (s3rver, in this process) for evidence files. It keeps objects as files:
 * in `dataDir` when given (`npm start`: .local/s3), else in a temporary directory removed
 * on stop. It verifies SigV4 signatures (of the key pair registered below) but ignores the
 * conditions of presigned-POST policies (toolchain.md): the system checks every file by
 * content, and tests inspect the policy itself.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import S3rver from 's3rver';
import { DUMMY_ACCOUNT } from 's3rver/lib/models/account';

export interface RunningS3 {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export interface S3EmulatorOptions {
  readonly host: string;
  readonly port: number;
  readonly dataDir?: string;
  /** The key pair the handlers sign with: s3rver verifies SigV4 signatures against the keys it knows. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export async function startS3Emulator({ host, port, dataDir, credentials }: S3EmulatorOptions): Promise<RunningS3> {
  DUMMY_ACCOUNT.createKeyPair(credentials.accessKeyId, credentials.secretAccessKey);
  const directory = dataDir ?? mkdtempSync(path.join(tmpdir(), 'complaints-s3-'));
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const server = new S3rver({ address: host, port, silent: true, directory });
  try {
    const address = await server.run();
    return {
      endpoint: `http://${host}:${address.port}`,
      stop: async () => {
        const closed = server.close();
        // SDK clients keep connections alive; without this close() waits for them.
        server.httpServer?.closeAllConnections();
        await closed;
        if (!dataDir) rmSync(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (!dataDir) rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}
