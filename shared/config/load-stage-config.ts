/**
 * Reads and validates one stage's configuration (config/stages/<stage>.ts).
 * Used at synth time and by the local runtime; a bad file fails with every bad
 * field named, e.g. `categories.3.department: unknown department "x"`.
 */
import type { z } from 'zod/mini';
import { safeParseStageConfig, type StageConfig, type StageConfigInput } from './stage-config';
import local from '../../config/stages/local';
import dev from '../../config/stages/dev';
import staging from '../../config/stages/staging';
import prod from '../../config/stages/prod';
import localCn from '../../config/stages/local-cn';
import prodCn from '../../config/stages/prod-cn';

const stageFiles: Readonly<Record<string, StageConfigInput>> = { local, 'local-cn': localCn, dev, staging, prod, 'prod-cn': prodCn };

export const stageNames = ['local', 'local-cn', 'dev', 'staging', 'prod', 'prod-cn'] as const;
export type StageName = (typeof stageNames)[number];

export function loadStageConfig(stage: string): StageConfig {
  const input = (stageNames as readonly string[]).includes(stage) ? stageFiles[stage] : undefined;
  if (input === undefined) throw new Error(`Unknown stage "${stage}"; known stages: ${stageNames.join(', ')}`);
  return parseStageConfig(stage, input);
}

export function parseStageConfig(stage: string, input: unknown): StageConfig {
  const result = safeParseStageConfig(input);
  if (result.success) return result.data;
  throw new Error(`Invalid stage config "${stage}":\n${formatIssues(result.error.issues)}`);
}

/** One line per issue: `<path>: <message>` (`(root)` for the whole object). */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.flatMap(issueLines).join('\n');
}

function issueLines(issue: z.core.$ZodIssue): string[] {
  const line = (path: readonly PropertyKey[], message: string) => `  ${path.map(String).join('.') || '(root)'}: ${message}`;
  // An unknown key is named in the path itself, so a typo points at the typo.
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => line([...issue.path, key], 'unknown field'));
  return [line(issue.path, issue.message)];
}
