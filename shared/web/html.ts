/**
 * A tagged template that escapes every interpolated value, so user input echoed
 * back on the no-JavaScript error page and names from stage config cannot inject
 * markup. Only values already built by `html` (or `trusted`) pass through as markup.
 */
export interface Html {
  readonly markup: string;
}

export type Content = Html | string | number | boolean | null | undefined | readonly Content[];

const entities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => entities[char] ?? char);
}

function render(value: Content): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'object') return (value as Html).markup;
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: readonly Content[]): Html {
  let markup = strings[0] ?? '';
  values.forEach((value, i) => {
    markup += render(value) + (strings[i + 1] ?? '');
  });
  return { markup };
}

/** For text the code itself produced and that is markup on purpose (the inline script, style, JSON). */
export function trusted(markup: string): Html {
  return { markup };
}

/** JSON safe inside `<script type="application/json">`: nothing can close the element. */
export function jsonForScript(value: unknown): Html {
  return trusted(
    JSON.stringify(value)
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e')
      .replace(/&/g, '\\u0026'),
  );
}

/**
 * Attributes from a record, each value escaped: `true` is a bare attribute, `false`
 * and `undefined` leave it out. For the many optional ARIA and state attributes.
 */
export function attributes(list: Readonly<Record<string, string | number | boolean | undefined>>): Html {
  const markup = Object.entries(list)
    .map(([name, value]) => {
      if (value === undefined || value === false) return '';
      return value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`;
    })
    .join('');
  return trusted(markup);
}

/** Space-separated ids for `aria-describedby`; undefined when there are none. */
export function idList(...ids: readonly (string | false | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => Boolean(id));
  return present.length > 0 ? present.join(' ') : undefined;
}
