/**
 * 初步审核 initial review (domain.md workflow step 3), pure: in scope or not, complete or
 * not, a simple inquiry that can be answered at once, or accepted for classification.
 * The rules are stage configuration (`review`): scope hosts, where to go instead,
 * per-category requirements, FAQ answers.
 */
import type { StageConfig } from '../config/stage-config';
import type { CaseKind, SubjectType } from './status';

export type ReviewConfig = Pick<StageConfig, 'review' | 'categories'>;
export type Requirement = StageConfig['review']['requirements'][number]['needs'][number];
export type BilingualText = { readonly 'zh-CN': string; readonly en: string };

/** What review reads of a case: no personal data, only whether a contact exists. */
export interface ReviewInput {
  readonly kind: CaseKind;
  readonly category: string;
  readonly subject: { readonly type: SubjectType | string; readonly value: string };
  readonly description: string;
  readonly request?: string;
  readonly evidenceCount: number;
  readonly hasContact: boolean;
}

export type ReviewDecision =
  | { readonly outcome: 'accepted' }
  /** 不予受理: out of scope, with the reason and where to go instead. */
  | { readonly outcome: 'rejected'; readonly reason: 'out-of-scope-host'; readonly host: string; readonly elsewhere: { readonly name: BilingualText; readonly url: string } }
  /** 补正: one request listing everything missing. */
  | { readonly outcome: 'needs-supplement'; readonly missing: readonly Requirement[] }
  /** 咨询 answered at once and closed. */
  | { readonly outcome: 'answered'; readonly faqId: string; readonly answer: BilingualText };

export function reviewCase(config: ReviewConfig, input: ReviewInput): ReviewDecision {
  const host = outOfScopeHost(config.review.scopeHosts, input.subject);
  if (host !== undefined) return { outcome: 'rejected', reason: 'out-of-scope-host', host, elsewhere: guidanceFor(config, input.category) };

  const missing = missingMaterial(config, input);
  if (missing.length > 0) return { outcome: 'needs-supplement', missing };

  const category = config.categories.find((c) => c.id === input.category);
  if (category?.defaultType === 'inquiry' && input.kind === 'complaint') {
    const text = `${input.description}\n${input.request ?? ''}`.toLowerCase();
    const faq = config.review.faq.find((f) => f.keywords.some((k) => text.includes(k.toLowerCase())));
    if (faq) return { outcome: 'answered', faqId: faq.id, answer: faq.answer };
  }
  return { outcome: 'accepted' };
}

/** The subject's host when it is a URL on a host the operator does not answer for. */
export function outOfScopeHost(scopeHosts: readonly string[], subject: ReviewInput['subject']): string | undefined {
  if (scopeHosts.length === 0 || subject.type !== 'url') return undefined;
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(subject.value) ? subject.value : `http://${subject.value}`).hostname.toLowerCase();
  } catch {
    return undefined; // not a URL we can read: staff decide
  }
  const ours = scopeHosts.some((h) => host === h.toLowerCase() || host.endsWith(`.${h.toLowerCase()}`));
  return ours ? undefined : host;
}

/** Every requirement of the category not met, in config order (asked for once, all together). */
export function missingMaterial(config: ReviewConfig, input: ReviewInput): Requirement[] {
  const met: Record<Requirement, boolean> = {
    evidence: input.evidenceCount > 0,
    'subject-url': input.subject.type === 'url',
    request: Boolean(input.request?.trim()),
    contact: input.hasContact,
  };
  const needs = config.review.requirements
    .filter((r) => r.category === input.category && r.kinds.includes(input.kind))
    .flatMap((r) => r.needs);
  return [...new Set(needs)].filter((need) => !met[need]);
}

export function guidanceFor(config: ReviewConfig, category: string): { name: BilingualText; url: string } {
  const entries = config.review.elsewhere;
  const match = entries.find((e) => e.categories.includes(category)) ?? entries.find((e) => e.categories.length === 0) ?? entries[0];
  return match ? { name: match.name, url: match.url } : { name: { 'zh-CN': '12377.cn', en: '12377.cn' }, url: 'https://www.12377.cn' };
}
