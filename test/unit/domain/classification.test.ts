import { describe, expect, it } from 'vitest';
import { categoryDefaults, levelFor, UnknownCategoryError } from '../../../shared/domain/classification';
import { localConfig } from './fixtures';

describe('category defaults (spec/api.md categories, local stage)', () => {
  it.each([
    ['functional-fault', 'complaint', 2, 'technology', false],
    ['service-quality', 'complaint', 1, 'customer-service', false],
    ['information-error', 'complaint', 1, 'customer-service', false],
    ['privacy', 'complaint', 2, 'compliance', true],
    ['icp-filing', 'complaint', 2, 'compliance', false],
    ['fraud', 'report', 3, 'content-security', true],
    ['fraud', 'complaint', 2, 'content-security', true],
    ['harassment', 'report', 2, 'content-security', false],
    ['illegal-content', 'report', 3, 'content-security', true],
    ['platform-violation', 'complaint', 2, 'compliance', false],
    ['other', 'complaint', 1, 'customer-service', false],
  ] as const)('%s as %s → level %i, %s, security %s', (category, kind, level, department, security) => {
    expect(categoryDefaults(localConfig, category, kind)).toMatchObject({ level, department, security });
  });

  it('a report is always of type report; a complaint takes the category type', () => {
    expect(categoryDefaults(localConfig, 'fraud', 'report').type).toBe('report');
    expect(categoryDefaults(localConfig, 'fraud', 'complaint').type).toBe('complaint');
    expect(categoryDefaults(localConfig, 'other', 'complaint').type).toBe('inquiry');
  });

  it('an unknown category, or one not valid for the kind, is an error', () => {
    expect(() => categoryDefaults(localConfig, 'nope', 'complaint')).toThrow(UnknownCategoryError);
    expect(() => categoryDefaults(localConfig, 'illegal-content', 'complaint')).toThrow('does not exist for kind "complaint"');
  });
});

describe('level rules (domain.md level table)', () => {
  it.each([
    [1, {}, 1],
    [1, { severalDepartments: true }, 2],
    [2, { severalDepartments: true }, 2],
    [1, { securityRisk: true }, 3],
    [2, { manyUsers: true }, 3],
    [3, {}, 3],
  ] as const)('default %i with %o → %i', (level, facts, expected) => {
    expect(levelFor(level, facts)).toBe(expected);
  });
});
