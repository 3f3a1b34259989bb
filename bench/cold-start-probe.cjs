/**
 * One cold start, in a fresh Node process (bench/cold-start.ts): `node cold-start-probe.cjs <bundle>`
 * loads the built bundle as the Lambda runtime does, calls its handler once with the API
 * Gateway event of `COLD_START_EVENT`, and prints, after `COLD_START `, the ms from the
 * process's time origin to the handler loaded (`ready`) and to the first invocation's
 * response (`firstCall`), and the response's status. Plain Node, no tsx: what Lambda runs.
 *
 * With `COLD_START_RECORD=1` (an untimed run) it also records every AWS call the invocation
 * made (client, command, input: the SDK clients' shared `send`, and the presigned POSTs,
 * which sign without a call) and the `@aws-sdk/*` packages the bundle required: the script
 * the baseline (bench/replay-handler.ts) replays.
 */
const bundle = process.argv[2];
const event = JSON.parse(process.env.COLD_START_EVENT);
const calls = [];
const packages = new Set();

if (process.env.COLD_START_RECORD === '1') {
  const Module = require('node:module');
  const { Client } = require('@smithy/core/client');
  // A call started while another is in flight is replayed beside it (`withPrevious`), not after it.
  let inFlight = 0;
  const track = (promise) => {
    inFlight++;
    const done = () => inFlight--;
    promise.then(done, done);
    return promise;
  };
  const send = Client.prototype.send;
  Client.prototype.send = function (command, ...rest) {
    calls.push({ client: this.constructor.name, command: command.constructor.name, input: JSON.parse(JSON.stringify(command.input)), withPrevious: inFlight > 0 });
    return track(send.call(this, command, ...rest));
  };
  const load = Module._load;
  Module._load = function (request, parent, ...rest) {
    const loaded = load.call(this, request, parent, ...rest);
    if (parent && parent.filename === bundle && request.startsWith('@aws-sdk/')) {
      packages.add(request);
      if (request === '@aws-sdk/s3-presigned-post' && !loaded.createPresignedPost.recorded) {
        const sign = loaded.createPresignedPost;
        loaded.createPresignedPost = Object.assign((client, input) => {
          calls.push({ client: client.constructor.name, command: 'createPresignedPost', input: JSON.parse(JSON.stringify(input)), withPrevious: inFlight > 0 });
          return track(sign(client, input));
        }, { recorded: true });
      }
    }
    return loaded;
  };
}

const name = process.env.AWS_LAMBDA_FUNCTION_NAME || 'function';
const context = {
  functionName: name,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${name}`,
  memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE || '256',
  // Not node:crypto's randomUUID: the probe must load no module the function would be charged for, or spared.
  awsRequestId: `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`,
  logGroupName: `/aws/lambda/${name}`,
  logStreamName: 'cold-start',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 10_000,
};

const t0 = performance.now();
const { handler } = require(bundle);
const ready = performance.now();
handler(event, context).then(
  (response) => {
    const firstCall = performance.now();
    const out = { ready, module: ready - t0, firstCall, status: response && response.statusCode };
    if (process.env.COLD_START_RECORD === '1') Object.assign(out, { calls, packages: [...packages], body: String(response && response.body).slice(0, 300) });
    process.stdout.write(`\nCOLD_START ${JSON.stringify(out)}\n`);
    // Lambda freezes the process here; open keep-alive sockets must not keep it running.
    process.exit(0);
  },
  (error) => {
    process.stderr.write(`${error && error.stack}\n`);
    process.exit(1);
  },
);
