/**
 * Stage `staging`: production's organisation and limits, its own address and sender,
 * so a release is tried against the rules it will meet.
 */
import type { StageConfigInput } from '../../shared/config/stage-config';
import prod from './prod';

const config = {
  ...prod,
  senderAddress: 'complaints@staging.example.org',
  publicBaseUrl: 'https://complaints.staging.example.org',
} satisfies StageConfigInput;

export default config;
