/**
 * Evidence files (证据材料) judged by what they contain, not by what the uploader said.
 * Pure: bytes and numbers in, a verdict out.
 *
 * Why a table of signatures and not a library: `file-type` (the kept library for this) is
 * ESM-only since v17 while our bundles are CommonJS, and it recognises no plain text at all,
 * so text/plain would still need a rule of our own; for five fixed types the table below is
 * the whole of what we need.
 */

export const evidenceContentTypes = ['image/png', 'image/jpeg', 'application/pdf', 'text/plain', 'audio/mpeg'] as const;
export type EvidenceContentType = (typeof evidenceContentTypes)[number];

/** 10 MiB, as spec/api.md allows per file. */
export const maxEvidenceBytes = 10_485_760;

/** How many leading bytes the check reads: the signatures need 8, plain text is judged on these. */
export const sniffBytes = 4096;

const startsWith = (bytes: Uint8Array, signature: readonly number[]): boolean =>
  bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);

/** Magic bytes at offset 0 (the published signatures of each format). */
const signatures: readonly { type: Exclude<EvidenceContentType, 'text/plain'>; matches: (b: Uint8Array) => boolean }[] = [
  { type: 'image/png', matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { type: 'application/pdf', matches: (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]) }, // %PDF-
  {
    type: 'audio/mpeg',
    // An ID3v2 tag, or an MPEG audio frame header: 11 sync bits and a layer that is not "reserved".
    matches: (b) => startsWith(b, [0x49, 0x44, 0x33]) || (b.length >= 2 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0 && (b[1]! & 0x06) !== 0),
  },
];

/**
 * The type the leading bytes show. Plain text is what matches no signature and holds no
 * NUL byte (UTF-8 and GB 18030 text alike never contain one; binaries nearly always do).
 */
export function sniffContentType(head: Uint8Array): EvidenceContentType | undefined {
  const known = signatures.find((signature) => signature.matches(head));
  if (known) return known.type;
  if (head.length > 0 && !head.includes(0)) return 'text/plain';
  return undefined;
}

export type UploadRefusal = 'empty' | 'larger-than-declared' | 'not-fully-read' | 'type-mismatch';

export interface StoredUpload {
  readonly declaredType: EvidenceContentType;
  readonly declaredSize: number;
  /** Size of the stored object as S3 reports it. */
  readonly storedSize: number;
  /** Its first bytes, at most `sniffBytes`. */
  readonly head: Uint8Array;
}

/** Accept a stored upload, or say why not: at most the declared size, of the declared type by content. */
export function judgeUpload(upload: StoredUpload): { accepted: true } | { accepted: false; reason: UploadRefusal } {
  if (upload.storedSize < 1) return { accepted: false, reason: 'empty' };
  if (upload.storedSize > upload.declaredSize || upload.storedSize > maxEvidenceBytes) return { accepted: false, reason: 'larger-than-declared' };
  // The bytes read must be what S3 says it stored (the whole file when it is small).
  if (upload.head.length !== Math.min(upload.storedSize, sniffBytes)) return { accepted: false, reason: 'not-fully-read' };
  if (sniffContentType(upload.head) !== upload.declaredType) return { accepted: false, reason: 'type-mismatch' };
  return { accepted: true };
}
