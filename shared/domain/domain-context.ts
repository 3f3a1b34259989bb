/**
 * What every rule of the domain reads besides the case: the stage config and the
 * working-time calendar built from it. Built once per container (or per test).
 */
import type { StageConfig } from '../config/stage-config';
import { workingCalendar, type WorkingCalendar } from './calendar';
import type { DeadlineRules } from './case-deadlines';

export interface DomainContext {
  readonly config: StageConfig;
  readonly calendar: WorkingCalendar;
}

export function domainContext(config: StageConfig, calendar: WorkingCalendar = workingCalendar(config)): DomainContext {
  return { config, calendar };
}

export const deadlineRules = (ctx: DomainContext): DeadlineRules => ({ calendar: ctx.calendar, limits: ctx.config.limits });
