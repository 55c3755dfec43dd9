import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  type Metric,
  Stats,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, type ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/**
 * The alarm policy in one place: docs/operations.md explains each figure, and the template tests
 * read them from here. Every alarm looks at 5-minute periods.
 */
export const alarmPolicy = {
  period: Duration.minutes(5),
  /** 5xx answers as a share of all answers, in percent… */
  api5xxRatePercent: 5,
  /** …judged only over periods with at least this many requests, so one failure at night is not 100 %. */
  api5xxMinimumRequests: 20,
  /** Requests refused with 429 by the stage's throttle in one period. */
  apiThrottledRequests: 10,
  /** Invocations that failed outside the handler's own error handling (crash, timeout, init). */
  lambdaErrors: 1,
  lambdaThrottles: 1,
  /** p95 duration at or above this share of the function's timeout. */
  lambdaDurationShareOfTimeout: 0.5,
  tableThrottles: 1,
  tableSystemErrors: 1,
} as const;

/** The p95 duration alarm's threshold for a function with this timeout. */
export const durationThresholdMs = (timeout: Duration): number =>
  Math.round(timeout.toMilliseconds() * alarmPolicy.lambdaDurationShareOfTimeout);

/** Alarms on a failure fire on one bad period; alarms on a rate or a slowdown need two of three. */
const once = { evaluationPeriods: 1, datapointsToAlarm: 1 } as const;
const sustained = { evaluationPeriods: 3, datapointsToAlarm: 2 } as const;

/**
 * The table operations the functions use (the IAM actions of capability-functions.ts, plus the
 * transactions they authorise); CloudWatch reports ThrottledRequests and SystemErrors per
 * operation, and one alarm may combine at most 10 metrics.
 */
export const tableOperations = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.BATCH_WRITE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
  Operation.TRANSACT_GET_ITEMS,
] as const;

/** Where the 429s counted from the API's access logs are published. */
export const throttledRequestsMetric = { namespace: 'Jixiao', metricName: 'ApiThrottledRequests' } as const;

export interface MonitoredFunction {
  /** The capability, or the job function's name (`daily-work-jobs`, `export-jobs`, `archive-jobs`): it names the alarms. */
  name: string;
  function: IFunction;
  timeout: Duration;
}

export interface OperationsAlarmsProps {
  stage: HttpStage;
  accessLogs: ILogGroup;
  functions: readonly MonitoredFunction[];
  table: TableV2;
  indexNames: readonly string[];
  topic: ITopic;
}

/** The metrics the alarms watch, kept for the dashboard so both show the same figures. */
export interface OperationsMetrics {
  apiRequests: Metric;
  api4xx: Metric;
  api5xx: Metric;
  api5xxRate: MathExpression;
  apiThrottled: Metric;
  tableThrottledRequests: MathExpression;
  tableReadThrottleEvents: MathExpression;
  tableWriteThrottleEvents: MathExpression;
  tableSystemErrors: MathExpression;
}

/** CloudWatch alarms on the API, each capability's Lambda and the table, all sent to the operator topic. */
export class OperationsAlarms extends Construct {
  readonly alarms: Alarm[] = [];
  readonly metrics: OperationsMetrics;
  /** Per function (capability or job): its errors, throttles and p95 duration alarms. */
  readonly functionAlarms = new Map<string, { errors: Alarm; throttles: Alarm; duration: Alarm }>();

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    const period = alarmPolicy.period;
    const prefix = Stack.of(this).stackName;
    const action = new SnsAction(props.topic);
    const alarm = (
      alarmId: string,
      name: string,
      metric: IMetric,
      threshold: number,
      evaluation: typeof once | typeof sustained,
      description: string,
    ): Alarm => {
      const created = new Alarm(this, alarmId, {
        alarmName: `${prefix}-${name}`,
        alarmDescription: description,
        metric,
        threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        ...evaluation,
        // No traffic is not a failure: a quiet night must not page anyone.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      // The all-clear goes to the same people, so nobody has to look it up.
      created.addOkAction(action);
      this.alarms.push(created);
      return created;
    };

    // ---- the API (HTTP API metrics of the $default stage)
    const apiRequests = props.stage.metricCount({ period, statistic: Stats.SUM });
    const api4xx = props.stage.metricClientError({ period, statistic: Stats.SUM });
    const api5xx = props.stage.metricServerError({ period, statistic: Stats.SUM });
    const api5xxRate = new MathExpression({
      expression: `IF(FILL(requests, 0) >= ${alarmPolicy.api5xxMinimumRequests}, 100 * FILL(errors, 0) / requests, 0)`,
      usingMetrics: { requests: apiRequests, errors: api5xx },
      period,
      label: '5xx rate (%)',
    });
    alarm(
      'Api5xxRate',
      'api-5xx-rate',
      api5xxRate,
      alarmPolicy.api5xxRatePercent,
      sustained,
      `${alarmPolicy.api5xxRatePercent} % or more of the API's answers were 5xx in two of three 5-minute periods ` +
        `(periods with at least ${alarmPolicy.api5xxMinimumRequests} requests). Handled failures answer 500/503 ` +
        'without a Lambda error, so this is the alarm that sees them. See docs/operations.md.',
    );

    // HTTP APIs publish 4xx but no 429 of their own: the access log's status field is counted instead.
    const apiThrottled = new MetricFilter(this, 'ThrottledRequestsFilter', {
      logGroup: props.accessLogs,
      filterPattern: FilterPattern.stringValue('$.status', '=', '429'),
      metricNamespace: throttledRequestsMetric.namespace,
      metricName: throttledRequestsMetric.metricName,
      metricValue: '1',
    }).metric({ period, statistic: Stats.SUM });
    alarm(
      'ApiThrottled',
      'api-throttled',
      apiThrottled,
      alarmPolicy.apiThrottledRequests,
      sustained,
      `${alarmPolicy.apiThrottledRequests} or more requests refused with 429 by the stage throttle in two of three ` +
        '5-minute periods: the throttleRateLimit/throttleBurstLimit context is too low for the load.',
    );

    // ---- each capability's Lambda
    for (const { name: capability, function: fn, timeout } of props.functions) {
      const durationThreshold = durationThresholdMs(timeout);
      this.functionAlarms.set(capability, {
        errors: alarm(
          `${capability}Errors`,
          `${capability}-errors`,
          fn.metricErrors({ period, statistic: Stats.SUM }),
          alarmPolicy.lambdaErrors,
          once,
          `The ${capability} Lambda failed outside its error handling (crash, timeout or failed start) in a 5-minute period.`,
        ),
        throttles: alarm(
          `${capability}Throttles`,
          `${capability}-throttles`,
          fn.metricThrottles({ period, statistic: Stats.SUM }),
          alarmPolicy.lambdaThrottles,
          once,
          `Lambda refused to run the ${capability} function (concurrency exhausted) in a 5-minute period; the caller got a 5xx.`,
        ),
        duration: alarm(
          `${capability}DurationP95`,
          `${capability}-duration-p95`,
          fn.metricDuration({ period, statistic: Stats.p(95) }),
          durationThreshold,
          sustained,
          `The ${capability} Lambda's p95 duration reached ${durationThreshold} ms, ` +
            `${alarmPolicy.lambdaDurationShareOfTimeout * 100} % of its ${timeout.toSeconds()} s timeout, ` +
            'in two of three 5-minute periods.',
        ),
      });
    }

    // ---- the table
    // Sums with ids of their own (not aws-cdk-lib's *ForOperations helpers, whose ids repeat), so
    // the dashboard can draw them on one graph.
    const sum = (label: string, usingMetrics: Record<string, IMetric>) =>
      new MathExpression({
        expression: Object.keys(usingMetrics)
          .map((key) => `FILL(${key}, 0)`)
          .join(' + '),
        usingMetrics,
        period,
        label,
      });
    const perOperation = (metricName: 'ThrottledRequests' | 'SystemErrors', id: string) =>
      Object.fromEntries(
        tableOperations.map((operation) => [
          `${id}${operation}`,
          props.table.metric(metricName, {
            period,
            statistic: Stats.SUM,
            dimensionsMap: { TableName: props.table.tableName, Operation: operation },
          }),
        ]),
      );
    const tableThrottledRequests = sum('Throttled requests', perOperation('ThrottledRequests', 'throttled'));
    const throttleEvents = (metricName: 'ReadThrottleEvents' | 'WriteThrottleEvents', label: string) => {
      const id = metricName === 'ReadThrottleEvents' ? 'read' : 'write';
      // The table's own events and each index's: a throttled index also throttles the table's writes.
      const usingMetrics: Record<string, IMetric> = {
        [`${id}Table`]: props.table.metric(metricName, { period, statistic: Stats.SUM }),
      };
      props.indexNames.forEach((indexName, i) => {
        usingMetrics[`${id}Index${i}`] = props.table.metric(metricName, {
          period,
          statistic: Stats.SUM,
          dimensionsMap: { TableName: props.table.tableName, GlobalSecondaryIndexName: indexName },
        });
      });
      return sum(label, usingMetrics);
    };
    const tableReadThrottleEvents = throttleEvents('ReadThrottleEvents', 'Read throttle events (table + indexes)');
    const tableWriteThrottleEvents = throttleEvents('WriteThrottleEvents', 'Write throttle events (table + indexes)');
    const tableSystemErrors = sum('System errors', perOperation('SystemErrors', 'system'));
    const tableThrottleWhy =
      'in two of three 5-minute periods. The SDK retries a throttled call a few times, so a short burst passes; ' +
      'sustained throttling ends in 503s.';
    alarm(
      'TableThrottledRequests',
      'table-throttled-requests',
      tableThrottledRequests,
      alarmPolicy.tableThrottles,
      sustained,
      `DynamoDB throttled requests to the table ${tableThrottleWhy}`,
    );
    alarm(
      'TableReadThrottleEvents',
      'table-read-throttle-events',
      tableReadThrottleEvents,
      alarmPolicy.tableThrottles,
      sustained,
      `DynamoDB throttled reads of the table or an index ${tableThrottleWhy}`,
    );
    alarm(
      'TableWriteThrottleEvents',
      'table-write-throttle-events',
      tableWriteThrottleEvents,
      alarmPolicy.tableThrottles,
      sustained,
      `DynamoDB throttled writes to the table or an index ${tableThrottleWhy}`,
    );
    alarm(
      'TableSystemErrors',
      'table-system-errors',
      tableSystemErrors,
      alarmPolicy.tableSystemErrors,
      once,
      'DynamoDB answered the table with internal server errors in a 5-minute period (an AWS-side fault; ' +
        'requests it failed answered 503).',
    );

    this.metrics = {
      apiRequests,
      api4xx,
      api5xx,
      api5xxRate,
      apiThrottled,
      tableThrottledRequests,
      tableReadThrottleEvents,
      tableWriteThrottleEvents,
      tableSystemErrors,
    };
  }
}
