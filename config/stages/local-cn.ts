/**
 * Stage `local-cn` (`npm start -- --stage local-cn`): the `local` stage with the
 * components a China-region stage uses (spec/architecture.md property 11): mail
 * through SMTP and staff sign-in through an OpenID Connect provider, each a real
 * local server. Same demo departments, staff, password and calendar as `local`.
 */
import type { StageConfigInput } from '../../shared/config/stage-config';
import local from './local';

const config = {
  ...local,
} satisfies StageConfigInput;

export default config;
