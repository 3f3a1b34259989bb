/**
 * The directory in the table (issue #22 item 1) on DynamoDB Local, in a table of this file's
 * own: the stage config seeds it once, a later (changed) stage config never overwrites an
 * administrator's edit, and the handlers' copy of it is read again after the TTL only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { commitChange, readDirectory, seedTable } from '../../shared/adapters/directory-store';
import { refreshDirectory } from '../../shared/adapters/effective-config';
import { runtimeSettings } from '../../shared/config/runtime';
import type { StageConfig } from '../../shared/config/stage-config';
import type { DirectoryEntry } from '../../shared/domain/directory';
import { isolatedWorkflow } from './workflow-harness';

const member = 'li.na@example.org';
let stageConfig: StageConfig;
let tableName: string;

/** An administrator's rename of li.na, committed as the admin API does (audit entry and hand-off included). */
async function rename(name: string, at: Date): Promise<void> {
  const directory = await readDirectory(tableName, stageConfig, true);
  const before = directory.staff.find((s) => s.email === member)!;
  const after = { ...before, name, version: before.version + 1 };
  const entry = (value: typeof before): DirectoryEntry => ({ entity: 'staff', value });
  await commitChange(
    tableName,
    { entity: 'staff', before: entry(before), after: entry(after) },
    { at: at.toISOString(), actor: 'test-admin', action: 'directory-change', caseNumbers: [] },
    { type: 'directory-change', changeId: crypto.randomUUID(), entity: 'staff', id: member, at: at.toISOString(), actor: 'test-admin' },
    at,
  );
}

beforeAll(async () => {
  ({ tableName } = await isolatedWorkflow({ complaint: 'DS', report: 'DT' }));
  stageConfig = runtimeSettings().stageConfig;
});

describe('the directory in the table', () => {
  it('is the stage config until seeded; seeded once, an edit survives a changed stage config', async () => {
    expect((await readDirectory(tableName, stageConfig, true)).seeded).toBe(false);
    await seedTable(tableName, stageConfig, new Date());
    await rename('李娜 (renamed by an admin)', new Date());
    // A later deploy: the stage config renames her, and adds someone.
    const redeployed: StageConfig = {
      ...stageConfig,
      staff: [...stageConfig.staff.map((s) => (s.email === member ? { ...s, name: '李娜 (stage config)' } : s)), { ...stageConfig.staff[0]!, email: 'new.comer@example.org' }],
    };
    await seedTable(tableName, redeployed, new Date());
    const directory = await readDirectory(tableName, redeployed, true);
    expect(directory.seeded).toBe(true);
    expect(directory.staff.find((s) => s.email === member)).toMatchObject({ name: '李娜 (renamed by an admin)', version: 2 });
    expect(directory.staff.some((s) => s.email === 'new.comer@example.org')).toBe(false);
  });

  it('reaches runtimeSettings().config at the first refresh after the TTL (30 s), not before', async () => {
    const t0 = Date.now();
    await refreshDirectory({ force: true, now: t0 });
    const name = () => runtimeSettings().config.staff.find((s) => s.email === member)?.name;
    expect(name()).toBe('李娜 (renamed by an admin)');
    await rename('李娜 (renamed again)', new Date());
    await refreshDirectory({ now: t0 + 29_000 });
    expect(name()).toBe('李娜 (renamed by an admin)');
    await refreshDirectory({ now: t0 + 30_000 });
    expect(name()).toBe('李娜 (renamed again)');
    // The structure the stage config gives stays: its other settings are the stage config's.
    expect(runtimeSettings().config.timeZone).toBe(stageConfig.timeZone);
  });
});
