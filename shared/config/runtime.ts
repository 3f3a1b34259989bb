import type { StageConfig } from './stage-config';
import type { QueueName } from '../queue-names';

/**
 * Everything a handler needs from its environment, read once per container.
 * In AWS the stage config is inlined into each bundle at synth (esbuild `define`),
 * already validated; locally the runtime sets the same variable before loading handlers.
 */
/**
 * How the staff console signs a browser in: the stage's hosted Cognito UI (code + PKCE)
 * in AWS, an OpenID Connect provider (code + PKCE against `issuer`'s discovery document;
 * stage config `staffIdentity.provider: 'oidc'`), or the local emulator's
 * USER_PASSWORD_AUTH (it has no hosted login page).
 */
export type StaffSignInSettings =
  | { readonly kind: 'hosted-ui'; readonly domain: string; readonly clientId: string; readonly redirectUri: string }
  | { readonly kind: 'oidc'; readonly issuer: string; readonly clientId: string; readonly redirectUri: string }
  | { readonly kind: 'local-password'; readonly endpoint: string; readonly clientId: string };

export type HashSecretSource = { readonly kind: 'secrets-manager'; readonly secretId: string } | { readonly kind: 'file'; readonly path: string };

export const hashSecretArnVariable = 'HASH_SECRET_ARN';
export const hashSecretFileVariable = 'HASH_SECRET_FILE';

export interface RuntimeSettings {
  readonly stage: string;
  readonly tableName: string;
  readonly queueUrls: Readonly<Record<QueueName, string>>;
  /**
   * The effective config: the stage config overlaid with the directory of the table (staff,
   * absences, departments, categories, calendar overrides, limits; docs/administration.md),
   * as the handler wrappers last read it (`shared/adapters/effective-config.ts`).
   */
  readonly config: StageConfig;
  /** The stage config as deployed, before the directory's overlay (its seed, and the structure it is checked against). */
  readonly stageConfig: StageConfig;
  /** How long a container keeps the directory it read (`DIRECTORY_TTL_SECONDS`, default 30). */
  readonly directoryTtlSeconds: number;
  /**
   * The stage's Cognito user pool (`STAFF_USER_POOL_ID`), for the functions the topology
   * declares with `access.staffAccounts` on a Cognito stage; absent on an OpenID Connect stage.
   */
  readonly staffUserPoolId?: string;
  /** Only for the functions the topology declares with `access.staffSignIn`. */
  readonly staffSignIn?: StaffSignInSettings;
  /** The evidence-file bucket (`EVIDENCE_BUCKET`): required only where a function uses it. */
  readonly evidenceBucket: string;
  /** The origin of presigned evidence POSTs (`EVIDENCE_UPLOAD_ORIGIN`), for the pages' CSP; only where the topology says so. */
  readonly evidenceUploadOrigin?: string;
  /** The SES configuration set every mail names (`MAIL_CONFIGURATION_SET`); none locally (the emulator has none). */
  readonly mailConfigurationSet?: string;
  /**
   * Locally only (`MAIL_SECRET_FILE`): a JSON file holding what the stage's mail secret holds
   * in Secrets Manager (docs/local-runtime.md "The mail secret"). Unset in AWS.
   */
  readonly mailSecretFile?: string;
  /**
   * Where the secret of the keyed hashes comes from (docs/security.md "Keyed hashes"):
   * a Secrets Manager secret in AWS (`HASH_SECRET_ARN`), a file locally (`HASH_SECRET_FILE`).
   * Required only where a function hashes a contact or a client address.
   */
  readonly hashSecret: HashSecretSource;
  /** Path-style S3 addresses (`S3_FORCE_PATH_STYLE=true`): the local S3 emulator has no bucket host names. */
  readonly s3ForcePathStyle: boolean;
}

let settings: RuntimeSettings | undefined;
/** The stage config overlaid with the table's directory, once read (undefined: the stage config as is). */
let effective: StageConfig | undefined;

export function runtimeSettings(): RuntimeSettings {
  settings ??= readSettings(process.env);
  return settings;
}

/** For the local runtime and tests that change the environment between runs. */
export function resetRuntimeSettings(): void {
  settings = undefined;
  effective = undefined;
}

/** Makes `config` what `runtimeSettings().config` answers, until the next refresh or reset. */
export function useEffectiveConfig(config: StageConfig): void {
  effective = config;
}

export const directoryTtlVariable = 'DIRECTORY_TTL_SECONDS';
export const staffUserPoolVariable = 'STAFF_USER_POOL_ID';

export const mailConfigurationSetVariable = 'MAIL_CONFIGURATION_SET';
export const mailSecretFileVariable = 'MAIL_SECRET_FILE';

export const queueUrlVariable = (queue: string): string =>
  `QUEUE_URL_${queue.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

function readSettings(env: NodeJS.ProcessEnv): RuntimeSettings {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`Missing environment variable ${name}`);
    return value;
  };
  const queueUrls = new Proxy({} as Record<QueueName, string>, {
    get: (_, queue: string) => required(queueUrlVariable(queue)),
  });
  // Spelled out as `process.env.STAGE_CONFIG` because esbuild `define` replaces exactly
  // that expression with the JSON text at synth (infra/step-function.ts).
  const stageConfig = JSON.parse(process.env.STAGE_CONFIG || required('STAGE_CONFIG')) as StageConfig;
  const ttl = Number(env[directoryTtlVariable] ?? 30);
  return {
    stage: required('STAGE'),
    tableName: required('TABLE_NAME'),
    queueUrls,
    get config() {
      return effective ?? stageConfig;
    },
    stageConfig,
    directoryTtlSeconds: Number.isFinite(ttl) && ttl >= 0 ? ttl : 30,
    ...(env[staffUserPoolVariable] ? { staffUserPoolId: env[staffUserPoolVariable] } : {}),
    ...(env.STAFF_SIGN_IN ? { staffSignIn: JSON.parse(env.STAFF_SIGN_IN) as StaffSignInSettings } : {}),
    get evidenceBucket() {
      return required('EVIDENCE_BUCKET');
    },
    get hashSecret(): HashSecretSource {
      const secretId = env[hashSecretArnVariable];
      return secretId ? { kind: 'secrets-manager', secretId } : { kind: 'file', path: required(hashSecretFileVariable) };
    },
    ...(env.EVIDENCE_UPLOAD_ORIGIN ? { evidenceUploadOrigin: env.EVIDENCE_UPLOAD_ORIGIN } : {}),
    s3ForcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
    ...(env[mailConfigurationSetVariable] ? { mailConfigurationSet: env[mailConfigurationSetVariable] } : {}),
    ...(env[mailSecretFileVariable] ? { mailSecretFile: env[mailSecretFileVariable] } : {}),
  };
}
