import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../../../shared/http/problem';
import { validate } from '../../../shared/http/validation';
import { loadStageConfig } from '../../../shared/config/load-stage-config';
import { complaintRequestSchema } from '../../../shared/schemas/complaint-request';
import { uploadRequestSchema } from '../../../shared/schemas/upload-request';

const valid = { fileName: '截图 1.png', contentType: 'image/png', size: 2048 };

function errorsOf(schema: Parameters<typeof validate>[0], body: unknown): string[] {
  try {
    validate(schema, body, 'en');
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(HttpProblem);
    return (error as HttpProblem).body.errors!.map((e) => `${e.path}: ${e.code}`);
  }
}

describe('POST /uploads body (spec/api.md)', () => {
  it('accepts a declared file', () => {
    expect(validate(uploadRequestSchema, valid, 'en')).toEqual(valid);
  });

  it.each([
    ['unknown field', { ...valid, bucket: 'x' }, 'bucket: unknown-field'],
    ['no file name', { contentType: 'image/png', size: 1 }, 'fileName: required'],
    ['empty file name', { ...valid, fileName: '' }, 'fileName: too-short'],
    ['file name of 201 code points', { ...valid, fileName: '图'.repeat(201) }, 'fileName: too-long'],
    ['control character in the name', { ...valid, fileName: 'a\u0007.png' }, 'fileName: forbidden-characters'],
    ['lone surrogate in the name', { ...valid, fileName: 'a\ud800.png' }, 'fileName: forbidden-characters'],
    ['type not offered', { ...valid, contentType: 'application/zip' }, 'contentType: not-allowed'],
    ['size 0', { ...valid, size: 0 }, 'size: too-small'],
    ['size over 10 MiB', { ...valid, size: 10_485_761 }, 'size: too-big'],
    ['size not whole', { ...valid, size: 1.5 }, 'size: wrong-type'],
    ['size as text', { ...valid, size: '10' }, 'size: wrong-type'],
  ])('refuses %s', (_name, body, expected) => {
    expect(errorsOf(uploadRequestSchema, body)).toContain(expected);
  });

  it('accepts exactly 200 code points and exactly 10 MiB', () => {
    expect(errorsOf(uploadRequestSchema, { ...valid, fileName: '图'.repeat(200), size: 10_485_760 })).toEqual([]);
  });
});

describe('evidence in POST /complaints: a link or an upload id', () => {
  const schema = complaintRequestSchema(loadStageConfig('local').categories);
  const complaint = {
    kind: 'report',
    category: 'fraud',
    subject: { type: 'url', value: 'https://shop.example.cn' },
    description: 'A shop that takes money and never ships.',
  };
  const uploadId = '0b6f1f5e-8a52-4a8e-9a39-1c3f0c0b7a11';

  it('takes { uploadId } beside { url }', () => {
    expect(errorsOf(schema, { ...complaint, evidence: [{ uploadId }, { url: 'https://a.cn/x' }] })).toEqual([]);
  });

  it.each([
    ['both', { uploadId, url: 'https://a.cn/x' }, 'evidence.0: url-or-upload-id'],
    ['neither', {}, 'evidence.0: url-or-upload-id'],
    ['an id that is not one', { uploadId: '../quarantine/x' }, 'evidence.0.uploadId: invalid-upload-id'],
    ['an unknown field beside the id', { uploadId, size: 1 }, 'evidence.0.size: unknown-field'],
  ])('refuses %s', (_name, item, expected) => {
    expect(errorsOf(schema, { ...complaint, evidence: [item] })).toContain(expected);
  });
});
