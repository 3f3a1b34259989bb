/**
 * The local system's control endpoint: a small JSON API on 127.0.0.1 only (default
 * port 3099, `LOCAL_CONTROL_PORT` to change), apart from the public API so nothing
 * of it can leak into a deployment or the OpenAPI document.
 * `npm run clock`, `npm run schedule` and the test harness talk to it.
 *
 *   GET  /status                  stage, URLs, clock, staff pool (ids, issuer: for `npm run staff-token`)
 *   GET  /clock                   { now, offsetMs }
 *   POST /clock  {"time": ISO}    set the clock; {"reset": true} back to real time
 *   GET  /schedules               [{ name, handler, expression, nextAt? }]
 *   POST /schedules/<name>/run    {"at"?: ISO}: fires it once, answers when the handler is done
 *   GET  /queues                  every queue with its DLQ and poller counters
 *   POST /idle   {"timeoutMs"?}   answers when no queue holds work and nothing runs (504 on timeout)
 *   POST /mail-events {"kind", "address"}  a bounce or complaint event: on an SES stage the SES event for
 *                                 `mail-events` (ses-event.ts); on an SMTP stage (local-cn) a signed post to the
 *                                 gateway's `POST /mail-events/smtp`, as the provider's relay would send it
 */
import { readFile } from 'node:fs/promises';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalSystem } from './system';
import { UnknownScheduleError } from './scheduler';
import { sesEvent, sesEventKinds, type SesEventKind } from './ses-event';
import { localAccountId, localRegion, mailConfigurationSetFor } from './resource-names';
import { topology } from '../shared/topology';
import { mailSecretFileVariable } from '../shared/config/runtime';
import type { StageConfig } from '../shared/config/stage-config';
import { signedHeaders } from '../shared/http/webhook-signature';

export const defaultControlPort = 3099;
export const controlHost = '127.0.0.1';

export interface ControlServer {
  readonly url: string;
  close(): Promise<void>;
}

type Answer = { status: number; body: unknown };

class BadRequestError extends Error {}

export async function startControlServer(system: LocalSystem, port: number): Promise<ControlServer> {
  const server = http.createServer((req, res) => {
    route(system, req)
      .catch((error: unknown): Answer => ({ status: error instanceof BadRequestError ? 400 : 500, body: { error: (error as Error).message ?? String(error) } }))
      .then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body, null, 2));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, controlHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    url: `http://${controlHost}:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function route(system: LocalSystem, req: http.IncomingMessage): Promise<Answer> {
  const path = (req.url ?? '/').split('?', 1)[0]!;
  const method = req.method ?? 'GET';
  const clockState = () => ({ now: system.clock.now().toISOString(), offsetMs: system.clock.offsetMs });

  if (method === 'GET' && path === '/status') {
    return { status: 200, body: { stage: system.stage, urls: system.urls, tableName: system.tableName, staffPool: system.staffPool, ...clockState() } };
  }
  if (path === '/clock' && method === 'GET') return { status: 200, body: clockState() };
  if (path === '/clock' && method === 'POST') {
    const body = await readJson(req);
    if (body.reset === true) system.clock.reset();
    else if (typeof body.time === 'string' && !Number.isNaN(Date.parse(body.time))) system.clock.set(body.time);
    else return { status: 400, body: { error: 'Send {"time": "<ISO-8601 time>"} or {"reset": true}' } };
    return { status: 200, body: clockState() };
  }
  if (path === '/schedules' && method === 'GET') return { status: 200, body: system.scheduler.list() };
  const run = /^\/schedules\/([^/]+)\/run$/.exec(path);
  if (run && method === 'POST') {
    const body = await readJson(req);
    if (body.at !== undefined && (typeof body.at !== 'string' || Number.isNaN(Date.parse(body.at)))) {
      return { status: 400, body: { error: '"at" must be an ISO-8601 time' } };
    }
    try {
      return { status: 200, body: await system.runSchedule(decodeURIComponent(run[1]!), body.at as string | undefined) };
    } catch (error) {
      if (error instanceof UnknownScheduleError) return { status: 404, body: { error: error.message, known: error.known } };
      throw error;
    }
  }
  if (path === '/queues' && method === 'GET') return { status: 200, body: system.queueStatus() };
  if (path === '/idle' && method === 'POST') {
    const body = await readJson(req);
    try {
      await system.waitForIdle({ timeoutMs: typeof body.timeoutMs === 'number' ? body.timeoutMs : undefined });
      return { status: 200, body: { idle: true } };
    } catch (error) {
      return { status: 504, body: { idle: false, error: (error as Error).message } };
    }
  }
  if (path === '/mail-events' && method === 'POST') {
    const body = await readJson(req);
    if (!sesEventKinds.includes(body.kind as SesEventKind) || typeof body.address !== 'string' || !body.address.includes('@')) {
      return { status: 400, body: { error: `Send {"kind": ${sesEventKinds.map((k) => `"${k}"`).join(' | ')}, "address": "<mail address>"}` } };
    }
    const kind = body.kind as SesEventKind;
    if ((JSON.parse(system.env.STAGE_CONFIG!) as StageConfig).mail.provider === 'smtp') return postSmtpMailEvent(system, kind, body.address);
    const event = sesEvent(kind, body.address, system.clock.now(), mailConfigurationSetFor(system.stage), localRegion, localAccountId);
    return { status: 200, body: await system.invoke(topology.mailEventsHandler, event) };
  }
  return { status: 404, body: { error: `No control action ${method} ${path}` } };
}

/** The provider relay's post (generic shape), signed with this run's webhook key, through the gateway. */
async function postSmtpMailEvent(system: LocalSystem, kind: SesEventKind, address: string): Promise<Answer> {
  const { webhookSecret } = JSON.parse(await readFile(system.env[mailSecretFileVariable]!, 'utf8')) as { webhookSecret: string };
  const at = system.clock.now();
  const event = kind === 'complaint' ? { type: 'complaint', address, detail: 'abuse', at: at.toISOString() } : { type: 'bounce', address, permanent: kind === 'bounce', detail: kind === 'bounce' ? 'hard_bounce' : 'soft_bounce', at: at.toISOString() };
  const rawBody = JSON.stringify(event);
  const response = await fetch(`${system.urls.gateway}/mail-events/smtp`, { method: 'POST', headers: { 'content-type': 'application/json', ...signedHeaders(rawBody, webhookSecret, at) }, body: rawBody });
  return { status: response.status, body: await response.json() };
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequestError('The body is not JSON');
  }
  return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}
