/**
 * Who a contact is, for every count that must not be fooled by spelling (api.md
 * "Addresses are compared without case and without a `+tag`, phone numbers without a
 * leading `+86`/`0086`"): the daily mail cap, the malicious-mark pause, the distinct
 * complainants of a hot cluster and exact duplicates all key on this, hashed.
 * `Zhang.San+shop@Example.COM` and `zhang.san@example.com` reach one inbox, so they are
 * one person; `+86 138-0013-8000`, `0086 13800138000` and `13800138000` are one phone.
 */

/** Lower case, trimmed, without a `+tag` in the local part. */
export function normaliseEmail(address: string): string {
  const text = address.normalize('NFKC').trim().toLowerCase();
  const at = text.lastIndexOf('@');
  if (at <= 0) return text;
  const local = text.slice(0, at);
  const plus = local.indexOf('+');
  // A local part that starts with `+` has no base to fall back to: kept as written.
  return `${plus > 0 ? local.slice(0, plus) : local}@${text.slice(at + 1)}`;
}

/**
 * Digits only, without the mainland's country code (`+86`, `0086`); another country's
 * code is kept, written with `+` (`0044…` and `+44…` are one number).
 */
export function normalisePhone(phone: string): string {
  const compact = phone.normalize('NFKC').replace(/[^\d+]/g, '');
  const international = compact.startsWith('+') ? compact.slice(1) : compact.startsWith('00') ? compact.slice(2) : undefined;
  if (international === undefined) return compact.replace(/\+/g, '');
  const digits = international.replace(/\+/g, '');
  return digits.startsWith('86') ? digits.slice(2) : `+${digits}`;
}

/** The person behind a contact: the email when there is one, else the phone; none when neither. */
export function contactIdentity(contact: { readonly email?: string | undefined; readonly phone?: string | undefined } | undefined): string | undefined {
  if (contact?.email) return `email:${normaliseEmail(contact.email)}`;
  if (contact?.phone) return `phone:${normalisePhone(contact.phone)}`;
  return undefined;
}
