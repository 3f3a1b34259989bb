/**
 * Why an action was refused, as types the HTTP edge maps once: not allowed in the
 * case's current state → 409, not allowed for this actor → 403 (spec/api.md "Errors").
 * Messages name the action and the rule, never personal data.
 */
import type { CaseStatus } from './status';

export class ActionNotAllowedError extends Error {
  readonly status = 409;
  constructor(
    readonly action: string,
    readonly caseStatus: CaseStatus,
    /** A short machine-readable reason, e.g. `status`, `appeal-window-over`, `recusal`. */
    readonly reason: string,
    message?: string,
  ) {
    super(message ?? `Action "${action}" is not allowed while the case is ${caseStatus} (${reason})`);
    this.name = 'ActionNotAllowedError';
  }
}

export class ForbiddenActionError extends Error {
  readonly status = 403;
  constructor(
    readonly action: string,
    readonly reason: string,
    message?: string,
  ) {
    super(message ?? `Not allowed to ${action} this case (${reason})`);
    this.name = 'ForbiddenActionError';
  }
}
