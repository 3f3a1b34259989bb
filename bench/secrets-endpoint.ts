/**
 * Secrets Manager's `GetSecretValue` for the cold-start bench: in the prod stage the public
 * functions read the keyed hashes' secret from Secrets Manager at their first call
 * (shared/adapters/keyed-hash.ts, `HASH_SECRET_ARN`), and the local emulators have none.
 * The SDK's own client talks to it (AWS JSON 1.1, `AWS_ENDPOINT_URL_SECRETS_MANAGER`), so the
 * package is loaded, the request signed and the answer parsed as in AWS; it answers one secret.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SecretsEndpoint {
  readonly url: string;
  readonly secretArn: string;
  close(): Promise<void>;
}

export async function startSecretsEndpoint(secretString: string, region: string, accountId: string): Promise<SecretsEndpoint> {
  const secretArn = `arn:aws:secretsmanager:${region}:${accountId}:secret:complaints-hash-secret-AbCdEf`;
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const target = request.headers['x-amz-target'];
      const { SecretId } = JSON.parse(body || '{}') as { SecretId?: string };
      const known = target === 'secretsmanager.GetSecretValue' && SecretId === secretArn;
      response.writeHead(known ? 200 : 400, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(
        JSON.stringify(
          known
            ? { ARN: secretArn, Name: 'complaints-hash-secret', SecretString: secretString, VersionId: 'v1', VersionStages: ['AWSCURRENT'], CreatedDate: 1_700_000_000 }
            : { __type: 'ResourceNotFoundException', message: `Secrets Manager can't find the specified secret.` },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, secretArn, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
