import { sendDirectoryFollowUp } from '../adapters/handoff';
import { openCasesPage } from '../adapters/work-list';
import { absencesToCheck, fallsDuring } from '../domain/absences';
import type { StepSettings } from './step-support';

/** A member's open cases the sweep reads per absence at most (their work list's most urgent first). */
const rowsPerAbsence = 100;

/**
 * The SLA sweep's share of issue 22 item 4: for each absence that has not ended and starts
 * within the lookahead, one Query of the member's work list; when a case of theirs falls
 * due during it, one `absence-check` message to `directory-changes`, whose consumer offers
 * those cases back once (the case records the absence). Covers cases assigned after the
 * absence was declared. Returns the messages sent.
 */
export async function sweepAbsences(settings: StepSettings, now: Date): Promise<number> {
  const { config, tableName } = settings;
  let sent = 0;
  for (const { member, absence } of absencesToCheck(config, now, config.timeZone)) {
    const { rows } = await openCasesPage(tableName, { assignee: member }, { limit: rowsPerAbsence });
    if (!rows.some((row) => fallsDuring(row.workDueAt, absence, config.timeZone))) continue;
    await sendDirectoryFollowUp(settings.queueUrls, { type: 'absence-check', member, ...absence, at: now.toISOString() });
    sent += 1;
  }
  return sent;
}
