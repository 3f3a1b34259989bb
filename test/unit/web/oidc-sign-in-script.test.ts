import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderOidcSignInScript, scriptModulePath } from '../../../local/console-oidc';

describe('the console OpenID sign-in script', () => {
  it('is the committed build of oidc-sign-in.browser.ts with the installed oauth4webapi (npm run console-oidc)', () => {
    expect(readFileSync(scriptModulePath, 'utf8')).toBe(renderOidcSignInScript());
  });
});
