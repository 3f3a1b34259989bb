/** Shared test values: the local stage as parsed, and its calendar. */
import { loadStageConfig } from '../../../shared/config/load-stage-config';
import { workingCalendar } from '../../../shared/domain/calendar';

export const localConfig = loadStageConfig('local');
export const shanghai = workingCalendar(localConfig);

/** An instant written as Asia/Shanghai wall time: `at('2026-11-20 17:00')`. */
export const at = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+08:00`);
