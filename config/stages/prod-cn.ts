/**
 * Stage `prod-cn` (example): production in the AWS China regions (partition `aws-cn`),
 * where Cognito user pools and SES do not exist and the API answers only on an
 * ICP-linked custom domain (docs/operations.md "Deploying in the China regions").
 * Addresses are placeholders at example.org, refused as prod refuses them unless
 * `-c dryRun=true`.
 */
import type { StageConfigInput } from '../../shared/config/stage-config';
import prod from './prod';

const config = {
  ...prod,
} satisfies StageConfigInput;

export default config;
