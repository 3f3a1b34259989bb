/**
 * The local-cn stage's SMTP server (built on `smtp-server`): it takes mail as a China
 * provider's SMTP endpoint would (AUTH with the stage's mail secret, then MAIL, RCPT, DATA)
 * and keeps every mail in memory, where its HTTP side shows them, in the SES emulator's
 * shape so the same tests and people read both stages alike:
 *
 *   GET  /               a page listing the mails
 *   GET  /store          { emails: [{ messageId, from, destination: { to, cc, bcc }, subject, body: { text, html }, at }] }
 *   POST /clear-store    empties it
 *   POST /outage         { "mode": "unavailable" | "throttled" | "off" }: a provider outage, on purpose
 *                        (`unavailable`: 421 to every connection and MAIL FROM; `throttled`: 451 to every MAIL FROM)
 *   POST /refuse         { "address" }: 550 to RCPT TO of that address from now on (a mailbox that does not exist)
 *
 * No TLS: the stage config's `requireTLS: false` is allowed for a server on this machine only.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface StoredMail {
  readonly messageId: string;
  readonly from: string;
  readonly replyTo: string[];
  readonly destination: { readonly to: string[]; readonly cc: string[]; readonly bcc: string[] };
  readonly subject: string;
  readonly body: { readonly text?: string; readonly html?: string };
  readonly attachments: never[];
  /** Seconds since the epoch, as the SES emulator stamps it. */
  readonly at: number;
}

export type OutageMode = 'unavailable' | 'throttled' | 'off';

export interface SmtpOutbox {
  /** The SMTP port (mail in). */
  readonly smtpPort: number;
  /** The HTTP side (GET /store ...). */
  readonly url: string;
  readonly mails: readonly StoredMail[];
  setOutage(mode: OutageMode): void;
  close(): Promise<void>;
}

interface ParsedAddress {
  readonly value: readonly { readonly address?: string }[];
}
interface ParsedMail {
  readonly messageId?: string;
  readonly subject?: string;
  readonly from?: ParsedAddress;
  readonly text?: string;
  readonly html?: string | false;
}
// mailparser has no types of its own; only what is read here is declared.
const { simpleParser } = require('mailparser') as { simpleParser: (source: NodeJS.ReadableStream) => Promise<ParsedMail> };

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

export async function startSmtpOutbox(options: { host: string; smtpPort: number; httpPort: number; credentials: { username: string; password: string } }): Promise<SmtpOutbox> {
  const mails: StoredMail[] = [];
  const refused = new Set<string>();
  let outage: OutageMode = 'off';
  let serial = 0;

  const smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    size: 10 * 1024 * 1024,
    onConnect: (_session, callback) => callback(outage === 'unavailable' ? smtpError(421, 'Service not available, try again later (outage injected on purpose)') : null),
    onAuth: (auth, _session, callback) => {
      const ok = auth.username === options.credentials.username && auth.password === options.credentials.password;
      callback(ok ? null : smtpError(535, 'Authentication credentials invalid'), ok ? { user: auth.username } : undefined);
    },
    // A connection the pool opened before the outage began gets it at its next mail.
    onMailFrom: (_address, _session, callback) =>
      callback(
        outage === 'unavailable'
          ? smtpError(421, 'Service not available, closing transmission channel (outage injected on purpose)')
          : outage === 'throttled'
            ? smtpError(451, 'Sending rate exceeded, try again later (throttle injected on purpose)')
            : null,
      ),
    onRcptTo: (address, _session, callback) => callback(refused.has(address.address.toLowerCase()) ? smtpError(550, 'Mailbox unavailable') : null),
    onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback) => {
      simpleParser(stream).then(
        (parsed) => {
          mails.push({
            messageId: `smtp-${++serial}`,
            from: parsed.from?.value[0]?.address ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
            replyTo: [],
            // The envelope, not the headers: every recipient the mail went to, Bcc included.
            destination: { to: session.envelope.rcptTo.map((r) => r.address), cc: [], bcc: [] },
            subject: parsed.subject ?? '',
            body: { ...(parsed.text !== undefined ? { text: parsed.text.replace(/\n$/, '') } : {}), ...(parsed.html ? { html: parsed.html } : {}) },
            attachments: [],
            at: Math.floor(Date.now() / 1000),
          });
          callback(null, 'Queued');
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.server.once('error', reject);
    smtp.listen(options.smtpPort, options.host, () => resolve());
  });

  const web = http.createServer((req, res) => {
    const answer = (status: number, body: unknown, type = 'application/json; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const path = (req.url ?? '/').split('?', 1)[0];
    if (req.method === 'GET' && path === '/store') return answer(200, { emails: mails });
    if (req.method === 'GET' && path === '/') return answer(200, outboxPage(mails), 'text/html; charset=utf-8');
    if (req.method === 'POST' && path === '/clear-store') {
      mails.length = 0;
      return answer(200, { cleared: true });
    }
    if (req.method === 'POST' && (path === '/outage' || path === '/refuse')) {
      void readJson(req).then((body) => {
        if (path === '/refuse') {
          if (typeof body.address !== 'string') return answer(400, { error: 'Send {"address": "<mail address>"}' });
          refused.add(body.address.toLowerCase());
          return answer(200, { refused: [...refused] });
        }
        if (!['unavailable', 'throttled', 'off'].includes(body.mode as string)) return answer(400, { error: 'Send {"mode": "unavailable" | "throttled" | "off"}' });
        outage = body.mode as OutageMode;
        return answer(200, { outage });
      });
      return;
    }
    answer(404, { error: `No ${req.method} ${path}` });
  });
  await new Promise<void>((resolve, reject) => {
    web.once('error', reject);
    web.listen(options.httpPort, options.host, () => resolve());
  });

  return {
    smtpPort: (smtp.server.address() as AddressInfo).port,
    url: `http://${options.host}:${(web.address() as AddressInfo).port}`,
    mails,
    setOutage: (mode) => {
      outage = mode;
    },
    close: async () => {
      await Promise.all([
        new Promise<void>((resolve) => smtp.close(() => resolve())),
        new Promise<void>((resolve) => {
          web.close(() => resolve());
          web.closeAllConnections();
        }),
      ]);
    },
  };
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function outboxPage(mails: readonly StoredMail[]): string {
  const rows = [...mails]
    .reverse()
    .map((m) => `<li><b>${escape(m.subject)}</b><br>to ${escape(m.destination.to.join(', '))} · ${new Date(m.at * 1000).toISOString()}<details><summary>text</summary><pre>${escape(m.body.text ?? '')}</pre></details></li>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SMTP outbox</title></head><body style="font-family:system-ui,sans-serif;max-width:60em;margin:auto"><h1>SMTP outbox (local-cn)</h1><p>${mails.length} mail(s). JSON: <a href="/store">/store</a></p><ol>${rows}</ol></body></html>`;
}
