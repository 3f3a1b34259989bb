/**
 * The "who may touch what" table of docs/security.md, read from the role policies of the
 * synthesised template (not from the topology), so the document says what deploys.
 * test/infra/iam-policies.test.ts compares it with the document's table.
 */
import { queuePrefix } from '../../local/resource-names';
import type { StagePolicies } from './iam-proof';

export const accessTableColumns = ['Function', 'Reads', 'Writes', 'Sends to', 'Mail', 'Evidence files', 'Hash secret', 'Staff accounts'] as const;

/** One row per function: its non-log grants, in words. */
export function accessRows(stage: StagePolicies): string[][] {
  return [...stage.functions.values()].map((fn) => {
    const reads = new Set<string>();
    const writes: string[] = [];
    const queues = new Set<string>();
    const mail: string[] = [];
    const evidence: string[] = [];
    const secrets: string[] = [];
    const accounts: string[] = [];
    for (const statement of fn.statements) {
      const actions = [statement.Action].flat();
      const resources = [statement.Resource].flat();
      const dynamodb = actions.filter((a) => a.startsWith('dynamodb:')).map((a) => a.slice('dynamodb:'.length));
      const keys = statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] as string[] | undefined;
      if (dynamodb.some((a) => a === 'Query' || a.startsWith('Get'))) {
        reads.add(resources.some((r) => r.includes('/index/')) ? 'table and indexes' : 'table');
      } else if (dynamodb.length > 0) {
        writes.push(`${dynamodb.join(', ')}${keys ? ` (only items with pk ${keys.map((k) => `\`${k}\``).join(', ')})` : ''}`);
      }
      if (actions.includes('sqs:SendMessage')) for (const arn of resources) queues.add(arn.split(':').pop()!.slice(queuePrefix(stage.stage).length));
      const objects = actions.filter((a) => a.startsWith('s3:')).map((a) => a.slice('s3:'.length));
      // Object ARNs end `<bucket>/<prefix>*`; the bucket's own ARN has no `/`.
      if (objects.length > 0) evidence.push(`${objects.join(', ')} ${resources.map((r) => (r.includes('/') ? `\`${r.slice(r.indexOf('/') + 1)}\`` : 'the bucket')).join(', ')}`);
      // The keyed hashes' secret (its own column) apart from an SMTP stage's mail credentials (the Mail column), resource by resource: CDK merges statements of one action.
      const hashSecret = resources.some((r) => r.includes('-hash-secret'));
      if (hashSecret) for (const action of actions.filter((a) => a.startsWith('secretsmanager:'))) secrets.push(action.slice('secretsmanager:'.length));
      if (actions.includes('ses:SendEmail')) mail.push(`from ${String(Object.values(statement.Condition?.StringEquals ?? {})[0] ?? 'any address')}`);
      // An SMTP stage: the provider's credentials, by the secret's name (the ARN's `-??????` is Secrets Manager's suffix).
      const mailSecrets = resources.filter((r) => !r.includes('-hash-secret'));
      const pool = actions.filter((a) => a.startsWith('cognito-idp:')).map((a) => a.slice('cognito-idp:'.length));
      if (pool.length > 0) accounts.push(`${pool.join(', ')} ${resources.every((r) => r.includes(':userpool/')) ? "the stage's user pool" : resources.join(', ')}`);
      if (mailSecrets.length > 0 && actions.includes('secretsmanager:GetSecretValue')) mail.push(`reads the secret ${mailSecrets.map((r) => `\`${r.split(':secret:')[1]}\``).join(', ')}`);
    }
    const list = (items: Iterable<string>) => [...items].join('; ') || '-';
    return [`\`${fn.name}\``, list(reads), list(writes), list(queues), list(mail), list(evidence), list(secrets), list(accounts)];
  });
}

export const markdownRow = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
