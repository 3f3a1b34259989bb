import type { Language } from '../domain/status';

export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The frame of every mail: plain, readable on a phone, no external resources. */
export const mailLayout = (language: Language, title: string, body: string): string =>
  `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
  `<body style="font-family:system-ui,sans-serif;font-size:16px;line-height:1.6;color:#1f2933;max-width:36em;margin:0 auto;padding:16px">` +
  `${body}</body></html>`;
