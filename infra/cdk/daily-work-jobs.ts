import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { ILayerVersion } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { bundledFunction, tableDataActions } from './capability-functions.ts';
import type { FunctionWithLogGroup } from './function-with-log-group.ts';

export interface DailyWorkJobsProps {
  table: ITableV2;
  tableResources: string[];
  powertools: ILayerVersion;
  logRetention: RetentionDays;
  /** The verified SES address notifications are e-mailed from; undefined: no e-mail, and no mail schedule. */
  mailFrom?: string | undefined;
}

/** A tenant's run reads its rounds and tallies and writes a few hundred notifications at most. */
export const dailyWorkJobsTimeout = Duration.minutes(5);

/** The job's handler (functions/src/handlers/daily-work-jobs.ts) takes `{ job }`; the schedules name it. */
export const dailyWorkJobsEntry = 'functions/src/handlers/daily-work-jobs.ts';

/**
 * The daily work's scheduled jobs (docs/domain/daily-work.md#the-scheduled-jobs): one function, invoked by EventBridge
 * Scheduler every morning at 08:00 Beijing time for the reminders before a deadline, and every ten minutes for the
 * e-mail when an SES sender is configured. The jobs run for every tenant; both are idempotent, so a retried or
 * doubled invocation tells and mails no one twice.
 */
export class DailyWorkJobs extends Construct {
  readonly function: FunctionWithLogGroup;
  /** The role the schedules invoke the function with: that function only. */
  readonly schedulerRole: Role;
  readonly dueSoon: Schedule;
  readonly mail: Schedule | undefined;

  constructor(scope: Construct, id: string, props: DailyWorkJobsProps) {
    super(scope, id);
    this.function = bundledFunction(this, 'Function', {
      description: 'Jixiao daily-work jobs: reminders before deadlines, e-mail of notifications',
      entry: dailyWorkJobsEntry,
      powertools: props.powertools,
      logRetention: props.logRetention,
      timeout: dailyWorkJobsTimeout,
      environment: {
        TABLE_NAME: props.table.tableName,
        POWERTOOLS_SERVICE_NAME: 'jixiao-daily-work-jobs',
        ...(props.mailFrom ? { MAIL_FROM: props.mailFrom } : {}),
      },
    });
    this.function.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...tableDataActions], resources: props.tableResources }),
    );
    if (props.mailFrom) {
      // The sender's own identity (the address, or its verified domain), nothing else of SES.
      const stack = Stack.of(this);
      const domain = props.mailFrom.split('@')[1];
      this.function.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [props.mailFrom, domain].map((identity) =>
            stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
          ),
        }),
      );
    }
    this.schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
      description: 'EventBridge Scheduler invokes the daily-work jobs function',
    });
    const invoke = (job: 'due-soon' | 'mail') =>
      new LambdaInvoke(this.function.function, {
        input: ScheduleTargetInput.fromObject({ job }),
        role: this.schedulerRole,
        retryAttempts: 2,
      });
    this.dueSoon = new Schedule(this, 'DueSoon', {
      description: 'Reminds the departments behind in a round whose deadline is near (daily, 08:00 Beijing)',
      schedule: ScheduleExpression.cron({ minute: '0', hour: '8', timeZone: TimeZone.ASIA_SHANGHAI }),
      target: invoke('due-soon'),
    });
    this.mail = props.mailFrom
      ? new Schedule(this, 'Mail', {
          description: 'E-mails the notifications still to send (every 10 minutes)',
          schedule: ScheduleExpression.rate(Duration.minutes(10)),
          target: invoke('mail'),
        })
      : undefined;
  }
}
