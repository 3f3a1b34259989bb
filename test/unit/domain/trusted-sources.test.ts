import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assessPriority } from '../../../shared/domain/priority';
import { trustedSourceFor } from '../../../shared/domain/trusted-sources';
import { loadStageConfig } from '../../../shared/config/load-stage-config';

const hash = (key: string) => createHash('sha256').update(key).digest('hex');
const sources = [
  { id: 'cac-12377', kind: 'authority' as const, keySha256: hash('key-of-12377') },
  { id: 'partner', kind: 'partner' as const, keySha256: hash('key-of-partner') },
];

describe('trusted flaggers (DSA Art. 22)', () => {
  it('a key finds its own source only; any other key none', () => {
    expect(trustedSourceFor(sources, 'key-of-12377')?.id).toBe('cac-12377');
    expect(trustedSourceFor(sources, 'key-of-partner')?.id).toBe('partner');
    expect(trustedSourceFor(sources, 'key-of-12377 ')).toBeUndefined();
    expect(trustedSourceFor(sources, '')).toBeUndefined();
    expect(trustedSourceFor([], 'key-of-12377')).toBeUndefined();
  });

  it('a trusted source’s report is at least important, and keeps a higher priority', () => {
    const { priority: rules } = loadStageConfig('local');
    const base = { receivedAt: new Date('2026-12-01T02:00:00Z'), now: new Date('2026-12-01T03:00:00Z'), resolved: false };
    expect(assessPriority(rules, { ...base, facts: { trustedSource: 'cac-12377' } }).priority).toBe('important');
    expect(assessPriority(rules, { ...base, facts: { trustedSource: 'cac-12377', media: 'actual' } }).priority).toBe('major');
    expect(assessPriority(rules, base).priority).toBe('general');
  });
});
