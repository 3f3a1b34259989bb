import * as net from 'node:net';

/** A port someone else holds, with the fix in words a person can act on. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
  constructor(
    readonly service: string,
    readonly port: number,
    readonly fix: string,
  ) {
    super(`Port ${port} (${service}) is already in use. ${fix}`);
  }
}

/** Resolves when `port` can be bound on `host`; throws PortInUseError otherwise. */
export async function assertPortFree(port: number, host: string | undefined, service: string, fix: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new PortInUseError(service, port, fix) : error);
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** A port the OS says is free right now (for DynamoDB Local, which cannot report one back). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen({ port: 0, host }, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
