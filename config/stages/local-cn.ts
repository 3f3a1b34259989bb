/**
 * Stage `local-cn` (`npm start -- --stage local-cn`): the `local` stage with the
 * components a China-region stage uses (spec/architecture.md property 11): mail
 * through SMTP and staff sign-in through an OpenID Connect provider, each a real
 * local server (the local runtime points host, port and issuer at them). Same demo
 * departments, staff, password and calendar as `local`.
 */
import type { StageConfigInput } from '../../shared/config/stage-config';
import local from './local';

const config = {
  ...local,
  deployment: {
    partition: 'aws-cn',
    region: 'cn-north-1',
    architecture: 'x86_64',
    apiDomain: { name: 'complaints.example.com', certificateArn: 'arn:aws-cn:acm:cn-north-1:111111111111:certificate/00000000-0000-0000-0000-000000000000' },
  },
  mail: { provider: 'smtp', host: 'localhost', port: 8025, secure: false, credentialsSecret: 'complaints/local-cn/smtp' },
  staffIdentity: { provider: 'oidc', issuer: 'http://localhost:9230', clientId: 'staff-console' },
} satisfies StageConfigInput;

export default config;
