import { describe, expect, it } from 'vitest';
import { duplicateFingerprint, normaliseAccount, normaliseIcpFiling, normaliseUrl, subjectKey } from '../../../shared/domain/subject-key';

describe('URLs', () => {
  it.each([
    ['https://www.Shop.Example.cn/orders/', 'shop.example.cn/orders'],
    ['HTTP://WWW.SHOP.EXAMPLE.CN/orders#top', 'shop.example.cn/orders'],
    ['shop.example.cn/orders?utm_source=wx&spm=a.b&id=7', 'shop.example.cn/orders?id=7'],
    ['https://shop.example.cn/orders?b=2&a=1&fbclid=x', 'shop.example.cn/orders?a=1&b=2'],
    ['https://shop.example.cn:443/', 'shop.example.cn'],
    ['http://shop.example.cn:8080/x', 'shop.example.cn:8080/x'],
    ['  ｈｔｔｐｓ://shop.example.cn/a  ', 'shop.example.cn/a'], // full-width, as typed on a Chinese keyboard
  ])('%s → %s', (input, canonical) => {
    expect(normaliseUrl(input)).toBe(canonical);
  });

  it('keeps what tells pages apart: path case and real parameters', () => {
    expect(normaliseUrl('https://shop.example.cn/Orders')).not.toBe(normaliseUrl('https://shop.example.cn/orders'));
    expect(normaliseUrl('https://shop.example.cn/item?id=1')).not.toBe(normaliseUrl('https://shop.example.cn/item?id=2'));
  });
});

describe('ICP filing numbers', () => {
  it.each([
    ['京ICP备12345678号-1', '京ICP备12345678号-1'],
    ['京icp备12345678号-1', '京ICP备12345678号-1'],
    [' 京ICP备 12345678 号 －1 ', '京ICP备12345678号-1'], // full-width hyphen, spaces
    ['京ICP备12345678-1号', '京ICP备12345678号-1'],
    ['京ICP备12345678号', '京ICP备12345678号'],
    ['京ICP备12345678', '京ICP备12345678号'],
    ['沪ICP证123456号', '沪ICP证123456号'],
  ])('%s → %s', (input, canonical) => {
    expect(normaliseIcpFiling(input)).toBe(canonical);
  });
});

describe('accounts and subject keys', () => {
  it('trims, lower-cases and drops the @', () => {
    expect(normaliseAccount('  @ZhangSan ')).toBe('zhangsan');
    expect(subjectKey({ type: 'account', value: '@ZhangSan' })).toBe(subjectKey({ type: 'account', value: 'zhangsan' }));
  });

  it('never mixes subject types', () => {
    expect(subjectKey({ type: 'account', value: 'shop.example.cn' })).not.toBe(subjectKey({ type: 'url', value: 'shop.example.cn' }));
  });
});

describe('exact-duplicate fingerprint', () => {
  const base = {
    kind: 'complaint' as const,
    category: 'service-quality',
    subject: { type: 'url' as const, value: 'https://www.shop.example.cn/orders/' },
    description: '订单  已付款但未发货。',
    complainantKey: 'c1',
  };

  it('is the same for the same thing written differently', () => {
    expect(duplicateFingerprint({ ...base, subject: { type: 'url', value: 'shop.example.cn/orders' }, description: ' 订单 已付款但未发货。' })).toBe(duplicateFingerprint(base));
  });

  it.each([
    ['another complainant', { complainantKey: 'c2' }],
    ['another category', { category: 'other' }],
    ['another kind', { kind: 'report' as const }],
    ['another description', { description: '订单未发货' }],
  ])('differs for %s', (_, change) => {
    expect(duplicateFingerprint({ ...base, ...change })).not.toBe(duplicateFingerprint(base));
  });
});
