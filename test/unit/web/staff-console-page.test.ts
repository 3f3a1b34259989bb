import { describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../../shared/config/load-stage-config';
import { allowedFrom } from '../../../shared/domain/action-statuses';
import { actionFields, type FormAction } from '../../../shared/web/console/action-forms';
import { renderStaffConsole } from '../../../shared/web/staff-console-page';
import { attribute, inlineScripts, labelTargets, pageData, tagWithId } from './page-markup';

const config = loadStageConfig('local');
const signIn = { kind: 'local-password', endpoint: 'http://127.0.0.1:9229', clientId: 'client' } as const;
const render = (language: 'zh-CN' | 'en' = 'zh-CN') => renderStaffConsole({ language, signIn, config, now: new Date('2026-11-29T02:00:00Z') });
const staffActions = Object.keys(actionFields) as FormAction[];

describe('staff console page (GET /staff)', () => {
  it('has a form for every staff action of api.md, each control labelled and named as the API field', () => {
    const page = render();
    expect(staffActions.sort()).toEqual(
      ['accept', 'reject', 'request-supplement', 'classify', 'assign', 'note', 'request-extension', 'decide-extension', 'reply', 'approve-reply', 'review', 'close', 'mark-malicious', 'refer', 'write-report', 'approve-report'].sort(),
    );
    const labelled = new Set(labelTargets(page));
    for (const action of staffActions) {
      expect(page, action).toContain(`<form data-action="${action}" novalidate>`);
      for (const field of actionFields[action]) {
        const id = `a-${action}-${field.name}`;
        expect(labelled.has(id), id).toBe(true);
        expect(attribute(tagWithId(page, id), 'name')).toBe(field.name);
      }
    }
    for (const id of ['f-reveal-reason', 'f-status', 'e-channel', 'e-receivedAt', 'e-category', 'e-description', 'e-phone']) expect(labelled.has(id), id).toBe(true);
    // Every `for` names a control that exists: no dangling label.
    for (const id of labelled) expect(() => tagWithId(page, id)).not.toThrow();
  });

  it("gives the script each action's statuses from the domain, and templates for every category in both languages", () => {
    const data = pageData(render('en'));
    expect(data.offers).toEqual(Object.fromEntries(staffActions.map((a) => [a, allowedFrom[a]])));
    expect(data.offset).toBe('+08:00');
    const templates = data.templates as Record<string, Record<string, Record<string, string>>>;
    for (const category of [...config.categories.map((c) => c.id), '*']) {
      for (const language of ['zh-CN', 'en']) {
        const template = templates[category]?.[language];
        expect(Object.keys(template ?? {}).sort(), `${category} ${language}`).toEqual(['basis', 'measures', 'remedies', 'result']);
        expect(template!.result).toContain('{caseNumber}');
        expect(template!.remedies).toMatch(/15/);
      }
    }
  });

  it('runs only its hashed script: no inline handlers, no markup from strings', () => {
    const page = render();
    expect(page).not.toMatch(/\son[a-z]+=/i);
    const [script] = inlineScripts(page);
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    expect(() => new Function(script!)).not.toThrow();
  });
});
