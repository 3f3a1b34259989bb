import { describe, expect, it } from 'vitest';
import { ForbiddenActionError } from '../../../shared/domain/action-errors';
import { directoryAudit } from '../../../shared/domain/audit';
import { overlay, seedDirectory } from '../../../shared/domain/directory';
import { decideChange, DirectoryConflictError, type DirectoryRequest } from '../../../shared/domain/directory-changes';
import { findStaff } from '../../../shared/domain/staff-directory';
import { localConfig } from './fixtures';

/** The local stage's directory as seeded: every entry at version 1. */
const directory = seedDirectory(localConfig);
const caller = (name: string) => findStaff(localConfig, `${name}@example.org`)!;
const decide = (name: string, request: DirectoryRequest) => decideChange(directory, localConfig, caller(name), request);
const handler = (departments: string[], roles: ('handler' | 'supervisor' | 'admin')[] = ['handler']) => ({ email: 'new.one@example.org', name: 'New One', roles, departments, conflicts: [] });

describe('who may change the directory (directory-changes.ts)', () => {
  it('an admin may change anything', () => {
    expect(decide('admin', { entity: 'staff', op: 'create', value: handler(['technology'], ['supervisor']) }).after?.value).toMatchObject({ version: 1, active: true });
    expect(decide('admin', { entity: 'limits', op: 'update', version: 1, limits: { acknowledge: { amount: 2, unit: 'working-days' } } }).after?.value.version).toBe(2);
  });

  it('a supervisor adds a handler to their own department, but grants no role and places nobody elsewhere (403)', () => {
    expect(decide('wang.fang', { entity: 'staff', op: 'create', value: handler(['customer-service']) }).id).toBe('new.one@example.org');
    expect(() => decide('wang.fang', { entity: 'staff', op: 'create', value: handler(['customer-service'], ['handler', 'supervisor']) })).toThrow(ForbiddenActionError);
    expect(() => decide('wang.fang', { entity: 'staff', op: 'create', value: handler(['technology']) })).toThrow(ForbiddenActionError);
  });

  it("a supervisor changes their department's staff, not another department's, and grants no role", () => {
    expect(decide('wang.fang', { entity: 'staff', op: 'update', id: 'li.na@example.org', version: 1, patch: { active: false } }).after?.value).toMatchObject({ active: false, version: 2 });
    expect(() => decide('wang.fang', { entity: 'staff', op: 'update', id: 'liu.yang@example.org', version: 1, patch: { name: 'x' } })).toThrow(ForbiddenActionError);
    expect(() => decide('wang.fang', { entity: 'staff', op: 'update', id: 'li.na@example.org', version: 1, patch: { roles: ['handler', 'admin'] } })).toThrow(ForbiddenActionError);
  });

  it('absences: the member themself, a supervisor of their department, an admin; nobody else', () => {
    const absence = (email: string): DirectoryRequest => ({ entity: 'absence', op: 'create', id: 'a1', value: { email, from: '2026-12-01', to: '2026-12-02' } });
    expect(decide('li.na', absence('li.na@example.org')).after?.value).toMatchObject({ email: 'li.na@example.org', version: 1 });
    expect(decide('wang.fang', absence('li.na@example.org')).id).toBe('a1');
    expect(() => decide('zhao.lei', absence('li.na@example.org'))).toThrow(ForbiddenActionError);
    expect(() => decide('chen.jie', absence('li.na@example.org'))).toThrow(ForbiddenActionError);
  });

  it('departments, categories, calendar and limits are for admins only', () => {
    expect(() => decide('wang.fang', { entity: 'category', op: 'update', id: 'fraud', version: 1, patch: { department: 'technology' } })).toThrow(ForbiddenActionError);
  });

  it('a stale version or a taken id is a conflict', () => {
    expect(() => decide('admin', { entity: 'category', op: 'update', id: 'fraud', version: 2, patch: { department: 'technology' } })).toThrow(DirectoryConflictError);
    expect(() => decide('admin', { entity: 'staff', op: 'create', value: { ...handler(['technology']), email: 'LI.NA@example.org' } })).toThrow(DirectoryConflictError);
  });
});

describe('the directory overlaid on the stage config', () => {
  it('as seeded, it is the stage config', () => {
    expect(overlay(localConfig, directory)).toEqual(localConfig);
  });
});

describe('the audit record of a change', () => {
  it('names a staff member by pseudonym, lists changed fields, keeps no name, address or conflict text', () => {
    const change = decide('admin', { entity: 'staff', op: 'update', id: 'li.na@example.org', version: 1, patch: { name: '李娜 Li Na (new)', departments: ['technology'] } });
    const record = directoryAudit(change, (email) => `staff:${email.length}`);
    expect(record).toMatchObject({ entity: 'staff', entry: 'staff:17', fields: ['departments', 'name'], after: { departments: ['technology'], email: 'staff:17', version: 2 } });
    expect(JSON.stringify(record)).not.toMatch(/li\.na|李娜/);
  });
});
