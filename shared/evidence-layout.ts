/**
 * The evidence-file bucket: uploads land under `quarantinePrefix` and only files checked
 * by content move to `acceptedPrefix`, the one prefix staff links are signed for. An upload
 * no submission referenced is deleted after `unreferencedDays` (the upload sweep; in AWS
 * also an S3 lifecycle rule on the quarantine prefix and DynamoDB TTL on the record).
 * Apart from `topology.ts`, so the functions that touch files do not load the whole topology.
 */
export const evidenceLayout = { quarantinePrefix: 'quarantine/', acceptedPrefix: 'evidence/', unreferencedDays: 1 } as const;
