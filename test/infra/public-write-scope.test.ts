/**
 * Issue 19 item 12b: the public functions that write (register-case, complainant-action,
 * request-access) held table-wide writes, so a flaw in one of them could write the audit
 * history (`AUDIT#`), the reports, pauses or loads. Their writes are now limited by
 * `dynamodb:LeadingKeys` to the partition-key prefixes they write; the IAM proof
 * (test/handlers/least-privilege.test.ts and every integration test's calls at teardown)
 * evaluates that condition against each recorded call's leading key.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isAllowed, stagePolicies, type StagePolicies } from '../support/iam-proof';

let stage: StagePolicies;
beforeAll(() => {
  stage = stagePolicies('local');
});

const publicWriters = ['register-case', 'complainant-action', 'request-access'] as const;
const outside = ['AUDIT', 'STATS-APPLIED', 'REPORT', 'LOAD', 'SUBMITTER-LIMIT', 'SUPPRESSED', 'CLUSTER', 'DUPLICATE'];
/** complainant-action closes a case on the complainant's "resolved": the one path moves its handler's load (issue 20). */
const alsoWrites: Readonly<Record<(typeof publicWriters)[number], readonly string[]>> = { 'register-case': [], 'complainant-action': ['LOAD'], 'request-access': [] };

describe('issue 19 item 12b: public functions write only the key prefixes they must', () => {
  it.each(publicWriters)('%s cannot put, update or delete an item outside its prefixes (AUDIT#, REPORT#, …)', async (name) => {
    for (const keyPrefix of outside.filter((prefix) => !alsoWrites[name].includes(prefix))) {
      for (const action of ['PutItem', 'UpdateItem', 'DeleteItem']) {
        expect(await isAllowed(stage, name, { action: `dynamodb:${action}`, table: 'table', keyPrefix, sortPrefix: 'X' }), `${name} ${action} ${keyPrefix}#`).toBe(false);
      }
    }
  });

  it.each(publicWriters)('%s can still write a case item and its own rate counter', async (name) => {
    expect(await isAllowed(stage, name, { action: 'dynamodb:UpdateItem', table: 'table', keyPrefix: 'CASE', sortPrefix: 'CASE' })).toBe(true);
    expect(await isAllowed(stage, name, { action: 'dynamodb:UpdateItem', table: 'table', keyPrefix: 'RATE', sortPrefix: 'RATE' })).toBe(true);
  });
});
