import type { StepSettings } from './step-support';

export interface InvitationSettings {}

export async function inviteStaff(_settings: StepSettings & InvitationSettings, _member: { email: string; name?: string }, _at: Date): Promise<void> {}
