/** The single table (architecture.md property 4), shaped by `topology.table`. */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { TopologyShape } from './topology-shape';

export interface CaseTableProps {
  /** Fixed (`complaints-<stage>`, as locally) so a retained table is never silently replaced by an empty one. */
  readonly tableName: string;
  readonly table: TopologyShape['table'];
  readonly removalPolicy: RemovalPolicy;
}

export class CaseTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: CaseTableProps) {
    super(scope, id);
    const decl = props.table;
    const string = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });
    this.table = new dynamodb.Table(this, 'Table', {
      tableName: props.tableName,
      partitionKey: string(decl.partitionKey),
      sortKey: string(decl.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // AWS-owned keys would also encrypt; the AWS-managed key shows up in CloudTrail.
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: decl.ttlAttribute,
      deletionProtection: props.removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy: props.removalPolicy,
    });
    for (const index of decl.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: string(index.partitionKey),
        sortKey: string(index.sortKey),
        projectionType: dynamodb.ProjectionType.INCLUDE,
        nonKeyAttributes: [...index.include],
      });
    }
  }
}
