import { tableDataActions } from '@jixiao/infra/cdk/capability-functions.ts';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionIdOf, resourcesOf, type Synthesized, synthJixiao } from './support/jixiao-synth.ts';

/**
 * The daily work's scheduled jobs in the template (docs/domain/daily-work.md#the-scheduled-jobs): one function on Node
 * 24 with the table's data grant, invoked by EventBridge Scheduler every morning at 08:00 Beijing time with
 * `{"job":"due-soon"}`; with an SES sender (`-c mailFrom=…`) also every ten minutes with `{"job":"mail"}`, allowed to
 * send as that identity only; without one, no mail schedule and no SES grant.
 */
let plain: Synthesized;
let mailing: Synthesized;
beforeAll(() => {
  plain = synthJixiao();
  mailing = synthJixiao({ context: { mailFrom: 'jixiao@czj.example.gov.cn' } });
});
afterAll(() => {
  plain?.dispose();
  mailing?.dispose();
});

const schedules = (s: Synthesized) => Object.values(resourcesOf(s.template, 'AWS::Scheduler::Schedule'));
const jobOf = (schedule: { Properties?: Record<string, unknown> }) =>
  JSON.parse(String((schedule.Properties?.Target as { Input: string } | undefined)?.Input)).job;

describe('the daily work jobs', () => {
  it('runs the reminders before a deadline every morning in Beijing, through the jobs function', () => {
    const id = functionIdOf(plain.template, 'daily-work-jobs');
    plain.template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Timeout: 300,
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'jixiao-daily-work-jobs' }) },
    });
    const [dueSoon, ...others] = schedules(plain);
    expect(others).toEqual([]);
    expect(jobOf(dueSoon!)).toBe('due-soon');
    expect(dueSoon!.Properties).toMatchObject({
      ScheduleExpression: 'cron(0 8 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      Target: { Arn: { 'Fn::GetAtt': [id, 'Arn'] } },
    });
    const policies = Object.values(resourcesOf(plain.template, 'AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties?.Roles).includes('DailyWorkJobs'))
      .flatMap(
        (p) =>
          (p.Properties?.PolicyDocument as { Statement: { Action: string | string[] }[] } | undefined)?.Statement ?? [],
      );
    const actions = policies.flatMap((st) => (Array.isArray(st.Action) ? st.Action : [st.Action]));
    expect(actions).toEqual(expect.arrayContaining([...tableDataActions]));
    expect(actions.filter((a) => a.startsWith('ses:'))).toEqual([]);
  });

  it('with an SES sender, mails every ten minutes and may send as that identity only', () => {
    const jobs = schedules(mailing).map(jobOf).sort();
    expect(jobs).toEqual(['due-soon', 'mail']);
    const mail = schedules(mailing).find((s) => jobOf(s) === 'mail')!;
    expect(mail.Properties?.ScheduleExpression).toBe('rate(10 minutes)');
    mailing.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ MAIL_FROM: 'jixiao@czj.example.gov.cn' }) },
    });
    const ses = Object.values(resourcesOf(mailing.template, 'AWS::IAM::Policy'))
      .flatMap(
        (p) => (p.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] } | undefined)?.Statement ?? [],
      )
      .filter((st) => JSON.stringify(st.Action).includes('ses:'));
    expect(ses).toHaveLength(1);
    expect(ses[0]!.Action).toBe('ses:SendEmail');
    const resources = JSON.stringify(ses[0]!.Resource);
    expect(resources).toContain('identity/jixiao@czj.example.gov.cn');
    expect(resources).toContain('identity/czj.example.gov.cn');
    expect(resources).not.toContain('*');
  });
});
