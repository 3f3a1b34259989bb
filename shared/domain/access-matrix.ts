/**
 * The staff authorisation matrix (spec/api.md "Staff endpoints in detail", issue 11 item
 * 6): what each kind of caller gets from each staff endpoint and action on each kind of
 * case. It is the promise written down as data, not the code that keeps it: that is
 * staff-access.ts (`maySee`, `contactAccess`), action-permissions.ts (`mayTake`),
 * separation-of-duties.ts and the state rules (`allowedFrom`, the action's own
 * preconditions). test/e2e/staff-authorisation.test.ts calls every cell over HTTP and
 * compares; docs/security.md prints `accessMatrixMarkdown()` (a test keeps the two the same).
 * Flip a cell and the end-to-end test fails; change a rule in the code and it fails too.
 */
import type { StaffActionName } from './action-permissions';

/** Who calls, as the local stage's staff stand to a customer-service case. */
export const matrixCallers = ['handler', 'supervisor', 'admin', 'other-handler'] as const;
export type MatrixCaller = (typeof matrixCallers)[number];

export const callerWords: Readonly<Record<MatrixCaller, string>> = {
  handler: 'a handler of the department',
  supervisor: "the department's supervisor",
  admin: 'admin',
  'other-handler': 'a handler of another department',
};

/** The case, as it stands to the handler column (the supervisor and admin columns see the same case). */
export const caseKinds = ['own', 'colleague', 'queue', 'other-department', 'confidential', 'about-caller'] as const;
export type CaseKind = (typeof caseKinds)[number];

export const caseWords: Readonly<Record<CaseKind, string>> = {
  own: "assigned to the handler",
  colleague: 'assigned to another handler of the department',
  queue: "in the department's queue, unassigned (status `received`)",
  'other-department': "another department's, assigned there",
  confidential: 'assigned to the handler; the complainant asked for confidentiality',
  'about-caller': 'about the caller (its subject is that staff member)',
};

/**
 * What a case needs before an action can succeed at all (else the state answers 409
 * before anyone's role is asked). The queue and about-caller cases stay as they are.
 */
export type CasePreparation = 'as-assigned' | 'extension-pending' | 'reply-pending' | 'appealed' | 'replied';

export const preparationFor: Readonly<Record<StaffActionName, CasePreparation>> = {
  accept: 'as-assigned',
  reject: 'as-assigned',
  'request-supplement': 'as-assigned',
  classify: 'as-assigned',
  assign: 'as-assigned',
  note: 'as-assigned',
  'request-extension': 'as-assigned',
  'decide-extension': 'extension-pending', // requested by the case's assignee
  reply: 'as-assigned',
  'approve-reply': 'reply-pending', // a level-3 reply written by the case's assignee
  review: 'appealed', // replied by the assignee, appealed by the complainant
  close: 'replied',
  'mark-malicious': 'as-assigned',
  'reveal-contact': 'as-assigned',
  refer: 'as-assigned',
  'write-report': 'as-assigned',
  'approve-report': 'as-assigned',
};

/**
 * A cell: an HTTP status; for the work list whether the case is `listed`; for the
 * contact in the case view whether it is `shown` or `hidden` (`contactHidden: true`).
 */
export type MatrixCell = 200 | 201 | 403 | 404 | 409 | 'listed' | 'absent' | 'shown' | 'hidden';
/** Cells in the order of `matrixCallers`. */
type Row = readonly [MatrixCell, MatrixCell, MatrixCell, MatrixCell];

/** The admin endpoints about one case (export and erasure): the case rules of the case view hold there too. */
export type AdminRowName = 'GET /admin/cases/{n}/export' | 'contact in the export' | 'POST /admin/complainants/erase';
export type MatrixRowName = 'GET /staff/cases' | 'GET /staff/cases/{n}' | 'contact in the case view' | StaffActionName | AdminRowName;

const sees = (h: MatrixCell, s: MatrixCell = h, a: MatrixCell = h, o: MatrixCell = 404): Row => [h, s, a, o];
const none: Row = [404, 404, 404, 404];
/** What one row says for each case kind; `about-caller` is always nothing (回避). */
const row = (own: Row, colleague: Row, queue: Row, otherDepartment: Row, confidential: Row = own): Readonly<Record<CaseKind, Row>> => ({
  own,
  colleague,
  queue,
  'other-department': otherDepartment,
  confidential,
  'about-caller': none,
});
/** The usual shape: everyone who sees the case gets `own` (the handler column's answer), supervisor `s`, admin `a`. */
const seen = (h: MatrixCell, s: MatrixCell, a: MatrixCell, queue: Row, confidential?: Row) =>
  row(sees(h, s, a), [404, s, a, 404], queue, [404, 404, a, 404], confidential);
const stateFirst = sees(409);
/** An admin endpoint: everyone else 403 whatever the case; the admin `a`, or 404 on a case about them. */
const adminOnly = (a: MatrixCell): Record<CaseKind, Row> => ({
  ...row([403, 403, a, 403], [403, 403, a, 403], [403, 403, a, 403], [403, 403, a, 403]),
  'about-caller': [403, 403, 404, 403],
});

export const accessMatrix: Readonly<Record<MatrixRowName, Readonly<Record<CaseKind, Row>>>> = {
  'GET /staff/cases': {
    ...row(sees('listed', 'listed', 'listed', 'absent'), ['absent', 'listed', 'listed', 'absent'], sees('listed', 'listed', 'listed', 'absent'), ['absent', 'absent', 'listed', 'absent']),
    'about-caller': ['absent', 'absent', 'absent', 'absent'],
  },
  'GET /staff/cases/{n}': seen(200, 200, 200, sees(200)),
  'contact in the case view': seen('shown', 'shown', 'shown', sees('hidden', 'shown', 'shown'), sees('hidden')),
  // Every case the workflow assigns was accepted at initial review: 受理 and 不予受理 are past.
  accept: seen(409, 409, 409, stateFirst),
  reject: seen(409, 409, 409, stateFirst),
  'request-supplement': seen(200, 200, 200, sees(200)),
  classify: seen(200, 200, 200, sees(200)),
  // To the department's handler li.na: a handler only takes an unassigned case for themselves.
  assign: seen(403, 200, 200, sees(200)),
  note: seen(200, 200, 200, sees(200)),
  'request-extension': seen(200, 403, 403, stateFirst),
  'decide-extension': seen(403, 200, 200, stateFirst),
  reply: seen(200, 200, 200, stateFirst),
  'approve-reply': seen(403, 200, 200, stateFirst),
  review: seen(403, 200, 200, stateFirst),
  close: seen(200, 200, 200, stateFirst),
  'mark-malicious': seen(403, 200, 200, sees(403, 200, 200)),
  // A confidential contact: the assignee and their supervisors reveal it; admin, not handling it, may not.
  'reveal-contact': seen(200, 200, 200, sees(403, 200, 200), sees(200, 200, 403)),
  // 报送有关部门: the assignee, the department's supervisor, admin; not a handler of the queue.
  refer: seen(200, 200, 200, sees(403, 200, 200)),
  // 专题报告: the matrix's cases are general (not hot or major), so whoever may write one gets 409.
  'write-report': seen(409, 409, 409, sees(403, 409, 409)),
  // Nothing to approve on them: 409 for a supervisor, 403 for a handler before the state is asked.
  'approve-report': seen(403, 409, 409, sees(403, 409, 409)),

  // Admins only (403 before any case is read); for them the case view's rules: 回避 is 404, a confidential contact stays hidden.
  'GET /admin/cases/{n}/export': adminOnly(200),
  'contact in the export': { ...adminOnly('shown'), confidential: [403, 403, 'hidden', 403] },
  'POST /admin/complainants/erase': adminOnly(200),
};

/** Staff endpoints about no one case: the status each caller gets. */
export const callerOnlyMatrix: Readonly<Record<'POST /staff/cases' | 'GET /staff/reports/{period}', Row>> = {
  'POST /staff/cases': [201, 201, 201, 201],
  'GET /staff/reports/{period}': [403, 200, 200, 403],
};

const label = (name: MatrixRowName) => (/^(GET |POST |contact)/.test(name) ? name : `\`${name}\``);

/** The matrix as docs/security.md prints it (a test compares the two). Cells: handler / supervisor / admin / other department's handler. */
export function accessMatrixMarkdown(): string {
  const head = `| endpoint or action | ${caseKinds.map((k) => `\`${k}\``).join(' | ')} |`;
  const rule = `|---|${caseKinds.map(() => '---').join('|')}|`;
  const rows = (Object.keys(accessMatrix) as MatrixRowName[]).map((name) => `| ${label(name)} | ${caseKinds.map((k) => accessMatrix[name][k].join(' / ')).join(' | ')} |`);
  const callerRows = Object.entries(callerOnlyMatrix).map(([name, cells]) => `| ${name} | ${cells.join(' / ')} |`);
  return [head, rule, ...rows, '', '| endpoint (about no one case) | handler / supervisor / admin / other department\'s handler |', '|---|---|', ...callerRows].join('\n');
}
