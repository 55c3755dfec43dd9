import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { capabilities } from '@jixiao/functions/routes.ts';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionTimeout } from '../../infra/cdk/capability-functions.ts';
import { dailyWorkJobsTimeout } from '../../infra/cdk/daily-work-jobs.ts';
import { exportJobsTimeout } from '../../infra/cdk/export-jobs.ts';
import { alarmPolicy, tableOperations, throttledRequestsMetric } from '../../infra/cdk/operations-alarms.ts';
import {
  createTestApp,
  functionIdOf,
  propertiesOf,
  resourcesOf,
  type Synthesized,
  synthJixiao,
} from './support/jixiao-synth.ts';

const existingTopicArn = 'arn:aws:sns:ap-east-1:123456789012:district-operations';

let standard: Synthesized;
let withEmail: Synthesized;
let withTopic: Synthesized;
beforeAll(() => {
  standard = synthJixiao();
  // As `-c operatorEmail=…` passes it: one string, comma-separated.
  withEmail = synthJixiao({ context: { operatorEmail: 'ops@example.gov.cn, duty@example.gov.cn' } });
  withTopic = synthJixiao({ context: { operatorTopicArn: existingTopicArn } });
});
afterAll(() => {
  standard?.dispose();
  withEmail?.dispose();
  withTopic?.dispose();
});

type Properties = Record<string, unknown>;

const onlyId = (s: Synthesized, type: string, prefix: string): string => {
  const ids = Object.keys(resourcesOf(s.template, type)).filter((id) => id.startsWith(prefix));
  if (ids.length !== 1) throw new Error(`Expected one ${type} starting with ${prefix}, found ${ids.join(', ')}`);
  return ids[0] as string;
};

const alarmNamed = (s: Synthesized, name: string): Properties => {
  const found = Object.values(resourcesOf(s.template, 'AWS::CloudWatch::Alarm')).filter(
    (a) => a.Properties?.AlarmName === `JixiaoStack-${name}`,
  );
  if (found.length !== 1) throw new Error(`Expected one alarm JixiaoStack-${name}, found ${found.length}`);
  return found[0]?.Properties as Properties;
};

const topicRef = (s: Synthesized) => ({ Ref: onlyId(s, 'AWS::SNS::Topic', 'OperatorTopic') });

/** The threshold test, evaluation and actions every alarm shares. */
const expectAlarm = (
  alarm: Properties,
  threshold: number,
  evaluation: { evaluationPeriods: number; datapointsToAlarm: number },
  action: unknown,
) => {
  expect(alarm).toMatchObject({
    Threshold: threshold,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    EvaluationPeriods: evaluation.evaluationPeriods,
    DatapointsToAlarm: evaluation.datapointsToAlarm,
    TreatMissingData: 'notBreaching',
    AlarmActions: [action],
    OKActions: [action],
  });
};

/** `{ id: MetricStat.Metric }` of a metric-math alarm, and its one returned expression. */
const mathOf = (alarm: Properties) => {
  const metrics = alarm.Metrics as {
    Id: string;
    Expression?: string;
    ReturnData?: boolean;
    MetricStat?: { Metric: Properties; Period: number; Stat: string };
  }[];
  const expressions = metrics.filter((m) => m.Expression !== undefined);
  expect(expressions).toHaveLength(1);
  expect(expressions[0]?.ReturnData ?? true).toBe(true);
  const inputs = Object.fromEntries(
    metrics
      .filter((m) => m.MetricStat)
      .map((m) => [m.Id, { ...m.MetricStat?.Metric, ...m.MetricStat, Metric: undefined }]),
  );
  for (const input of metrics.filter((m) => m.MetricStat)) expect(input.ReturnData).toBe(false);
  return { expression: expressions[0]?.Expression as string, inputs };
};

/** CloudFormation dimensions as `{ Name: Value }`, whatever order aws-cdk-lib wrote them in. */
const dimensionsOf = (metric: Properties) =>
  Object.fromEntries((metric.Dimensions as { Name: string; Value: unknown }[]).map((d) => [d.Name, d.Value]));

const once = { evaluationPeriods: 1, datapointsToAlarm: 1 };
const sustained = { evaluationPeriods: 3, datapointsToAlarm: 2 };

describe('alarms', () => {
  it('are exactly: the API 5xx rate and 429s, errors, throttles and p95 duration of each Lambda, four on the table', () => {
    const names = Object.values(resourcesOf(standard.template, 'AWS::CloudWatch::Alarm')).map(
      (a) => a.Properties?.AlarmName,
    );
    expect(names.sort()).toEqual(
      [
        'api-5xx-rate',
        'api-throttled',
        ...[...capabilities, 'daily-work-jobs', 'export-jobs', 'archive-jobs'].flatMap((c) => [
          `${c}-errors`,
          `${c}-throttles`,
          `${c}-duration-p95`,
        ]),
        'table-throttled-requests',
        'table-read-throttle-events',
        'table-write-throttle-events',
        'table-system-errors',
      ]
        .map((n) => `JixiaoStack-${n}`)
        .sort(),
    );
    for (const [id, alarm] of Object.entries(resourcesOf(standard.template, 'AWS::CloudWatch::Alarm'))) {
      expect(String(alarm.Properties?.AlarmDescription).length, id).toBeGreaterThan(40);
    }
  });

  it('the API 5xx rate: 5xx over requests of the $default stage, at 5 % over at least 20 requests', () => {
    const alarm = alarmNamed(standard, 'api-5xx-rate');
    expectAlarm(alarm, alarmPolicy.api5xxRatePercent, sustained, topicRef(standard));
    expect(alarmPolicy.api5xxRatePercent).toBe(5);
    const { expression, inputs } = mathOf(alarm);
    expect(expression).toBe('IF(FILL(requests, 0) >= 20, 100 * FILL(errors, 0) / requests, 0)');
    const dimensions = [
      { Name: 'ApiId', Value: { Ref: onlyId(standard, 'AWS::ApiGatewayV2::Api', 'ApiHttpApi') } },
      { Name: 'Stage', Value: '$default' },
    ];
    expect(inputs.requests).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: 'Count', Dimensions: dimensions });
    expect(inputs.requests).toMatchObject({ Period: 300, Stat: 'Sum' });
    expect(inputs.errors).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: '5xx', Dimensions: dimensions });
    expect(inputs.errors).toMatchObject({ Period: 300, Stat: 'Sum' });
  });

  it('the API throttles: 429s counted from the access log, 10 in a period', () => {
    const alarm = alarmNamed(standard, 'api-throttled');
    expectAlarm(alarm, 10, sustained, topicRef(standard));
    expect(alarm).toMatchObject({
      Namespace: throttledRequestsMetric.namespace,
      MetricName: throttledRequestsMetric.metricName,
      Statistic: 'Sum',
      Period: 300,
    });
    standard.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: onlyId(standard, 'AWS::Logs::LogGroup', 'ApiAccessLogs') },
      FilterPattern: '{ $.status = "429" }',
      MetricTransformations: [{ MetricNamespace: 'Jixiao', MetricName: 'ApiThrottledRequests', MetricValue: '1' }],
    });
  });

  it.each(capabilities)('%s Lambda: errors and throttles on any, p95 duration at half its timeout', (capability) => {
    const fn = [{ Name: 'FunctionName', Value: { Ref: functionIdOf(standard.template, capability) } }];
    const errors = alarmNamed(standard, `${capability}-errors`);
    expectAlarm(errors, 1, once, topicRef(standard));
    expect(errors).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: fn,
      Statistic: 'Sum',
      Period: 300,
    });
    const throttles = alarmNamed(standard, `${capability}-throttles`);
    expectAlarm(throttles, 1, once, topicRef(standard));
    expect(throttles).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Throttles',
      Dimensions: fn,
      Statistic: 'Sum',
    });
    const duration = alarmNamed(standard, `${capability}-duration-p95`);
    expect(functionTimeout.toSeconds()).toBe(10);
    expectAlarm(duration, 5_000, sustained, topicRef(standard));
    expect(duration).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Duration',
      Dimensions: fn,
      ExtendedStatistic: 'p95',
      Period: 300,
    });
  });

  it.each([
    ['daily-work-jobs', dailyWorkJobsTimeout],
    ['export-jobs', exportJobsTimeout],
    ['archive-jobs', exportJobsTimeout],
  ] as const)(
    'the %s Lambda, off the request path: errors and throttles on any, p95 duration at half its timeout',
    (name, timeout) => {
      const fn = [{ Name: 'FunctionName', Value: { Ref: functionIdOf(standard.template, name) } }];
      const errors = alarmNamed(standard, `${name}-errors`);
      expectAlarm(errors, 1, once, topicRef(standard));
      expect(errors).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: fn });
      expectAlarm(alarmNamed(standard, `${name}-throttles`), 1, once, topicRef(standard));
      const duration = alarmNamed(standard, `${name}-duration-p95`);
      expectAlarm(duration, timeout.toMilliseconds() / 2, sustained, topicRef(standard));
      expect(duration).toMatchObject({ MetricName: 'Duration', Dimensions: fn, ExtendedStatistic: 'p95' });
    },
  );

  it('the table: throttled requests of every operation the functions use, summed', () => {
    const table = { Ref: onlyId(standard, 'AWS::DynamoDB::GlobalTable', 'Table') };
    for (const [name, metricName, evaluation] of [
      ['table-throttled-requests', 'ThrottledRequests', sustained],
      ['table-system-errors', 'SystemErrors', once],
    ] as const) {
      const alarm = alarmNamed(standard, name);
      expectAlarm(alarm, 1, evaluation, topicRef(standard));
      const { expression, inputs } = mathOf(alarm);
      expect(Object.values(inputs)).toHaveLength(tableOperations.length);
      expect(expression.split(' + ')).toHaveLength(tableOperations.length);
      expect(Object.values(inputs).map(dimensionsOf)).toEqual(
        tableOperations.map((operation) => ({ TableName: table, Operation: operation })),
      );
      for (const input of Object.values(inputs)) {
        expect(input).toMatchObject({ Namespace: 'AWS/DynamoDB', MetricName: metricName, Stat: 'Sum', Period: 300 });
      }
    }
    expect(tableOperations).toEqual([
      'GetItem',
      'BatchGetItem',
      'Query',
      'PutItem',
      'UpdateItem',
      'DeleteItem',
      'BatchWriteItem',
      'TransactWriteItems',
      'TransactGetItems',
    ]);
  });

  it('the table: read and write throttle events of the table and of each index', () => {
    const table = { Ref: onlyId(standard, 'AWS::DynamoDB::GlobalTable', 'Table') };
    for (const [name, metricName] of [
      ['table-read-throttle-events', 'ReadThrottleEvents'],
      ['table-write-throttle-events', 'WriteThrottleEvents'],
    ] as const) {
      const alarm = alarmNamed(standard, name);
      expectAlarm(alarm, 1, sustained, topicRef(standard));
      const { inputs } = mathOf(alarm);
      expect(Object.values(inputs).map(dimensionsOf)).toEqual([
        { TableName: table },
        ...['gsi1', 'gsi2', 'gsi3'].map((index) => ({ TableName: table, GlobalSecondaryIndexName: index })),
      ]);
      for (const input of Object.values(inputs)) {
        expect(input).toMatchObject({ Namespace: 'AWS/DynamoDB', MetricName: metricName, Stat: 'Sum' });
      }
    }
  });

  it('go to an existing topic when operatorTopicArn is set, and no topic is made', () => {
    withTopic.template.resourceCountIs('AWS::SNS::Topic', 0);
    withTopic.template.resourceCountIs('AWS::KMS::Key', 0);
    for (const alarm of Object.values(resourcesOf(withTopic.template, 'AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties).toMatchObject({ AlarmActions: [existingTopicArn], OKActions: [existingTopicArn] });
    }
    expect(withTopic.template.findOutputs('OperatorTopicArn').OperatorTopicArn?.Value).toBe(existingTopicArn);
  });
});

describe('the operator topic', () => {
  it('is encrypted with its own rotating key, which CloudWatch may use to publish', () => {
    const keyId = onlyId(standard, 'AWS::KMS::Key', 'OperatorTopic');
    standard.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    const key = propertiesOf(standard.template, 'AWS::KMS::Key', keyId);
    expect(key.EnableKeyRotation).toBe(true);
    const statements = (key.KeyPolicy as { Statement: Properties[] }).Statement;
    expect(statements).toContainEqual({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Resource: '*',
    });
  });

  it('refuses publishers that do not use TLS', () => {
    standard.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [topicRef(standard)],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('has no subscription without operatorEmail, and one email subscription per address with it', () => {
    standard.template.resourceCountIs('AWS::SNS::Subscription', 0);
    withEmail.template.resourceCountIs('AWS::SNS::Subscription', 2);
    for (const address of ['ops@example.gov.cn', 'duty@example.gov.cn']) {
      withEmail.template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: address,
        TopicArn: topicRef(withEmail),
      });
    }
  });

  it('refuses a malformed address, a malformed ARN, or both keys at once', () => {
    const build = (context: Record<string, unknown>) => () => createTestApp({ context, webBuild: 'none' }).dispose();
    expect(build({ operatorEmail: 'ops at example.gov.cn' })).toThrow(/operatorEmail.*email/);
    expect(build({ operatorEmail: 'ops@example.gov.cn,nobody' })).toThrow(/nobody/);
    expect(build({ operatorTopicArn: 'arn:aws:sqs:ap-east-1:123456789012:ops' })).toThrow(/operatorTopicArn/);
    expect(build({ operatorTopicArn: 'arn:aws:sns:ap-east-1:123456789012:ops.fifo' })).toThrow(/operatorTopicArn/);
    expect(build({ operatorTopicArn: existingTopicArn, operatorEmail: 'ops@example.gov.cn' })).toThrow(
      /exclude each other/,
    );
  });
});

describe('the operations dashboard', () => {
  /** The dashboard body with every CloudFormation reference written as `<LogicalId>`. */
  const body = (s: Synthesized): string => {
    const dashboards = Object.values(resourcesOf(s.template, 'AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0]?.Properties?.DashboardName).toBe('JixiaoStack-operations');
    const dashboardBody = dashboards[0]?.Properties?.DashboardBody as { 'Fn::Join': [string, unknown[]] };
    const parts = dashboardBody['Fn::Join'][1];
    return parts
      .map((p) =>
        typeof p === 'string'
          ? p
          : 'Ref' in (p as Properties)
            ? `<${(p as { Ref: string }).Ref}>`
            : `<${((p as { 'Fn::GetAtt': string[] })['Fn::GetAtt'] ?? []).join('.')}>`,
      )
      .join('');
  };

  it('shows every alarm, the API, each capability Lambda and the table', () => {
    const dashboard = JSON.parse(body(standard).replace(/<AWS::Region>/g, 'region')) as {
      widgets: { type: string; properties: Properties }[];
    };
    const text = JSON.stringify(dashboard);
    const alarmWidget = dashboard.widgets.find((w) => w.type === 'alarm');
    expect((alarmWidget?.properties.alarms as unknown[] | undefined)?.length).toBe(
      Object.keys(resourcesOf(standard.template, 'AWS::CloudWatch::Alarm')).length,
    );
    for (const alarmId of Object.keys(resourcesOf(standard.template, 'AWS::CloudWatch::Alarm'))) {
      expect(text).toContain(`<${alarmId}.Arn>`);
    }
    const apiId = onlyId(standard, 'AWS::ApiGatewayV2::Api', 'ApiHttpApi');
    for (const metric of ['Count', '4xx', '5xx', 'Latency', 'IntegrationLatency']) {
      expect(text).toContain(`"AWS/ApiGateway","${metric}","ApiId","<${apiId}>","Stage","$default"`);
    }
    expect(text).toContain('"Jixiao","ApiThrottledRequests"');
    for (const capability of [...capabilities, 'daily-work-jobs', 'export-jobs', 'archive-jobs']) {
      const fn = functionIdOf(standard.template, capability);
      for (const metric of ['Invocations', 'Errors', 'Throttles', 'Duration', 'ConcurrentExecutions']) {
        expect(text, `${capability} ${metric}`).toContain(`"AWS/Lambda","${metric}","FunctionName","<${fn}>"`);
      }
      expect(text).toContain(`## Lambda: ${capability}`);
    }
    const table = onlyId(standard, 'AWS::DynamoDB::GlobalTable', 'Table');
    for (const metric of [
      'ConsumedReadCapacityUnits',
      'ConsumedWriteCapacityUnits',
      'ThrottledRequests',
      'ReadThrottleEvents',
      'WriteThrottleEvents',
      'SystemErrors',
      'SuccessfulRequestLatency',
    ]) {
      expect(text, metric).toMatch(new RegExp(`"AWS/DynamoDB","${metric}",[^\\]]*"TableName","<${table}>"`));
    }
  });
});

describe('tracing', () => {
  it('is active on every capability Lambda, whose role may write traces', () => {
    for (const capability of capabilities) {
      const fn = propertiesOf(standard.template, 'AWS::Lambda::Function', functionIdOf(standard.template, capability));
      expect(fn.TracingConfig, capability).toEqual({ Mode: 'Active' });
    }
  });
});

describe('identity administration', () => {
  const cognitoStatements = (s: Synthesized, capability: string) => {
    const fn = propertiesOf(s.template, 'AWS::Lambda::Function', functionIdOf(s.template, capability));
    const roleId = (fn.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0] as string;
    return Object.values(resourcesOf(s.template, 'AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties?.Roles).includes(roleId))
      .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: Properties[] } | undefined)?.Statement ?? [])
      .filter((statement) => JSON.stringify(statement.Action).includes('cognito-idp:'));
  };
  const environmentOf = (s: Synthesized, capability: string) =>
    (
      propertiesOf(s.template, 'AWS::Lambda::Function', functionIdOf(s.template, capability)).Environment as {
        Variables: Properties;
      }
    ).Variables;

  it('lets the organisation Lambda manage accounts of the user pool only, and tells it the pool id', () => {
    const pool = onlyId(standard, 'AWS::Cognito::UserPool', 'IdentityUserPool');
    const statements = cognitoStatements(standard, 'organisation');
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ Effect: 'Allow', Resource: { 'Fn::GetAtt': [pool, 'Arn'] } });
    // Every command the adapter sends, and nothing else: a missing grant would fail every sync in the cloud.
    const adapter = readFileSync(
      resolve(import.meta.dirname, '../../functions/src/adapters/cognito/cognito-identity-directory.ts'),
      'utf8',
    );
    const sent = [...new Set([...adapter.matchAll(/new (Admin\w+)Command\(/g)].map((m) => `cognito-idp:${m[1]}`))];
    expect(sent).toContain('cognito-idp:AdminListGroupsForUser');
    expect([...((statements[0]?.Action ?? []) as string[])].sort()).toEqual(sent.sort());
    expect(environmentOf(standard, 'organisation').USER_POOL_ID).toEqual({ Ref: pool });
    for (const capability of capabilities.filter((c) => c !== 'organisation')) {
      expect(cognitoStatements(standard, capability), capability).toEqual([]);
      expect(environmentOf(standard, capability).USER_POOL_ID, capability).toBeUndefined();
    }
  });

  it('grants nothing and sets no pool with another OIDC provider', () => {
    const oidc = synthJixiao({
      context: { oidcIssuer: 'https://sso.example.gov.cn/realms/jixiao', oidcAudience: 'jixiao-pwa' },
    });
    try {
      for (const capability of capabilities) {
        expect(cognitoStatements(oidc, capability), capability).toEqual([]);
        expect(environmentOf(oidc, capability).USER_POOL_ID, capability).toBeUndefined();
      }
    } finally {
      oidc.dispose();
    }
  });
});
