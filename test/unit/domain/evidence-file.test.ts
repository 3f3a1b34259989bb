import { describe, expect, it } from 'vitest';
import { judgeUpload, sniffBytes, sniffContentType } from '../../../shared/domain/evidence-file';

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (value: string) => new TextEncoder().encode(value);

/** The first bytes of real files of each type. */
const samples = {
  'image/png': bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52),
  'image/jpeg': bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00),
  'application/pdf': text('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj'),
  'audio/mpeg': bytes(0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x23),
  'text/plain': text('订单页面显示的价格有误。\r\nThe price is wrong.\n'),
} as const;

describe('sniffContentType (magic bytes)', () => {
  it.each(Object.entries(samples))('recognises %s by its first bytes', (type, head) => {
    expect(sniffContentType(head)).toBe(type);
  });

  it('recognises an MP3 without an ID3 tag by its frame header (MPEG-1 layer III)', () => {
    expect(sniffContentType(bytes(0xff, 0xfb, 0x90, 0x64, 0x00))).toBe('audio/mpeg');
  });

  it('takes GB 18030 text for text (no NUL byte)', () => {
    expect(sniffContentType(bytes(0xb6, 0xa9, 0xb5, 0xa5, 0x0a))).toBe('text/plain');
  });

  it('knows nothing of other binaries or of an empty head', () => {
    expect(sniffContentType(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00))).toBe(undefined); // a ZIP
    expect(sniffContentType(bytes(0x4d, 0x5a, 0x90, 0x00))).toBe(undefined); // a Windows executable
    expect(sniffContentType(new Uint8Array())).toBe(undefined);
  });
});

describe('judgeUpload', () => {
  const png = samples['image/png'];

  it('accepts a file of the declared type at most the declared size', () => {
    expect(judgeUpload({ declaredType: 'image/png', declaredSize: 100, storedSize: png.length, head: png })).toEqual({ accepted: true });
  });

  it('refuses a file larger than declared', () => {
    expect(judgeUpload({ declaredType: 'image/png', declaredSize: 10, storedSize: png.length, head: png })).toEqual({ accepted: false, reason: 'larger-than-declared' });
  });

  it('refuses a PNG declared as a PDF, and a PDF declared as text', () => {
    expect(judgeUpload({ declaredType: 'application/pdf', declaredSize: 100, storedSize: png.length, head: png })).toEqual({ accepted: false, reason: 'type-mismatch' });
    const pdf = samples['application/pdf'];
    expect(judgeUpload({ declaredType: 'text/plain', declaredSize: 100, storedSize: pdf.length, head: pdf })).toEqual({ accepted: false, reason: 'type-mismatch' });
  });

  it('refuses an empty file, and bytes read that are not what S3 says it stored', () => {
    expect(judgeUpload({ declaredType: 'text/plain', declaredSize: 10, storedSize: 0, head: new Uint8Array() })).toEqual({ accepted: false, reason: 'empty' });
    expect(judgeUpload({ declaredType: 'image/png', declaredSize: 100, storedSize: png.length + 1, head: png })).toEqual({ accepted: false, reason: 'not-fully-read' });
    const big = new Uint8Array(sniffBytes).fill(0x41);
    expect(judgeUpload({ declaredType: 'text/plain', declaredSize: 1_000_000, storedSize: 500_000, head: big })).toEqual({ accepted: true });
  });
});
