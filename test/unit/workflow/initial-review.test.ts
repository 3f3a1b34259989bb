import { describe, expect, it } from 'vitest';
import { missingMaterial, outOfScopeHost, reviewCase, type ReviewInput } from '../../../shared/domain/initial-review';
import { localConfig } from '../domain/fixtures';

const input = (overrides: Partial<ReviewInput> = {}): ReviewInput => ({
  kind: 'complaint',
  category: 'service-quality',
  subject: { type: 'url', value: 'https://shop.example.cn/orders' },
  description: '订单页面显示的价格与结算价格不一致',
  evidenceCount: 0,
  hasContact: true,
  ...overrides,
});

const scoped = { ...localConfig, review: { ...localConfig.review, scopeHosts: ['example.cn'] } };

describe('初步审核 initial review', () => {
  it('accepts a complete complaint about a host in scope (subdomains included)', () => {
    expect(reviewCase(scoped, input())).toEqual({ outcome: 'accepted' });
    expect(outOfScopeHost(['example.cn'], { type: 'url', value: 'shop.EXAMPLE.cn/a' })).toBeUndefined();
  });

  it('with no scope hosts configured, every host is in scope', () => {
    expect(reviewCase(localConfig, input({ subject: { type: 'url', value: 'https://anywhere.example.net' } }))).toEqual({ outcome: 'accepted' });
  });

  it('rejects a URL on another host with the reason and where to go instead, by category (seed 002)', () => {
    const harmful = reviewCase(scoped, input({ kind: 'report', category: 'illegal-content', subject: { type: 'url', value: 'https://bad.example.net/x' }, evidenceCount: 1 }));
    expect(harmful).toMatchObject({ outcome: 'rejected', reason: 'out-of-scope-host', host: 'bad.example.net', elsewhere: { url: 'https://www.12377.cn' } });
    const fraud = reviewCase(scoped, input({ kind: 'report', category: 'fraud', subject: { type: 'url', value: 'https://phish.example.net' }, evidenceCount: 1 }));
    expect(fraud).toMatchObject({ outcome: 'rejected', elsewhere: { url: 'https://www.12321.cn' } });
    // Not a URL subject: scope is for staff to judge.
    expect(reviewCase(scoped, input({ subject: { type: 'account', value: 'someone' } }))).toEqual({ outcome: 'accepted' });
  });

  it('asks once for everything missing that the category requires', () => {
    const config = {
      ...localConfig,
      review: { ...localConfig.review, requirements: [{ category: 'fraud', kinds: ['report' as const], needs: ['evidence' as const, 'subject-url' as const, 'request' as const] }] },
    };
    const report = input({ kind: 'report', category: 'fraud', subject: { type: 'account', value: 'x' } });
    expect(reviewCase(config, report)).toEqual({ outcome: 'needs-supplement', missing: ['evidence', 'subject-url', 'request'] });
    expect(missingMaterial(config, { ...report, evidenceCount: 2, request: '请处理' })).toEqual(['subject-url']);
    // The requirement is per kind: a fraud complaint is not held to it.
    expect(reviewCase(config, { ...report, kind: 'complaint' })).toEqual({ outcome: 'accepted' });
  });

  it('answers a simple inquiry from the FAQ and leaves other questions to staff', () => {
    expect(reviewCase(localConfig, input({ category: 'other', description: '请问你们的人工服务时间？' }))).toMatchObject({ outcome: 'answered', faqId: 'service-hours' });
    expect(reviewCase(localConfig, input({ category: 'other', description: 'What are your Opening Hours please?' }))).toMatchObject({ outcome: 'answered' });
    expect(reviewCase(localConfig, input({ category: 'other', description: '我的账户被盗了怎么办' }))).toEqual({ outcome: 'accepted' });
    // A complaint category is never "answered", keyword or not.
    expect(reviewCase(localConfig, input({ description: '服务时间内没人接电话' }))).toEqual({ outcome: 'accepted' });
  });
});
