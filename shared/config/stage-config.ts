/**
 * The per-stage configuration (architecture.md property 7), validated with zod at
 * synth time and by the local runtime. Lambdas only `import type { StageConfig }`:
 * the parsed, defaulted value reaches them as JSON, so the output is plain data
 * (strings, numbers, arrays), never Dates or Maps.
 *
 * Defaults equal ../shared/spec/domain.md; a stage file states only what differs.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { caseKinds, caseLevels, caseTypes, staffRoles, subjectTypes } from '../domain/status';
import { deadlineNames, limitUnits, type DeadlineName, type TimeLimit } from '../domain/limits';

const kebabId = z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a kebab-case id'));
const localDate = z.iso.date(); // YYYY-MM-DD in the stage's time zone
const clockTime = z.string().check(z.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM (00:00-24:00)'));
const email = z.email();
const nonEmpty = z.string().check(z.minLength(1));
const bilingualName = z.strictObject({ 'zh-CN': nonEmpty, en: nonEmpty });
const nonEmptyArray = <T extends z.core.SomeType>(item: T) => z.array(item).check(z.minLength(1));
const level = z.union(caseLevels.map((n) => z.literal(n)));
const positiveInt = z.int().check(z.positive());
const atLeast = (min: number) => z.int().check(z.minimum(min));

const timeZone = z.string().check(z.refine(isTimeZone, { error: 'unknown IANA time zone' }));

const timeLimit = z
  .strictObject({
    amount: z.number().check(z.positive()),
    unit: z.enum(limitUnits),
  })
  .check(
    z.refine((l) => l.unit !== 'working-days' || Number.isInteger(l.amount), {
      error: 'working days must be a whole number',
      path: ['amount'],
    }),
  );

/** domain.md "Levels and time limits" and "Other limits from the seeds". */
export const defaultLimits: Readonly<Record<DeadlineName, TimeLimit>> = {
  acknowledge: { amount: 1, unit: 'working-days' },
  'scope-decision': { amount: 1, unit: 'working-days' },
  'first-response': { amount: 4, unit: 'working-hours' },
  resolution: { amount: 24, unit: 'working-hours' },
  'initial-investigation': { amount: 48, unit: 'working-hours' },
  'progress-feedback': { amount: 72, unit: 'working-hours' },
  'response-started': { amount: 24, unit: 'calendar-hours' },
  'initial-result': { amount: 48, unit: 'calendar-hours' },
  'progress-notice': { amount: 12, unit: 'calendar-hours' },
  'supplement-due': { amount: 5, unit: 'working-days' },
  'appeal-window': { amount: 15, unit: 'working-days' },
  // 回访 within 72 h of the result (seed 002 三.3); a day, so the complainant has seen whether it worked.
  'follow-up': { amount: 24, unit: 'calendar-hours' },
  // 复核 result "within the set time" (seed 001 (五)2 names none): as long as the complainant had to ask.
  'appeal-review': { amount: 15, unit: 'working-days' },
  // 未解决的投诉 3 日内启动二次跟进 (seed 003 四(二)1).
  'second-follow-up': { amount: 3, unit: 'working-days' },
  'management-group': { amount: 5, unit: 'working-days' },
};

const limits = z.prefault(
  z.strictObject(
    Object.fromEntries(deadlineNames.map((name) => [name, z._default(timeLimit, defaultLimits[name])])) as Record<
      DeadlineName,
      z.ZodMiniDefault<typeof timeLimit>
    >,
  ),
  {},
);

const escalation = z.prefault(
  z.strictObject({
    /** Share of a limit after which the assignee gets one reminder (domain.md: 80 %). */
    reminderShare: z._default(z.number().check(z.gt(0), z.lt(1)), 0.8),
    /** Major (重大) cases: progress update to leadership at least weekly (seed 004). */
    majorProgressEvery: z._default(timeLimit, { amount: 168, unit: 'calendar-hours' }),
    /**
     * Sweeps that may hand a case to `escalate` for the same due step before it is parked
     * (docs/operations.md "Parked cases"): 12 is an hour of 5-minute sweeps, far more than a
     * retried escalation needs, few enough that a broken case never stalls the ladder for long.
     */
    parkAfterAttempts: z._default(atLeast(2), 12),
  }),
  {},
);

/** Seed 004 投诉分类 thresholds (domain.md "Priority"). */
const priorityRules = z.prefault(
  z.strictObject({
    clusterWindowDays: z._default(positiveInt, 30),
    clusterDistinctComplainants: z._default(atLeast(2), 3),
    hotGroupSize: z._default(atLeast(2), 3),
    majorGroupSize: z._default(atLeast(2), 10),
    hotUnresolvedDays: z._default(positiveInt, 7),
    majorUnresolvedDays: z._default(positiveInt, 30),
  }),
  {},
);

/** What initial review (初步审核) needs from a submission of a category, or it asks once for 补正. */
export const reviewRequirementIds = ['evidence', 'subject-url', 'request', 'contact'] as const;

const initialReview = z.prefault(
  z.strictObject({
    /**
     * Hosts the operator answers for. A `url` subject on another host is out of scope and
     * gets the guidance below. Empty: every host is in scope.
     */
    scopeHosts: z._default(z.array(nonEmpty), []),
    /** Where to go instead (seed 002): by category; the entry without categories is the fallback. */
    elsewhere: z._default(z.array(z.strictObject({ categories: z._default(z.array(kebabId), []), name: bilingualName, url: z.url() })), [
      {
        categories: ['illegal-content', 'harassment'],
        name: { 'zh-CN': '中央网信办（国家互联网信息办公室）违法和不良信息举报中心', en: 'CAC Illegal and Harmful Information Reporting Center' },
        url: 'https://www.12377.cn',
      },
      {
        categories: ['fraud'],
        name: { 'zh-CN': '12321 网络不良与垃圾信息举报受理中心', en: '12321 Internet Harmful and Spam Information Reporting Center' },
        url: 'https://www.12321.cn',
      },
      { categories: [], name: { 'zh-CN': '12377 违法和不良信息举报中心', en: '12377 Illegal and Harmful Information Reporting Center' }, url: 'https://www.12377.cn' },
    ]),
    /** Material a category needs before it can be handled; missing ones are asked for once. */
    requirements: z._default(
      z.array(z.strictObject({ category: kebabId, kinds: nonEmptyArray(z.enum(caseKinds)), needs: nonEmptyArray(z.enum(reviewRequirementIds)) })),
      [
        { category: 'fraud', kinds: ['report'], needs: ['evidence'] },
        { category: 'illegal-content', kinds: ['report'], needs: ['evidence'] },
      ],
    ),
    /** Simple inquiries (咨询) answered at once: a category whose default type is inquiry and a keyword hit. */
    faq: z._default(z.array(z.strictObject({ id: kebabId, keywords: nonEmptyArray(nonEmpty), answer: bilingualName })), []),
    /**
     * 引导救济 (seed 001 (五)3): the competent authority the final review result mail names,
     * with the reporting centre of `elsewhere` for the case's category.
     */
    competentAuthority: z._default(z.strictObject({ name: bilingualName, url: z.url() }), {
      name: { 'zh-CN': '工业和信息化部电信用户申诉受理中心（12300）', en: 'MIIT Telecom User Appeal Center (12300)' },
      url: 'https://www.12300.cn',
    }),
  }),
  {},
);

const workingPeriod = z
  .strictObject({ start: clockTime, end: clockTime })
  .check(z.refine((p) => minutes(p.start) < minutes(p.end), { error: 'start must be before end' }));

const arrangement = z.strictObject({
  year: z.int().check(z.minimum(2000), z.maximum(2200)),
  holidays: z.array(localDate),
  makeUpWorkdays: z.array(localDate),
});

const calendar = z.prefault(
  z.strictObject({
    /** ISO weekdays (1 = Monday) that are working days unless a holiday. */
    weekdays: z._default(nonEmptyArray(z.int().check(z.minimum(1), z.maximum(7))), [1, 2, 3, 4, 5]),
    /** Working periods of every working day, in the stage's time zone, half-open. */
    workingPeriods: z._default(nonEmptyArray(workingPeriod), [{ start: '09:00', end: '18:00' }]),
    /** Where the State Council's yearly arrangement comes from (`none`: config only). */
    holidaySource: z._default(z.enum(['chinese-days', 'none']), 'chinese-days'),
    /** A year's full official arrangement; replaces the source's data for that year. */
    arrangements: z._default(z.array(arrangement), []),
    /** Extra days off (e.g. a company closure), on top of any source. */
    holidays: z._default(z.array(localDate), []),
    /** Extra working days (调休上班), on top of any source. */
    makeUpWorkdays: z._default(z.array(localDate), []),
  }),
  {},
);

const absence = z.strictObject({ from: localDate, to: localDate, reason: z.optional(z.string()) });

/** A declared conflict of interest (回避): the staff member never handles cases about this subject. */
const conflict = z.strictObject({
  subjectType: z.optional(z.enum(subjectTypes)),
  value: nonEmpty,
  reason: z.optional(z.string()),
});

const staffMember = z.strictObject({
  email,
  name: nonEmpty,
  roles: nonEmptyArray(z.enum(staffRoles)),
  departments: z._default(z.array(kebabId), []),
  /** The staff member's own supervisor (email); default: their first department's supervisor. */
  supervisor: z.optional(email),
  absences: z._default(z.array(absence), []),
  conflicts: z._default(z.array(conflict), []),
  /** false: a member who left or is suspended; their sign-in is refused at their next request (docs/security.md). */
  active: z._default(z.boolean(), true),
});

const department = z.strictObject({
  id: kebabId,
  name: bilingualName,
  /** Email of the department supervisor 部门主管 (a staff member with role supervisor). */
  supervisor: email,
});

const category = z.strictObject({
  id: kebabId,
  name: bilingualName,
  kinds: nonEmptyArray(z.enum(caseKinds)),
  defaultType: z.enum(caseTypes),
  level: z.strictObject({ complaint: z.optional(level), report: z.optional(level) }),
  department: kebabId,
  /** Security or harmful-content category: level 3 here is major priority and alerts on-call at once. */
  security: z._default(z.boolean(), false),
});

/** Staff sign-in (the stage's Cognito user pool). */
const staffSignIn = z.prefault(
  z.strictObject({
    /** Second factor (TOTP app): `required` in production; `optional` lets staff turn it on. */
    mfa: z._default(z.enum(['off', 'optional', 'required']), 'optional'),
  }),
  {},
);

/**
 * Where and how the stage runs (architecture.md property 11): nothing else names a
 * partition, a service host or a region. A China stage (`aws-cn`) has no SES and no
 * Cognito user pools, and its API answers only on an ICP-linked custom domain.
 */
const deployment = z.prefault(
  z.strictObject({
    partition: z._default(z.enum(['aws', 'aws-cn']), 'aws'),
    /** The region to deploy to; unset: the CLI's (CDK_DEFAULT_REGION). */
    region: z.optional(z.string().check(z.regex(/^[a-z]{2}(?:-[a-z]+)+-\d$/, 'must be a region name such as cn-north-1'))),
    /** arm64 where verified; x86_64 for a China stage until arm64 and the Node runtime are verified there. */
    architecture: z._default(z.enum(['arm64', 'x86_64']), 'arm64'),
    /** The API's custom domain; when set, the default `execute-api` endpoint is disabled. */
    apiDomain: z.optional(
      z.strictObject({
        name: z.string().check(z.regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a host name')),
        /** An ACM certificate imported or issued in the stage's region and partition. */
        certificateArn: z
          .string()
          .check(z.regex(/^arn:aws(?:-cn)?:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/, 'must be an ACM certificate ARN')),
      }),
    ),
  }),
  {},
);

/** The mail port's adapter: SES v2 where SES exists, SMTP over TLS elsewhere (a China provider). */
const mail = z._default(
  z
    .discriminatedUnion('provider', [
      z.strictObject({ provider: z.literal('ses') }),
      z.strictObject({
        provider: z.literal('smtp'),
        host: nonEmpty,
        /** 465: TLS from the first byte (`secure`); 587/25 with STARTTLS required. */
        port: z._default(z.int().check(z.minimum(1), z.maximum(65535)), 465),
        secure: z._default(z.boolean(), true),
        /**
         * Without `secure`: STARTTLS required (the default). Only a server on this machine may
         * do without TLS (the local-cn stage's capture server): credentials never cross a network in clear.
         */
        requireTLS: z._default(z.boolean(), true),
        /** Name of the Secrets Manager secret holding `{ "username", "password" }`: never the credentials. */
        credentialsSecret: nonEmpty,
        /** Sends per second the provider allows (Tencent Cloud SES: 20 calls/s per account). */
        maxPerSecond: z._default(positiveInt, 10),
        /** Pooled connections per function container. */
        maxConnections: z._default(positiveInt, 2),
      }),
    ])
    .check(
      z.refine((m) => m.provider !== 'smtp' || m.secure || m.requireTLS || ['localhost', '127.0.0.1', '::1'].includes(m.host), {
        error: 'a mail server on another machine needs TLS: secure (port 465) or requireTLS',
        path: ['requireTLS'],
      }),
    ),
  { provider: 'ses' },
);

/** The staff sign-in port's adapter: the stage's Cognito user pool, or any OpenID Connect provider. */
const staffIdentity = z._default(
  z.discriminatedUnion('provider', [
    z.strictObject({ provider: z.literal('cognito') }),
    z.strictObject({
      provider: z.literal('oidc'),
      /** The provider's issuer (`iss`); its discovery document is `<issuer>/.well-known/openid-configuration`. */
      issuer: z.url({ protocol: /^https?$/ }),
      /** The console's public client (authorization code + PKCE, no secret). */
      clientId: nonEmpty,
      /** The `aud` API Gateway's JWT authorizer accepts; default: the client id. */
      audience: z.optional(nonEmpty),
    }),
  ]),
  { provider: 'cognito' },
);

const contact = z.strictObject({ name: nonEmpty, email, phone: z.optional(z.string()) });

/**
 * Trusted flaggers (DSA Art. 22; seed 002: 12377 and the authorities as sources of reports):
 * each posts with its own API key in `X-Trusted-Source-Key`. The config holds only the
 * key's SHA-256 (hex): the key is 256 random bits handed to the source out of band, so a
 * fast hash is safe and the hot intake path needs no Secrets Manager call (docs/security.md).
 */
const trustedSource = z.strictObject({
  id: kebabId,
  name: bilingualName,
  kind: z.enum(['authority', 'partner']),
  keySha256: z.string().check(z.regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 of the key, 64 lower-case hex digits')),
});

/**
 * 投诉举报渠道 (seeds 001, 002: 在平台显著位置公示, 向社会公开投诉举报电话): the service desk's
 * phone, email, postal address and hours, shown on the form and status pages and named in
 * the reply mails as the way to reach the desk (a desk, never a staff member). What a
 * stage leaves out is not shown.
 */
const serviceDesk = z.prefault(
  z.strictObject({
    name: z._default(bilingualName, { 'zh-CN': '投诉举报受理中心', en: 'Complaints and reports desk' }),
    phone: z.optional(nonEmpty),
    email: z.optional(email),
    postalAddress: z.optional(bilingualName),
    hours: z._default(bilingualName, {
      'zh-CN': '工作日 09:00-18:00（节假日除外）；网上投诉举报全天受理',
      en: 'Working days 09:00-18:00 (except public holidays); online complaints and reports at any time',
    }),
  }),
  {},
);

/**
 * 救济途径 (seed 003 四(一), seed 001 (五)3): where else a complainant can turn, named in the
 * reply and in the review result; per category, an entry without categories for every one.
 */
const outsideRoute = z.strictObject({ categories: z._default(z.array(kebabId), []), name: bilingualName, contact: nonEmpty });
export const defaultOutsideRoutes: z.input<typeof outsideRoute>[] = [
  { categories: ['service-quality', 'functional-fault', 'information-error'], name: { 'zh-CN': '全国 12315 平台（市场监督管理部门，消费者权益）', en: 'National 12315 platform (market regulator, consumer rights)' }, contact: '12315 / https://www.12315.cn' },
  { categories: ['illegal-content', 'harassment', 'fraud', 'platform-violation'], name: { 'zh-CN': '中央网信办违法和不良信息举报中心（12377）', en: 'CAC Illegal and Harmful Information Reporting Center (12377)' }, contact: '12377 / https://www.12377.cn' },
  { categories: ['illegal-content', 'fraud', 'harassment'], name: { 'zh-CN': '12321 网络不良与垃圾信息举报受理中心', en: '12321 Internet Harmful and Spam Information Reporting Center' }, contact: '12321 / https://www.12321.cn' },
  { categories: [], name: { 'zh-CN': '属地网信办（省、市互联网信息办公室）', en: 'The local Cyberspace Administration office (province or city)' }, contact: 'https://www.12377.cn' },
  { categories: ['platform-violation', 'privacy', 'icp-filing'], name: { 'zh-CN': '中国互联网协会等行业协会', en: 'The Internet Society of China and other industry associations' }, contact: 'https://www.isc.org.cn' },
];

const casePrefix = z.string().check(z.regex(/^[A-Z]{2}$/, 'must be two capital letters'));

const stageConfigObject = z.strictObject({
  senderAddress: email,
  publicBaseUrl: z.url({ protocol: /^https?$/ }),
  timeZone,
  caseNumberPrefix: z._default(z.strictObject({ complaint: casePrefix, report: casePrefix }), { complaint: 'TS', report: 'JB' }),
  departments: nonEmptyArray(department),
  staff: nonEmptyArray(staffMember),
  categories: nonEmptyArray(category),
  deployment,
  mail,
  staffIdentity,
  staffSignIn,
  calendar,
  limits,
  escalation,
  priority: priorityRules,
  review: initialReview,
  serviceDesk,
  outsideRoutes: z._default(z.array(outsideRoute), defaultOutsideRoutes as z.output<typeof outsideRoute>[]),
  /** 投诉管理小组 / 主管领导: hot and major cases, long-open cases, periodic reports. */
  managementGroup: nonEmptyArray(contact),
  /** Told at once, day or night, of level-3 and security cases. */
  onCall: nonEmptyArray(contact),
  trustedSources: z._default(z.array(trustedSource), []),
  /** 统计分析: the monthly report always; the weekly one too where the stage asks (docs/reports.md). */
  reports: z.prefault(z.strictObject({ weekly: z._default(z.boolean(), false) }), {}),
  retention: z.prefault(z.strictObject({ closedCaseMonths: z._default(atLeast(12), 12) }), {}),
  /**
   * What the stage may use of AWS (docs/operations.md "Capacity"): the HTTP API's own
   * throttles (requests per second and burst of each public route, and apart from them of
   * each staff and admin route, so a crowd of posts cannot lock staff out; docs/security.md
   * "Throttles") and each function's reserved concurrency.
   * Workflow functions (queue consumers, schedules) get a reservation of their own, so
   * a flood of requests cannot take the account's concurrency from them; public
   * functions are capped, so a flood cannot grow past its share either.
   */
  capacity: z.prefault(
    z
      .strictObject({
        apiRatePerSecond: z._default(z.number().check(z.positive()), 100),
        apiBurst: z._default(positiveInt, 200),
        staffApiRatePerSecond: z._default(z.number().check(z.positive()), 20),
        staffApiBurst: z._default(positiveInt, 40),
        /**
         * A WAF rate-based rule (requests per client address in 5 minutes). AWS WAF cannot be
         * associated with an API Gateway HTTP API, and this stack has no CloudFront
         * distribution in front of it, so synth refuses the setting (docs/security.md "Throttles").
         */
        wafRequestsPer5Minutes: z.optional(atLeast(10)),
        workflowConcurrency: z._default(z.int().check(z.minimum(1), z.maximum(100)), 5),
        publicConcurrency: z._default(z.int().check(z.minimum(1), z.maximum(500)), 20),
        /** The account's concurrency limit in the stage's region (1,000 unless raised). AWS keeps 100 unreserved. */
        accountConcurrency: z._default(atLeast(100), 1000),
      })
      .check(
        z.refine((c) => c.apiBurst >= c.apiRatePerSecond, { error: 'must be at least apiRatePerSecond', path: ['apiBurst'] }),
        z.refine((c) => c.staffApiBurst >= c.staffApiRatePerSecond, { error: 'must be at least staffApiRatePerSecond', path: ['staffApiBurst'] }),
      ),
    {},
  ),
  /** Lost-token links (`POST /complaints/{n}/access`) asked for per client address, per hour (never per case: anyone could block a case's). */
  accessLinks: z.prefault(z.strictObject({ perClientPerHour: z._default(positiveInt, 10) }), {}),
  rateLimits: z.prefault(
    z.strictObject({
      submissionsPerMinute: z._default(positiveInt, 30),
      requestsPerMinute: z._default(positiveInt, 1200),
      /**
       * Mails to one complainant address per day (stage time zone), receipts included:
       * past it a case is still registered, and no mail goes out (api.md "Errors").
       */
      mailsPerRecipientPerDay: z._default(positiveInt, 10),
      /**
       * Days a submitter (by contact: email, else phone) may not file online after one of
       * their cases was marked malicious (恶意举报, seeds: 网站平台有权对举报人员做出相应处理);
       * staff can still register a phone, letter or visit case for them. 0: no pause.
       */
      markedSubmitterDays: z._default(z.int().check(z.minimum(0), z.maximum(365)), 30),
    }),
    {},
  ),
});

const stageConfigSchema = stageConfigObject.check(z.superRefine(checkReferences));

export type StageConfig = z.output<typeof stageConfigSchema>;
export type StageConfigInput = z.input<typeof stageConfigSchema>;

type Parsed = z.output<typeof stageConfigObject>;

/**
 * Classic zod's English messages ("Invalid email address", "Too small: expected ...") for the
 * checks without a message of their own: `zod/mini` has no locale unless given one, and the
 * synth errors and the admin API's problems show them. Given per parse, not with `z.config`,
 * which would change the messages of every schema in a bundle.
 */
const englishMessages = en().localeError;

/** The one way to validate a stage config (synth, the local runtime, the directory check). */
export function safeParseStageConfig(input: unknown) {
  return z.safeParse(stageConfigSchema, input, { error: englishMessages });
}

/** Cross-field rules: every reference names something that exists. */
function checkReferences(config: Parsed, ctx: z.core.$RefinementCtx<Parsed>): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const staffByEmail = new Map(config.staff.map((s) => [s.email.toLowerCase(), s]));
  const departmentIds = new Set(config.departments.map((d) => d.id));

  duplicates(config.departments.map((d) => d.id)).forEach((i) =>
    issue(['departments', i, 'id'], `duplicate department "${config.departments[i]?.id}"`),
  );
  duplicates(config.staff.map((s) => s.email.toLowerCase())).forEach((i) =>
    issue(['staff', i, 'email'], `duplicate staff member "${config.staff[i]?.email}"`),
  );
  duplicates(config.categories.map((c) => c.id)).forEach((i) =>
    issue(['categories', i, 'id'], `duplicate category "${config.categories[i]?.id}"`),
  );
  duplicates(config.trustedSources.map((s) => s.id)).forEach((i) =>
    issue(['trustedSources', i, 'id'], `duplicate trusted source "${config.trustedSources[i]?.id}"`),
  );
  duplicates(config.trustedSources.map((s) => s.keySha256)).forEach((i) =>
    issue(['trustedSources', i, 'keySha256'], 'two trusted sources share one key'),
  );

  config.departments.forEach((d, i) => {
    const supervisor = staffByEmail.get(d.supervisor.toLowerCase());
    if (!supervisor) issue(['departments', i, 'supervisor'], `unknown staff member "${d.supervisor}"`);
    else if (!supervisor.roles.includes('supervisor'))
      issue(['departments', i, 'supervisor'], `"${d.supervisor}" does not have the role supervisor`);
  });
  config.staff.forEach((s, i) => {
    s.departments.forEach((id, j) => {
      if (!departmentIds.has(id)) issue(['staff', i, 'departments', j], `unknown department "${id}"`);
    });
    if (s.supervisor !== undefined && !staffByEmail.has(s.supervisor.toLowerCase()))
      issue(['staff', i, 'supervisor'], `unknown staff member "${s.supervisor}"`);
    s.absences.forEach((a, j) => {
      if (a.to < a.from) issue(['staff', i, 'absences', j, 'to'], 'must not be before from');
    });
  });
  config.categories.forEach((c, i) => {
    if (!departmentIds.has(c.department)) issue(['categories', i, 'department'], `unknown department "${c.department}"`);
    duplicates(c.kinds).forEach((j) => issue(['categories', i, 'kinds', j], `duplicate kind "${c.kinds[j]}"`));
    for (const kind of c.kinds) {
      if (c.level[kind] === undefined) issue(['categories', i, 'level', kind], `a level is required for kind "${kind}"`);
    }
    for (const kind of caseKinds) {
      if (c.level[kind] !== undefined && !c.kinds.includes(kind))
        issue(['categories', i, 'level', kind], `kind "${kind}" is not in kinds`);
    }
  });
  checkDeployment(config, issue);
  checkCalendar(config.calendar, (path, message) => issue(['calendar', ...path], message));
  // 回访 within 72 h of the result (seed 002): a limit in calendar hours, at most 72.
  const survey = config.limits['follow-up'];
  if (survey.unit !== 'calendar-hours' || survey.amount > 72) issue(['limits', 'follow-up'], 'the follow-up survey goes out within 72 calendar hours of the reply');
}

/** A China stage uses only what the China regions offer (docs/operations.md "Deploying in the China regions"). */
function checkDeployment(config: Parsed, issue: (path: (string | number)[], message: string) => void): void {
  const { partition, region, architecture, apiDomain } = config.deployment;
  const china = partition === 'aws-cn';
  if (region !== undefined && region.startsWith('cn-') !== china)
    issue(['deployment', 'region'], china ? 'a region of the aws-cn partition starts with cn-' : `${region} is in the aws-cn partition: set deployment.partition`);
  if (apiDomain && !apiDomain.certificateArn.startsWith(`arn:${partition}:`))
    issue(['deployment', 'apiDomain', 'certificateArn'], `must be a certificate of the ${partition} partition`);
  // Links in mail, the console's redirect URI, the evidence bucket's CORS origin and the pages'
  // form actions all come from publicBaseUrl: with the execute-api endpoint disabled, it must be
  // the domain. A local stage (publicBaseUrl on this machine) is never deployed and keeps its own.
  const base = new URL(config.publicBaseUrl);
  if (apiDomain && !isLoopback(base.hostname) && (base.protocol !== 'https:' || base.hostname !== apiDomain.name))
    issue(['publicBaseUrl'], `must be https://${apiDomain.name}: the API answers on deployment.apiDomain only`);
  if (!china) return;
  if (architecture !== 'x86_64') issue(['deployment', 'architecture'], 'x86_64 in the China regions until arm64 and the Node runtime are verified there');
  if (!apiDomain) issue(['deployment', 'apiDomain'], 'required in the China regions: the API answers only on an ICP-linked custom domain');
  if (config.mail.provider === 'ses') issue(['mail', 'provider'], 'SES is not offered in the China regions: use smtp');
  if (config.staffIdentity.provider === 'cognito')
    issue(['staffIdentity', 'provider'], 'Cognito user pools are not available in the China regions: use oidc');
}

function checkCalendar(cal: Parsed['calendar'], issue: (path: (string | number)[], message: string) => void): void {
  const periods = cal.workingPeriods.map((p) => [minutes(p.start), minutes(p.end)] as const);
  periods.forEach(([start], i) => {
    const previous = periods[i - 1];
    if (previous && start < previous[1]) issue(['workingPeriods', i, 'start'], 'periods must be in order and not overlap');
  });
  duplicates(cal.arrangements.map((a) => a.year)).forEach((i) =>
    issue(['arrangements', i, 'year'], `duplicate arrangement for ${cal.arrangements[i]?.year}`),
  );
  cal.arrangements.forEach((a, i) => {
    const both = new Set(a.holidays);
    a.holidays.forEach((d, j) => {
      if (!d.startsWith(`${a.year}-`)) issue(['arrangements', i, 'holidays', j], `${d} is not in ${a.year}`);
    });
    a.makeUpWorkdays.forEach((d, j) => {
      if (!d.startsWith(`${a.year}-`)) issue(['arrangements', i, 'makeUpWorkdays', j], `${d} is not in ${a.year}`);
      if (both.has(d)) issue(['arrangements', i, 'makeUpWorkdays', j], `${d} is also a holiday`);
    });
  });
  const off = new Set(cal.holidays);
  cal.makeUpWorkdays.forEach((d, j) => {
    if (off.has(d)) issue(['makeUpWorkdays', j], `${d} is also a holiday`);
  });
}

/** Indexes of the entries that repeat an earlier one. */
function duplicates<T>(values: readonly T[]): number[] {
  const seen = new Set<T>();
  return values.flatMap((v, i) => (seen.has(v) ? [i] : (seen.add(v), [])));
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname.startsWith('127.') || hostname === '[::1]';
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
