/**
 * `npm run mail-event -- <bounce|transient-bounce|complaint> <address>`: feeds the running
 * local system's `mail-events` function the SES event that AWS would send when a mail to
 * `address` bounced for good, bounced for now, or was marked as spam. (The SES emulator
 * produces no such events.) A bounce or complaint puts the address on the suppression list.
 */
import { callControl, exitWith } from './control-client';
import { sesEventKinds, type SesEventKind } from './ses-event';

const usage = `Usage: npm run mail-event -- <${sesEventKinds.join('|')}> <address>`;

async function main(): Promise<void> {
  const [kind, address, ...rest] = process.argv.slice(2);
  if (rest.length > 0 || !address || !sesEventKinds.includes(kind as SesEventKind)) exitWith(new Error(usage));
  const answer = await callControl<{ suppressed?: number; error?: string }>('POST', '/mail-events', { kind, address });
  if (answer.status !== 200) exitWith(new Error(answer.body.error ?? `control endpoint answered ${answer.status}`));
  console.log(answer.body.suppressed ? `${address} is on the suppression list: no more mail goes to it.` : `Nothing suppressed (a ${kind} leaves the address as it is).`);
}

main().catch(exitWith);
