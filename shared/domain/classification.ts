/**
 * 分类定性 classification: the defaults a category gives a new case (type, level,
 * department, security flag) and the level rules of domain.md "Levels and time
 * limits". Staff may override any of it with the `classify` action.
 */
import type { StageConfig } from '../config/stage-config';
import type { CaseKind, CaseLevel, CaseType } from './status';

export type Category = StageConfig['categories'][number];

export interface Classification {
  readonly type: CaseType;
  readonly level: CaseLevel;
  readonly department: string;
  /** Security or harmful-content case: alerts on-call at once, level 3 makes it major. */
  readonly security: boolean;
}

export class UnknownCategoryError extends Error {
  constructor(readonly category: string, readonly kind: CaseKind) {
    super(`Category "${category}" does not exist for kind "${kind}"`);
    this.name = 'UnknownCategoryError';
  }
}

export function findCategory(config: Pick<StageConfig, 'categories'>, id: string): Category | undefined {
  return config.categories.find((c) => c.id === id);
}

/**
 * The category's defaults for a kind. A report's type is always 举报 report; a
 * complaint takes the category's default type unless that is `report`.
 * Local stage examples: fraud → level 3 for reports, 2 for complaints; illegal-content → 3.
 */
export function categoryDefaults(config: Pick<StageConfig, 'categories'>, categoryId: string, kind: CaseKind): Classification {
  const category = findCategory(config, categoryId);
  const level = category?.kinds.includes(kind) ? category.level[kind] : undefined;
  if (!category || level === undefined) throw new UnknownCategoryError(categoryId, kind);
  const type: CaseType = kind === 'report' ? 'report' : category.defaultType === 'report' ? 'complaint' : category.defaultType;
  return { type, level, department: category.department, security: category.security };
}

/** What staff found out that the level rules read (domain.md level table). */
export interface LevelFacts {
  /** 重大系统漏洞 / 隐私或安全风险: a serious vulnerability, privacy or security risk. */
  readonly securityRisk?: boolean;
  /** 大量用户集中投诉: many users affected at once. */
  readonly manyUsers?: boolean;
  /** 需跨部门协作: needs several departments. */
  readonly severalDepartments?: boolean;
}

/**
 * The level: the category default, raised to 3 for a security/privacy risk or many
 * users at once, to at least 2 when several departments must work together. The
 * rules only raise: lowering is a deliberate staff decision (`classify` with a level).
 */
export function levelFor(defaultLevel: CaseLevel, facts: LevelFacts = {}): CaseLevel {
  if (facts.securityRisk || facts.manyUsers) return 3;
  if (facts.severalDepartments) return Math.max(defaultLevel, 2) as CaseLevel;
  return defaultLevel;
}
