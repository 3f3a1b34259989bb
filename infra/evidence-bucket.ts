/**
 * The evidence-file bucket (证据材料): private, encrypted, TLS only, uploads only through
 * presigned POSTs from the public form's origin, quarantined uploads expiring on their own.
 * Its access log goes to a second bucket, so every staff download leaves a trace.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { EvidenceGrant } from '../shared/topology';

export interface EvidenceBucketProps {
  /** `topology.evidenceBucket`. */
  readonly layout: { readonly quarantinePrefix: string; readonly acceptedPrefix: string; readonly unreferencedDays: number };
  /** The public form's origin (the stage's publicBaseUrl): the only origin that may POST uploads. */
  readonly formOrigin: string;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * How long the access log is kept. Each line holds the client's IP address and the upload
 * id of every uploader's POST and every download, and an erasure cannot reach it: it is
 * kept only as long as a trace of downloads is needed to look into an incident
 * (docs/security.md "S3 access logs").
 */
export const accessLogDays = 30;

export class EvidenceBucket extends Construct {
  readonly bucket: s3.Bucket;
  private readonly layout: EvidenceBucketProps['layout'];

  constructor(scope: Construct, id: string, props: EvidenceBucketProps) {
    super(scope, id);
    this.layout = props.layout;
    const common = {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: props.removalPolicy,
    } as const;

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      ...common,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(accessLogDays) }],
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket of the evidence bucket; logging it into itself would loop, and a third bucket would only move the question.',
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...common,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'evidence/',
      cors: [
        {
          // The browser posts the presigned form straight to S3; downloads are plain links (no CORS).
          allowedMethods: [s3.HttpMethods.POST],
          allowedOrigins: [props.formOrigin],
          allowedHeaders: ['*'],
          maxAge: 3600,
        },
      ],
      lifecycleRules: [
        {
          // Uploads nobody referenced (or not yet checked): gone after a day even if the upload sweep stopped.
          id: 'expire-quarantine',
          prefix: props.layout.quarantinePrefix,
          expiration: Duration.days(props.layout.unreferencedDays),
        },
        { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
  }

  /**
   * Grants one function what its topology `evidence` access names, prefix by prefix, and
   * tells it the bucket's name (`EVIDENCE_BUCKET`, read by shared/config/runtime.ts).
   * Returns the object prefixes granted (for the cdk-nag acknowledgements of their wildcards).
   */
  grant(role: iam.IRole, grants: readonly EvidenceGrant[]): string[] {
    const { quarantinePrefix: quarantine, acceptedPrefix: accepted } = this.layout;
    // Each entry: verbs on objects under the named prefixes, or (no prefixes) on the bucket itself.
    const access: Record<EvidenceGrant, { actions: string[]; prefixes?: string[] }[]> = {
      'presign-upload': [{ actions: ['s3:PutObject'], prefixes: [quarantine] }],
      // ListBucket: without it S3 answers a HeadObject of a missing key with 403, not 404.
      inspect: [{ actions: ['s3:GetObject'], prefixes: [quarantine] }, { actions: ['s3:ListBucket'] }],
      accept: [
        { actions: ['s3:GetObject', 's3:DeleteObject'], prefixes: [quarantine] },
        { actions: ['s3:GetObject', 's3:PutObject'], prefixes: [accepted] },
      ],
      sweep: [{ actions: ['s3:DeleteObject'], prefixes: [quarantine, accepted] }],
      download: [{ actions: ['s3:GetObject'], prefixes: [accepted] }],
    };
    const granted = new Set<string>();
    for (const { actions, prefixes } of grants.flatMap((grant) => access[grant])) {
      const resources = prefixes ? prefixes.map((prefix) => this.bucket.arnForObjects(`${prefix}*`)) : [this.bucket.bucketArn];
      role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources }));
      for (const prefix of prefixes ?? []) granted.add(prefix);
    }
    return [...granted];
  }
}
