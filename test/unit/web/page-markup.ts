/** Small readers for rendered pages: the unit tier has no DOM, and these pages are plain HTML. */

/** The opening tag of the element with this id. */
export function tagWithId(page: string, id: string): string {
  const tag = new RegExp(`<[a-z][a-z0-9]*\\b[^>]*\\bid="${id}"[^>]*>`).exec(page)?.[0];
  if (!tag) throw new Error(`no element with id "${id}"`);
  return tag;
}

/** An attribute's raw (still escaped) value; undefined when absent, '' when bare. */
export function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}(?:="([^"]*)")?(?=[\\s>])`).exec(tag);
  return match ? (match[1] ?? '') : undefined;
}

/** The text of the element with this id (one level: for error lines, labels, values). */
export function textOf(page: string, id: string): string {
  const match = new RegExp(`<([a-z][a-z0-9]*)\\b[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(page);
  if (!match) throw new Error(`no element with id "${id}"`);
  return match[2]!.replace(/<[^>]+>/g, '');
}

/** The ids of the `<label for>` elements. */
export const labelTargets = (page: string): string[] => [...page.matchAll(/<label for="([^"]+)"/g)].map((m) => m[1]!);

/** The text of every inline script that runs (not the JSON data block). */
export const inlineScripts = (page: string): string[] =>
  [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);

export const inlineStyles = (page: string): string[] => [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);

/** The page data the script reads. */
export function pageData(page: string): Record<string, unknown> {
  const json = /<script type="application\/json" id="page-data">([\s\S]*?)<\/script>/.exec(page)?.[1];
  if (json === undefined) throw new Error('no page data');
  return JSON.parse(json) as Record<string, unknown>;
}
