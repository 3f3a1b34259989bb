import { describe, expect, it } from 'vitest';
import { deadlineNames } from '../../../shared/domain/limits';
import { adminScript } from '../../../shared/web/admin/script';
import { adminEn, adminZh } from '../../../shared/web/admin/strings';
import { renderAdminConsole } from '../../../shared/web/admin-console-page';
import { attribute, inlineScripts, labelTargets, pageData, tagWithId } from './page-markup';

const render = (language: 'zh-CN' | 'en' = 'zh-CN') => renderAdminConsole({ language, config: { timeZone: 'Asia/Shanghai' } });

describe('administration page (GET /staff-admin)', () => {
  it('labels every control, the forms named as the /admin API fields', () => {
    const page = render();
    const labelled = new Set(labelTargets(page));
    for (const [id, name] of [['ab-email', 'email'], ['ab-from', 'from'], ['ab-to', 'to'], ['ab-reason', 'reason'], ['s-email', 'email'], ['s-name', 'name'], ['s-supervisor', 'supervisor'], ['s-roles-handler', 'roles'], ['s-roles-admin', 'roles'], ['s-active', 'active'], ['c-date', 'date'], ['c-kind', 'kind'], ['c-name', 'name'], ['c-year', 'year']] as const) {
      expect(labelled.has(id), id).toBe(true);
      expect(attribute(tagWithId(page, id), 'name'), id).toBe(name);
    }
    for (const name of deadlineNames) for (const part of ['amount', 'unit']) expect(labelled.has(`l-${name}-${part}`), `${name} ${part}`).toBe(true);
    for (const id of labelled) expect(() => tagWithId(page, id)).not.toThrow();
  });

  it('gives its script the words of its language only, every admin word in both', () => {
    expect(Object.keys(adminEn).sort()).toEqual(Object.keys(adminZh).sort());
    const strings = pageData(render('en')).strings as Record<string, string>;
    expect(strings['admin.conflict']).toBe(adminEn['admin.conflict']);
    expect(strings['staff.role.supervisor']).toBe('Supervisor');
    expect(Object.keys(strings).some((key) => key.startsWith('staff.case.'))).toBe(false);
  });

  it('runs only its hashed script: no inline handlers, no markup from strings', () => {
    const page = render();
    expect(page).not.toMatch(/\son[a-z]+=/i);
    const [script] = inlineScripts(page);
    expect(script).toBe(adminScript);
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    expect(() => new Function(script!)).not.toThrow();
  });
});
