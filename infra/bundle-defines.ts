import type { StageConfig } from '../shared/config/stage-config';

/**
 * What esbuild `define` replaces in every function's bundle at synth (infra/step-function.ts;
 * bench/bundles.ts builds with the same):
 * - `process.env.STAGE_CONFIG`: the stage config's JSON text, too large for the 4 KB of Lambda
 *   environment variables (shared/config/runtime.ts reads it);
 * - `process.env.STAFF_IDENTITY_PROVIDER`: the staff sign-in port's adapter, a constant the
 *   minifier folds, so that a Cognito stage's staff console leaves out the OpenID client's
 *   script (about 20 KB; shared/web/console/script.ts). Unset when run unbundled (locally and
 *   in tests): the page then decides at run time.
 */
export function bundleDefines(stageConfig: Pick<StageConfig, 'staffIdentity'>): Record<string, string> {
  return {
    'process.env.STAGE_CONFIG': JSON.stringify(JSON.stringify(stageConfig)),
    'process.env.STAFF_IDENTITY_PROVIDER': JSON.stringify(stageConfig.staffIdentity.provider),
  };
}
