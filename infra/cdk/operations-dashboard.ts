import { Stack } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { AlarmStatusWidget, Dashboard, GraphWidget, type IWidget, Stats, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import {
  alarmPolicy,
  durationThresholdMs,
  type MonitoredFunction,
  type OperationsAlarms,
} from './operations-alarms.ts';

export interface OperationsDashboardProps {
  stage: HttpStage;
  alarms: OperationsAlarms;
  functions: readonly MonitoredFunction[];
  table: TableV2;
}

/** Graph widgets are 8 columns of the dashboard's 24, so a row holds three. */
const third = { width: 8, height: 6 } as const;

/**
 * One CloudWatch dashboard for the people on call: the alarms' states first, then a row for the
 * API, one for each capability's Lambda and one for the table — the metrics the alarms watch,
 * with each alarm's threshold drawn on its graph.
 */
export class OperationsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const period = alarmPolicy.period;
    const m = props.alarms.metrics;
    const rows: IWidget[][] = [];

    rows.push([new AlarmStatusWidget({ title: 'Alarms', alarms: props.alarms.alarms, width: 24, height: 4 })]);

    rows.push([new TextWidget({ markdown: '## API (HTTP API, $default stage)', width: 24, height: 1 })]);
    rows.push([
      new GraphWidget({
        ...third,
        title: 'API requests and errors',
        left: [
          m.apiRequests.with({ label: 'Requests' }),
          m.api4xx.with({ label: '4xx' }),
          m.api5xx.with({ label: '5xx' }),
        ],
        right: [m.apiThrottled.with({ label: '429 (throttled)' })],
      }),
      new GraphWidget({
        ...third,
        title: 'API 5xx rate (%)',
        left: [m.api5xxRate],
        leftAnnotations: [{ value: alarmPolicy.api5xxRatePercent, label: 'alarm' }],
        leftYAxis: { min: 0 },
      }),
      new GraphWidget({
        ...third,
        title: 'API latency (ms)',
        left: [
          props.stage.metricLatency({ period, statistic: Stats.p(50), label: 'p50' }),
          props.stage.metricLatency({ period, statistic: Stats.p(95), label: 'p95' }),
          props.stage.metricLatency({ period, statistic: Stats.p(99), label: 'p99' }),
          props.stage.metricIntegrationLatency({ period, statistic: Stats.p(95), label: 'integration p95' }),
        ],
        leftYAxis: { min: 0 },
      }),
    ]);

    for (const { name: capability, function: fn, timeout } of props.functions) {
      rows.push([new TextWidget({ markdown: `## Lambda: ${capability}`, width: 24, height: 1 })]);
      rows.push([
        new GraphWidget({
          ...third,
          title: `${capability}: invocations, errors, throttles`,
          left: [fn.metricInvocations({ period, statistic: Stats.SUM })],
          right: [
            fn.metricErrors({ period, statistic: Stats.SUM }),
            fn.metricThrottles({ period, statistic: Stats.SUM }),
          ],
        }),
        new GraphWidget({
          ...third,
          title: `${capability}: duration (ms)`,
          left: [
            fn.metricDuration({ period, statistic: Stats.p(50), label: 'p50' }),
            fn.metricDuration({ period, statistic: Stats.p(95), label: 'p95' }),
            fn.metricDuration({ period, statistic: Stats.MAXIMUM, label: 'max' }),
          ],
          leftAnnotations: [
            { value: durationThresholdMs(timeout), label: 'p95 alarm' },
            { value: timeout.toMilliseconds(), label: 'timeout' },
          ],
          leftYAxis: { min: 0 },
        }),
        new GraphWidget({
          ...third,
          title: `${capability}: concurrent executions`,
          left: [fn.metric('ConcurrentExecutions', { period, statistic: Stats.MAXIMUM })],
          leftYAxis: { min: 0 },
        }),
      ]);
    }

    const table = props.table;
    rows.push([new TextWidget({ markdown: '## DynamoDB table', width: 24, height: 1 })]);
    rows.push([
      new GraphWidget({
        ...third,
        title: 'Table: consumed capacity',
        left: [
          table.metricConsumedReadCapacityUnits({ period, statistic: Stats.SUM, label: 'read units' }),
          table.metricConsumedWriteCapacityUnits({ period, statistic: Stats.SUM, label: 'write units' }),
        ],
      }),
      new GraphWidget({
        ...third,
        title: 'Table: throttles and system errors',
        left: [m.tableThrottledRequests, m.tableReadThrottleEvents, m.tableWriteThrottleEvents, m.tableSystemErrors],
        leftAnnotations: [{ value: alarmPolicy.tableThrottles, label: 'alarm' }],
      }),
      new GraphWidget({
        ...third,
        title: 'Table: request latency p95 (ms)',
        left: ['GetItem', 'Query', 'TransactWriteItems'].map((operation) =>
          table.metricSuccessfulRequestLatency({
            period,
            statistic: Stats.p(95),
            label: operation,
            dimensionsMap: { TableName: table.tableName, Operation: operation },
          }),
        ),
      }),
    ]);

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-operations`,
      widgets: rows,
    });
  }
}
