/**
 * Steps of a case the complainant tests need from others, against the shared local system:
 * a staff action through the real staff API, and one escalation run for one case.
 */
import { sqs } from '../../shared/adapters/aws-clients';
import { postJson, request } from './http-client';
import { staffToken } from './staff';
import { systemUrls } from './system';

const tokens = new Map<string, Promise<string>>();
const staffFrom = '127.0.0.79';

/**
 * A staff action as the console sends it: `POST /staff/cases/{n}/actions` with the staff
 * member's ID token from the local pool, at the version `GET /staff/cases/{n}` shows.
 * Answers the case's new status; anything but 200 fails the test with the problem.
 */
export async function staffAction(caseNumber: string, email: string, action: { readonly action: string } & Record<string, unknown>): Promise<string> {
  if (!tokens.has(email)) tokens.set(email, staffToken(email));
  const headers = { authorization: `Bearer ${await tokens.get(email)!}` };
  const view = await request('GET', `/staff/cases/${caseNumber}`, { from: staffFrom, headers });
  if (view.status !== 200) throw new Error(`${email} cannot open ${caseNumber}: ${view.status} ${view.text}`);
  const { version } = view.json<{ version: number }>();
  const acted = await postJson(`/staff/cases/${caseNumber}/actions`, { ...action, version }, { from: staffFrom, headers });
  if (acted.status !== 200) throw new Error(`staff action ${action.action} on ${caseNumber} by ${email}: ${acted.status} ${acted.text}`);
  return acted.json<{ status: string }>().status;
}

/** What the SLA sweep hands `escalate` for a due case, for this case alone, at event time `at`. */
export async function escalateAt(caseNumber: string, at: Date): Promise<void> {
  const queueUrl = systemUrls().env.QUEUE_URL_ESCALATE!;
  await sqs().sendMessage({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ type: 'escalate', caseNumber, at: at.toISOString() }) });
}
