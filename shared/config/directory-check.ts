/**
 * A directory change is validated as the stage config is validated (issue #22): the stage
 * config overlaid with the directory after the change must pass the stage config's schema and
 * its cross-field rules (unknown department, a supervisor without the role ...). Each issue is
 * named by the field of the request where it lies in the changed entry, else by its path in
 * the config (another entry the change made invalid, e.g. a department whose supervisor lost the role).
 */
import type { DecidedChange } from '../domain/directory-changes';
import { overlay, type Directory } from '../domain/directory';
import { safeParseStageConfig, type StageConfig } from './stage-config';

export interface DirectoryIssue {
  readonly path: string;
  readonly message: string;
}

export function directoryIssues(stageConfig: StageConfig, directory: Directory, change: DecidedChange): DirectoryIssue[] {
  const config = overlay(stageConfig, directory);
  const result = safeParseStageConfig(config);
  if (result.success) return [];
  const own = entryPath(config, change);
  return result.error.issues.map((issue) => {
    const path = issue.path.map(String);
    const field = own && own.every((part, i) => path[i] === part) ? path.slice(own.length) : path;
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((key) => ({ path: [...field, ...(key ? [key] : [])].join('.') || change.entity, message: issue.message }));
  }).flat();
}

/** Where the changed entry sits in the overlaid config, as a path prefix; undefined for one removed. */
function entryPath(config: StageConfig, change: DecidedChange): string[] | undefined {
  const after = change.after;
  if (!after) return undefined;
  switch (after.entity) {
    case 'staff':
      return ['staff', String(config.staff.findIndex((s) => s.email.toLowerCase() === after.value.email))];
    case 'department':
      return ['departments', String(config.departments.findIndex((d) => d.id === after.value.id))];
    case 'category':
      return ['categories', String(config.categories.findIndex((c) => c.id === after.value.id))];
    case 'absence': {
      const member = config.staff.findIndex((s) => s.email.toLowerCase() === after.value.email);
      const index = config.staff[member]?.absences.findIndex((a) => a.from === after.value.from && a.to === after.value.to) ?? -1;
      return ['staff', String(member), 'absences', String(index)];
    }
    case 'calendar':
      return ['calendar'];
    case 'limits':
      return [];
  }
}
