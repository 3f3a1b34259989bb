import { describe, expect, it } from 'vitest';
import { contactIdentity, normaliseEmail, normalisePhone } from '../../../shared/domain/contact-key';

// issue 19 item 5: contact keys normalised (case, +tag, phone country code).
describe('contact keys: one person however the contact is spelled (issue 19 item 5)', () => {
  it('an address is compared without case and without a +tag', () => {
    for (const spelled of ['zhang.san@example.com', 'Zhang.San@Example.COM', ' zhang.san+shop@example.com ', 'ZHANG.SAN+a+b@EXAMPLE.com']) {
      expect(normaliseEmail(spelled)).toBe('zhang.san@example.com');
    }
  });

  it('keeps what the +tag rule cannot shorten, and other people apart', () => {
    expect(normaliseEmail('+only@example.com')).toBe('+only@example.com');
    expect(normaliseEmail('zhang.san@example.com')).not.toBe(normaliseEmail('zhang.san@example.cn'));
    expect(normaliseEmail('zhangsan@example.com')).not.toBe(normaliseEmail('zhang.san@example.com'));
  });

  it('a phone is compared without a leading +86 or 0086, spaces or dashes', () => {
    for (const spelled of ['13800138000', '+86 138 0013 8000', '+8613800138000', '0086-138-0013-8000', '138 0013 8000', '+86-13800138000']) {
      expect(normalisePhone(spelled)).toBe('13800138000');
    }
  });

  it("keeps another country's code, however it is written", () => {
    expect(normalisePhone('+44 20 7946 0000')).toBe('+442079460000');
    expect(normalisePhone('0044 20 7946 0000')).toBe('+442079460000');
    expect(normalisePhone('+44 20 7946 0000')).not.toBe(normalisePhone('2079460000'));
  });

  it('the identity is the email when there is one, else the phone', () => {
    expect(contactIdentity({ email: 'A+x@B.cn', phone: '+86 138 0013 8000' })).toBe('email:a@b.cn');
    expect(contactIdentity({ phone: '0086 138 0013 8000' })).toBe('phone:13800138000');
    expect(contactIdentity({})).toBeUndefined();
    expect(contactIdentity(undefined)).toBeUndefined();
  });
});
