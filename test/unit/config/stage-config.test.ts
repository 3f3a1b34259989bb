import { describe, expect, it } from 'vitest';
import { loadStageConfig, parseStageConfig, stageNames } from '../../../shared/config/load-stage-config';
import local from '../../../config/stages/local';

const clone = <T>(value: T): T => structuredClone(value);

describe('stage config files', () => {
  it.each(stageNames)('stage %s parses', (stage) => {
    const config = loadStageConfig(stage);
    expect(config.categories.length).toBeGreaterThan(0);
    expect(config.caseNumberPrefix).toEqual({ complaint: 'TS', report: 'JB' });
  });

  it('an unknown stage names the known stages', () => {
    expect(() => loadStageConfig('qa')).toThrow('Unknown stage "qa"; known stages: local, local-cn, dev, staging, prod, prod-cn');
  });

  it('the local stage has the contract values of spec/api.md', () => {
    const config = loadStageConfig('local');
    expect(config.senderAddress).toBe('complaints@example.org');
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.timeZone).toBe('Asia/Shanghai');
    expect(config.calendar.workingPeriods).toEqual([{ start: '09:00', end: '18:00' }]);
    expect(config.calendar.weekdays).toEqual([1, 2, 3, 4, 5]);
    expect(config.rateLimits).toEqual({ submissionsPerMinute: 30, requestsPerMinute: 1200, mailsPerRecipientPerDay: 10, markedSubmitterDays: 30 });
    expect(config.retention.closedCaseMonths).toBe(12);
    expect(config.staff.every((s) => s.email.endsWith('@example.org'))).toBe(true);
    expect([...config.managementGroup, ...config.onCall].every((c) => c.email.endsWith('@example.org'))).toBe(true);
  });

  it('the local stage has the category ids and default levels of spec/api.md', () => {
    const levels = Object.fromEntries(loadStageConfig('local').categories.map((c) => [c.id, c.level]));
    expect(levels).toEqual({
      'functional-fault': { complaint: 2 },
      'service-quality': { complaint: 1 },
      'information-error': { complaint: 1 },
      privacy: { complaint: 2, report: 2 },
      'icp-filing': { complaint: 2 },
      fraud: { complaint: 2, report: 3 },
      harassment: { complaint: 2, report: 2 },
      'illegal-content': { report: 3 },
      'platform-violation': { complaint: 2, report: 2 },
      other: { complaint: 1, report: 1 },
    });
  });
});

describe('defaults equal domain.md', () => {
  const minimal = () => {
    const { escalation, retention, rateLimits, calendar, caseNumberPrefix, ...rest } = clone(local);
    return rest;
  };

  it('fills every limit, the reminder share, calendar, retention and rate limits', () => {
    const config = parseStageConfig('t', minimal());
    expect(config.limits).toEqual({
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
      'follow-up': { amount: 24, unit: 'calendar-hours' },
      'appeal-review': { amount: 15, unit: 'working-days' },
      'second-follow-up': { amount: 3, unit: 'working-days' },
      'management-group': { amount: 5, unit: 'working-days' },
    });
    expect(config.escalation.reminderShare).toBe(0.8);
    expect(config.calendar).toEqual({
      weekdays: [1, 2, 3, 4, 5],
      workingPeriods: [{ start: '09:00', end: '18:00' }],
      holidaySource: 'chinese-days',
      arrangements: [],
      holidays: [],
      makeUpWorkdays: [],
    });
    expect(config.retention).toEqual({ closedCaseMonths: 12 });
    expect(config.rateLimits).toEqual({ submissionsPerMinute: 30, requestsPerMinute: 1200, mailsPerRecipientPerDay: 10, markedSubmitterDays: 30 });
    expect(config.caseNumberPrefix).toEqual({ complaint: 'TS', report: 'JB' });
    expect(config.priority).toEqual({
      clusterWindowDays: 30,
      clusterDistinctComplainants: 3,
      hotGroupSize: 3,
      majorGroupSize: 10,
      hotUnresolvedDays: 7,
      majorUnresolvedDays: 30,
    });
  });

  it('a partial limits object keeps the other defaults', () => {
    const config = parseStageConfig('t', { ...minimal(), limits: { 'first-response': { amount: 2, unit: 'working-hours' } } });
    expect(config.limits['first-response']).toEqual({ amount: 2, unit: 'working-hours' });
    expect(config.limits.resolution).toEqual({ amount: 24, unit: 'working-hours' });
  });

  it('the parsed config survives JSON (it reaches Lambdas as JSON)', () => {
    const config = loadStageConfig('local');
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });
});

describe('errors name the field', () => {
  const errorOf = (input: unknown): string => {
    try {
      parseStageConfig('bad', input);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected the config to be rejected');
  };

  it('starts with the stage and lists each bad field as path: message', () => {
    const input = clone(local) as Record<string, unknown>;
    input.senderAddress = 'not an address';
    input.timeZone = 'Mars/Olympus';
    const message = errorOf(input);
    expect(message.startsWith('Invalid stage config "bad":')).toBe(true);
    expect(message).toMatch(/^ {2}senderAddress: .+$/m);
    expect(message).toMatch(/^ {2}timeZone: unknown IANA time zone$/m);
  });

  it("zod's own checks say what is wrong (zod/mini has no messages unless given a locale)", () => {
    const input = clone(local);
    (input as Record<string, unknown>).senderAddress = 'not an address';
    (input.staff[0] as { roles: string[] }).roles = [];
    (input.staff[1] as { roles: string[] }).roles = ['boss'];
    const message = errorOf(input);
    expect(message).toContain('senderAddress: Invalid email address');
    expect(message).toContain('staff.0.roles: Too small: expected array to have >=1 items');
    expect(message).toContain('staff.1.roles.0: Invalid option: expected one of "handler"|"supervisor"|"admin"');
  });

  it('an unknown department of a category', () => {
    const input = clone(local);
    (input.categories[3] as { department: string }).department = 'x';
    expect(errorOf(input)).toContain('categories.3.department: unknown department "x"');
  });

  it('a category without a level for one of its kinds', () => {
    const input = clone(local);
    (input.categories[5] as { level: object }).level = { complaint: 2 };
    expect(errorOf(input)).toContain('categories.5.level.report: a level is required for kind "report"');
  });

  it('a level for a kind the category does not take', () => {
    const input = clone(local);
    (input.categories[0] as { level: object }).level = { complaint: 2, report: 1 };
    expect(errorOf(input)).toContain('categories.0.level.report: kind "report" is not in kinds');
  });

  it('a department supervisor who is not a supervisor, an unknown staff department', () => {
    const input = clone(local);
    (input.departments[0] as { supervisor: string }).supervisor = 'li.na@example.org';
    (input.staff[3] as { departments: string[] }).departments = ['nowhere'];
    const message = errorOf(input);
    expect(message).toContain('departments.0.supervisor: "li.na@example.org" does not have the role supervisor');
    expect(message).toContain('staff.3.departments.0: unknown department "nowhere"');
  });

  it('an unknown field names itself', () => {
    const input = { ...clone(local), limits: { 'frist-response': { amount: 1, unit: 'working-hours' } } };
    expect(errorOf(input)).toContain('limits.frist-response: unknown field');
  });

  it('a bad limit unit, a bad reminder share, overlapping periods, a bad case number prefix', () => {
    const input = {
      ...clone(local),
      limits: { resolution: { amount: 24, unit: 'hours' } },
      escalation: { reminderShare: 1.5 },
      calendar: { workingPeriods: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '18:00' }] },
      caseNumberPrefix: { complaint: 'ts', report: 'JB' },
    };
    const message = errorOf(input);
    expect(message).toMatch(/^ {2}limits\.resolution\.unit: /m);
    expect(message).toMatch(/^ {2}escalation\.reminderShare: /m);
    expect(message).toMatch(/^ {2}caseNumberPrefix\.complaint: must be two capital letters$/m);
  });

  it('a follow-up survey later than 72 hours after the reply (seed 002) names the field', () => {
    expect(errorOf({ ...clone(local), limits: { 'follow-up': { amount: 80, unit: 'calendar-hours' } } })).toMatch(/^ {2}limits\.follow-up: .*72/m);
    expect(errorOf({ ...clone(local), limits: { 'follow-up': { amount: 2, unit: 'working-days' } } })).toMatch(/^ {2}limits\.follow-up: /m);
  });

  it('overlapping working periods and a date both holiday and make-up day', () => {
    const input = {
      ...clone(local),
      calendar: {
        workingPeriods: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '18:00' }],
        holidays: ['2027-02-05'],
        makeUpWorkdays: ['2027-02-05'],
      },
    };
    const message = errorOf(input);
    expect(message).toContain('calendar.workingPeriods.1.start: periods must be in order and not overlap');
    expect(message).toContain('calendar.makeUpWorkdays.0: 2027-02-05 is also a holiday');
  });
});

describe('where a stage runs (deployment, mail, staffIdentity)', () => {
  const prodCn = () => clone(loadStageConfig('prod-cn')) as Record<string, unknown> & { deployment: Record<string, unknown> };

  it('a global stage defaults to SES, Cognito and arm64 in the aws partition', () => {
    const config = loadStageConfig('local');
    expect(config.deployment).toEqual({ partition: 'aws', architecture: 'arm64' });
    expect(config.mail).toEqual({ provider: 'ses' });
    expect(config.staffIdentity).toEqual({ provider: 'cognito' });
  });

  it('the China stages use SMTP, OIDC, x86_64 and a custom domain', () => {
    for (const stage of ['prod-cn', 'local-cn']) {
      const config = loadStageConfig(stage);
      expect(config.deployment.partition).toBe('aws-cn');
      expect(config.deployment.architecture).toBe('x86_64');
      expect(config.deployment.apiDomain?.certificateArn).toMatch(/^arn:aws-cn:acm:/);
      expect(config.mail.provider).toBe('smtp');
      expect(config.staffIdentity.provider).toBe('oidc');
    }
  });

  it('a China stage names each component the China regions lack', () => {
    const input = { ...prodCn(), mail: { provider: 'ses' }, staffIdentity: { provider: 'cognito' } };
    input.deployment = { partition: 'aws-cn', region: 'cn-northwest-1', architecture: 'arm64' };
    const message = (() => {
      try {
        parseStageConfig('x', input);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('deployment.architecture: x86_64 in the China regions');
    expect(message).toContain('deployment.apiDomain: required in the China regions');
    expect(message).toContain('mail.provider: SES is not offered in the China regions');
    expect(message).toContain('staffIdentity.provider: Cognito user pools are not available');
  });

  it('a region or certificate of the other partition is named', () => {
    const wrongRegion = { ...prodCn(), deployment: { ...prodCn().deployment, region: 'us-east-1' } };
    expect(() => parseStageConfig('x', wrongRegion)).toThrow('deployment.region: a region of the aws-cn partition starts with cn-');
    const wrongCert = clone(local) as Record<string, unknown>;
    wrongCert.deployment = { apiDomain: { name: 'complaints.example.com', certificateArn: 'arn:aws-cn:acm:cn-north-1:111111111111:certificate/abc' } };
    expect(() => parseStageConfig('x', wrongCert)).toThrow('deployment.apiDomain.certificateArn: must be a certificate of the aws partition');
  });

  it('a stage with a custom domain has its publicBaseUrl there (the execute-api endpoint answers nothing)', () => {
    const elsewhere = { ...prodCn(), publicBaseUrl: 'https://complaints.example.net' };
    expect(() => parseStageConfig('x', elsewhere)).toThrow('publicBaseUrl: must be https://complaints.example.org');
    const plain = { ...prodCn(), publicBaseUrl: 'http://complaints.example.org' };
    expect(() => parseStageConfig('x', plain)).toThrow('publicBaseUrl: must be https://complaints.example.org');
    expect(loadStageConfig('prod-cn').publicBaseUrl).toBe(`https://${loadStageConfig('prod-cn').deployment.apiDomain!.name}`);
    // A local stage runs on this machine and is never deployed: its domain only stands for the China stage's.
    expect(new URL(loadStageConfig('local-cn').publicBaseUrl).hostname).toBe('localhost');
  });

  it('SMTP credentials are named, never given', () => {
    const input = { ...prodCn(), mail: { provider: 'smtp', host: 'smtpdm.aliyun.com', username: 'u', password: 'p' } };
    expect(() => parseStageConfig('x', input)).toThrow(/mail\.credentialsSecret|mail\.username: unknown field/);
  });
});
