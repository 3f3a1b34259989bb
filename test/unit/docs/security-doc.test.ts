import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessMatrixMarkdown } from '../../../shared/domain/access-matrix';
import { dutyTableMarkdown } from '../../../shared/domain/separation-of-duties';

/** The section of a markdown file under `## <title>`, up to the next `## `. */
function section(file: string, title: string): string {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(`\n## ${title}\n`);
  if (start === -1) throw new Error(`${file} has no "## ${title}" section`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end === -1 ? undefined : end);
}

describe('docs/security.md', () => {
  it('prints exactly the separation-of-duties table the domain enforces', () => {
    const doc = section(join(__dirname, '../../../docs/security.md'), 'Separation of duties');
    const tableLines = doc.split('\n').filter((line) => line.startsWith('|'));
    expect(tableLines.join('\n')).toBe(dutyTableMarkdown());
  });

  it('prints exactly the authorisation matrix the end-to-end matrix test is generated from', () => {
    const doc = section(join(__dirname, '../../../docs/security.md'), 'Authorisation matrix');
    const tableLines = (text: string) => text.split('\n').filter((line) => line.startsWith('|'));
    expect(tableLines(doc)).toEqual(tableLines(accessMatrixMarkdown()));
  });
});
