import * as z from 'zod/mini';
import { confirmDirectoryChange, directoryChangePending, sendDirectoryFollowUp } from '../adapters/handoff';
import { logger } from '../adapters/logger';
import type { DirectoryChangeMessage } from '../schemas/directory-change';
import type { DirectoryFollowUp, DirectoryQueueMessage } from '../schemas/directory-followup';
import { handBackPage } from './case-hand-back';
import { recomputeDepartments, recomputePage } from './deadline-recompute';
import type { StepSettings } from './step-support';
import { inviteStaff, type InvitationSettings } from './staff-invitation';

/**
 * What a committed directory change sets off (docs/architecture.md "The directory at
 * runtime"): a staff member added → invited; deactivated → their open cases back to the
 * department queue; an absence → the cases falling due during it offered back; the calendar
 * or the limits → the open cases' deadlines computed again. Routing, visibility and the
 * deadlines of new cases need nothing here: they read the effective directory.
 *
 * Work on cases goes a page at a time: each message does one page and hands the rest to a
 * follow-up message, sent before the message is confirmed. The change's outbox entry is
 * deleted last: a copy delivered after that finds it gone and does nothing; one delivered
 * before (a crash half-way, the relay) does the work again, which changes each case at most
 * once (the domain refuses a hand-back already made, a recompute moves nothing twice).
 */
export async function actOnDirectoryMessage(settings: StepSettings & InvitationSettings, message: DirectoryQueueMessage, now: Date): Promise<void> {
  if (message.type !== 'directory-change') return followUp(settings, message, now);
  if (!(await directoryChangePending(settings.tableName, message.changeId))) {
    logger.info('Directory change already acted on', { entity: message.entity });
    return;
  }
  if (isStaffAdded(message)) await inviteStaff(settings, staffEntry.parse(message.after), now);
  for (const first of followUpsOf(message, settings)) await followUp(settings, first, now);
  await confirmDirectoryChange(settings.tableName, message.changeId);
}

/** The lenient view of a staff entry this consumer reads (admin-core's schema validated it on write). */
const staffEntry = z.object({ email: z.string(), name: z.optional(z.string()), active: z.optional(z.boolean()) });
const absenceEntry = z.object({ email: z.string(), from: z.iso.date(), to: z.iso.date() });

const isActive = (entry: Record<string, unknown> | undefined): boolean => entry !== undefined && entry.active !== false;
const isStaffAdded = (m: DirectoryChangeMessage) => m.entity === 'staff' && m.before === undefined && isActive(m.after);

/** The case work a change asks for, as the first message of each walk. */
function followUpsOf(m: DirectoryChangeMessage, settings: StepSettings): DirectoryFollowUp[] {
  switch (m.entity) {
    case 'staff':
      // Deactivated (or removed): every open case of theirs goes back to the queue.
      return isActive(m.before) && !isActive(m.after) ? [{ type: 'hand-over', member: staffEntry.parse(m.before).email.toLowerCase(), at: m.at }] : [];
    case 'absence': {
      if (!m.after) return [];
      const absence = absenceEntry.parse(m.after);
      return [{ type: 'absence-check', member: absence.email.toLowerCase(), from: absence.from, to: absence.to, at: m.at }];
    }
    case 'calendar':
    case 'limits':
      return [{ type: 'recompute-deadlines', department: recomputeDepartments(settings.config.departments)[0]!, at: m.at }];
    case 'department':
    case 'category':
      return [];
  }
}

/** One page of a walk; the next page's message is sent before this one is done. */
async function followUp(settings: StepSettings, message: DirectoryFollowUp, now: Date): Promise<void> {
  switch (message.type) {
    case 'hand-over': {
      const { next } = await handBackPage(settings, { action: 'hand-back', member: message.member, reason: 'deactivated' }, now, message.after);
      if (next) await sendDirectoryFollowUp(settings.queueUrls, { ...message, after: next });
      return;
    }
    case 'absence-check': {
      const absence = { from: message.from, to: message.to };
      const { next } = await handBackPage(settings, { action: 'hand-back', member: message.member, reason: 'absent', absence }, now, message.after);
      if (next) await sendDirectoryFollowUp(settings.queueUrls, { ...message, after: next });
      return;
    }
    case 'recompute-deadlines': {
      const { next } = await recomputePage(settings, message, now);
      if (next) await sendDirectoryFollowUp(settings.queueUrls, { type: message.type, at: message.at, ...next });
      return;
    }
  }
}
