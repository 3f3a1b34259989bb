'use strict';
/**
 * s3rver in a Node process of its own, started by local/s3-emulator.ts without tsx: under
 * tsx on Node 20, koa's dependency `is-generator-function` gets the ES-module build of
 * `generator-function` as an object and s3rver cannot start. Plain CommonJS for that reason.
 * Argument: JSON { host, port, directory, accessKeyId, secretAccessKey }. Reports
 * `{ port }` (or `{ error }`) over IPC; ends when its parent goes away.
 */
const S3rver = require('s3rver');
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account');

const { host, port, directory, accessKeyId, secretAccessKey } = JSON.parse(process.argv[2]);
// s3rver verifies SigV4 signatures against the key pairs it knows: add the local one.
DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);
// s3rver ignores the conditions of a copy's source; S3 answers 412 when the source is no
// longer the version named (CopySourceIfMatch), and register-case relies on it.
const S3Error = require('s3rver/lib/models/error');
const objectController = require('s3rver/lib/controllers/object');
const unconditionalCopy = objectController.putObjectCopy;
const unquoted = (etag) => String(etag).replace(/^"|"$/g, '');
objectController.putObjectCopy = async function putObjectCopy(ctx) {
  const expected = ctx.headers['x-amz-copy-source-if-match'];
  if (expected) {
    const source = decodeURI(ctx.headers['x-amz-copy-source']).replace(/^\//, '');
    const [bucket, ...key] = source.split('/');
    const metadata = await ctx.store.getMetadata(bucket, key.join('/')).catch(() => undefined);
    if (metadata && unquoted(metadata.etag) !== unquoted(expected)) {
      throw new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { Condition: 'x-amz-copy-source-If-Match' });
    }
  }
  return unconditionalCopy(ctx);
};
const server = new S3rver({ address: host, port, silent: true, directory });
const stop = () => server.close().then(() => process.exit(0), () => process.exit(0));
server.run().then(
  (address) => process.send({ port: address.port }),
  (error) => {
    process.send({ error: error.message });
    process.exit(1);
  },
);
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', stop);
