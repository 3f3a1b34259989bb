/**
 * Stage `prod-cn` (example): production in the AWS China regions (partition `aws-cn`),
 * where Cognito user pools and SES do not exist and the API answers only on an
 * ICP-linked custom domain (docs/operations.md "Deploying in the China regions").
 * Mail goes through a China SMTP provider (here Alibaba Cloud DirectMail 邮件推送),
 * staff sign in through the organisation's OpenID Connect provider. Addresses, the
 * domain and the issuer are placeholders, refused as prod refuses them unless
 * `-c dryRun=true`.
 */
import type { StageConfigInput } from '../../shared/config/stage-config';
import prod from './prod';

const config = {
  ...prod,
  deployment: {
    partition: 'aws-cn',
    region: 'cn-north-1',
    architecture: 'x86_64',
    apiDomain: { name: 'complaints.example.org', certificateArn: 'arn:aws-cn:acm:cn-north-1:111111111111:certificate/00000000-0000-0000-0000-000000000000' },
  },
  mail: { provider: 'smtp', host: 'smtpdm.aliyun.com', port: 465, secure: true, credentialsSecret: 'complaints/prod-cn/smtp' },
  staffIdentity: { provider: 'oidc', issuer: 'https://login.example.com', clientId: 'complaints-staff-console' },
} satisfies StageConfigInput;

export default config;
