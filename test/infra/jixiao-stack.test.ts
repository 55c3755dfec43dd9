import { claimNames } from '@jixiao/core/principal.ts';
import { roles } from '@jixiao/core/roles.ts';
import { tableDefinition } from '@jixiao/functions/adapters/dynamodb/table-definition.ts';
import { capabilities } from '@jixiao/functions/routes.ts';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceAccess, tableDataActions } from '../../infra/cdk/capability-functions.ts';
import { functionIdOf, propertiesOf, resourcesOf, type Synthesized, synthJixiao } from './support/jixiao-synth.ts';

let synth: Synthesized;
beforeAll(() => {
  synth = synthJixiao();
});
afterAll(() => synth?.dispose());

const logicalIdOf = (type: string, pathPart: string): string => {
  const ids = Object.keys(resourcesOf(synth.template, type)).filter((id) => id.startsWith(pathPart));
  if (ids.length !== 1) throw new Error(`Expected one ${type} starting with ${pathPart}, found ${ids.join(', ')}`);
  return ids[0] as string;
};

describe('one Lambda per capability', () => {
  it('has exactly the capabilities of the route table, each on Node.js 24 arm64', () => {
    // The API's functions: the daily work's scheduled jobs have a function of their own (test/infra/daily-work-jobs.test.ts).
    const functions = Object.values(resourcesOf(synth.template, 'AWS::Lambda::Function')).filter(
      (fn) =>
        fn.Properties?.Runtime !== undefined &&
        String(fn.Properties.Description).startsWith('Jixiao ') &&
        String(fn.Properties.Description).endsWith(' API'),
    );
    expect(functions).toHaveLength(capabilities.length);
    for (const capability of capabilities) {
      synth.template.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 1024,
        Timeout: 10,
        Environment: {
          Variables: {
            TABLE_NAME: { Ref: logicalIdOf('AWS::DynamoDB::GlobalTable', 'Table') },
            EVIDENCE_BUCKET: { Ref: logicalIdOf('AWS::S3::Bucket', 'EvidenceBucket') },
            POWERTOOLS_SERVICE_NAME: `jixiao-${capability}`,
            POWERTOOLS_METRICS_NAMESPACE: 'Jixiao',
            POWERTOOLS_LOG_LEVEL: 'INFO',
            NODE_OPTIONS: '--enable-source-maps',
          },
        },
      });
    }
  });

  it('logs each function to its own log group with a retention, not to a never-expiring default', () => {
    for (const capability of capabilities) {
      const fn = propertiesOf(synth.template, 'AWS::Lambda::Function', functionIdOf(synth.template, capability));
      const logGroupRef = (fn.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      const logGroup = resourcesOf(synth.template, 'AWS::Logs::LogGroup')[logGroupRef];
      expect(logGroup?.Properties?.RetentionInDays).toBe(365);
      expect(logGroup?.DeletionPolicy).toBe('Retain');
    }
    for (const [id, group] of Object.entries(resourcesOf(synth.template, 'AWS::Logs::LogGroup'))) {
      expect(group.Properties?.RetentionInDays, id).toBeGreaterThan(0);
    }
  });

  it('grants item access to the table and its named indexes only: no Scan, no wildcard, no managed policy', () => {
    const tableId = logicalIdOf('AWS::DynamoDB::GlobalTable', 'Table');
    const tableArn = { 'Fn::GetAtt': [tableId, 'Arn'] };
    for (const capability of capabilities) {
      const fnId = functionIdOf(synth.template, capability);
      const roleId = (propertiesOf(synth.template, 'AWS::Lambda::Function', fnId).Role as { 'Fn::GetAtt': string[] })[
        'Fn::GetAtt'
      ][0] as string;
      expect(propertiesOf(synth.template, 'AWS::IAM::Role', roleId).ManagedPolicyArns).toBeUndefined();

      const policies = Object.entries(resourcesOf(synth.template, 'AWS::IAM::Policy')).filter(([, p]) =>
        JSON.stringify(p.Properties?.Roles).includes(roleId),
      );
      expect(policies).toHaveLength(1);
      const policy = propertiesOf(synth.template, 'AWS::IAM::Policy', policies[0]?.[0] ?? '');
      const statements = (policy.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
      const dynamo = statements.filter((s) => JSON.stringify(s.Action).includes('dynamodb:'));
      expect(dynamo).toHaveLength(1);
      const actions = (dynamo[0]?.Action ?? []) as string[];
      expect([...actions].sort()).toEqual([...tableDataActions].sort());
      expect(actions).not.toContain('dynamodb:Scan');
      expect(dynamo[0]?.Resource).toEqual([
        tableArn,
        ...tableDefinition.globalSecondaryIndexes.map((index) => ({
          'Fn::Join': ['', [tableArn, `/index/${index.indexName}`]],
        })),
      ]);
      // The one wildcard: objects under the tenant prefix of the evidence bucket, read and write only.
      const evidence = statements.filter((s) => JSON.stringify(s).includes('EvidenceBucket'));
      expect(evidence.length, `${capability} and the evidence bucket`).toBe(evidenceAccess[capability] ? 1 : 0);
      if (evidence[0]) {
        expect(evidence[0].Action).toEqual(['s3:GetObject', 's3:PutObject']);
        expect(JSON.stringify(evidence[0].Resource)).toMatch(/"\/T\/\*"\]\]\}$/);
      }
      // The other: X-Ray's two write actions, which take no resource (active tracing).
      const xray = statements.filter((s) => JSON.stringify(s.Action).includes('xray:'));
      expect(xray).toEqual([
        { Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Effect: 'Allow', Resource: '*' },
      ]);
      const rest = statements.filter((s) => !evidence.includes(s) && !xray.includes(s));
      expect(JSON.stringify(rest)).not.toMatch(/"\*"|\/\*"/);
    }
  });
});

describe('the table', () => {
  it('has the keys, indexes and TTL of tableDefinition', () => {
    const keyAttributes = [
      tableDefinition.partitionKey,
      tableDefinition.sortKey,
      ...tableDefinition.globalSecondaryIndexes.flatMap((g) => [g.partitionKey, g.sortKey]),
    ];
    synth.template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    synth.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayEquals(
        keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      ),
      GlobalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((g) => ({
        IndexName: g.indexName,
        KeySchema: [
          { AttributeName: g.partitionKey, KeyType: 'HASH' },
          { AttributeName: g.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
    });
  });

  it('is on-demand, point-in-time recoverable, deletion-protected and retained', () => {
    synth.template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      }),
    });
  });
});

describe('buckets', () => {
  const deniesInsecureTransport = (bucketId: string) =>
    Object.values(resourcesOf(synth.template, 'AWS::S3::BucketPolicy')).some(
      (policy) =>
        JSON.stringify(policy.Properties?.Bucket) === JSON.stringify({ Ref: bucketId }) &&
        (
          (policy.Properties?.PolicyDocument ?? { Statement: [] }) as { Statement: Record<string, unknown>[] }
        ).Statement.some(
          (s) =>
            s.Effect === 'Deny' &&
            JSON.stringify(s.Condition) === JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } }),
        ),
    );

  it('keeps every bucket private, encrypted and TLS-only', () => {
    const buckets = resourcesOf(synth.template, 'AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(3);
    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.Properties?.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties?.BucketEncryption, id).toEqual({
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      });
      expect(deniesInsecureTransport(id), `${id} denies plain HTTP`).toBe(true);
    }
  });

  it('keeps evidence versioned, retained, logged, and uploadable from the site only', () => {
    const evidenceId = logicalIdOf('AWS::S3::Bucket', 'EvidenceBucket');
    const logBucketId = logicalIdOf('AWS::S3::Bucket', 'LogBucket');
    const evidence = resourcesOf(synth.template, 'AWS::S3::Bucket')[evidenceId];
    expect(evidence?.DeletionPolicy).toBe('Retain');
    expect(evidence?.Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: { Ref: logBucketId }, LogFilePrefix: 'evidence-bucket/' },
      LifecycleConfiguration: {
        Rules: [expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } })],
      },
    });
    const cors = (
      propertiesOf(synth.template, 'AWS::S3::Bucket', evidenceId).CorsConfiguration as {
        CorsRules: Record<string, unknown>[];
      }
    ).CorsRules;
    expect(cors).toHaveLength(1);
    expect(cors[0]?.AllowedMethods).toEqual(expect.arrayContaining(['POST', 'PUT']));
    expect(cors[0]?.AllowedOrigins).toEqual([
      {
        'Fn::Join': [
          '',
          ['https://', { 'Fn::GetAtt': [logicalIdOf('AWS::CloudFront::Distribution', 'Web'), 'DomainName'] }],
        ],
      },
    ]);
    expect(JSON.stringify(cors)).not.toContain('"*"');
  });

  it('logs web bucket access too', () => {
    synth.template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: {
        DestinationBucketName: { Ref: logicalIdOf('AWS::S3::Bucket', 'LogBucket') },
        LogFilePrefix: 'web-bucket/',
      },
    });
  });
});

describe('Cognito', () => {
  it('has one group per role of core/src/roles.ts', () => {
    const groups = Object.values(resourcesOf(synth.template, 'AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties?.GroupName,
    );
    expect(groups.sort()).toEqual([...roles].sort());
  });

  it('carries the organisation claims of core/src/principal.ts as custom attributes, the tenant immutable', () => {
    const pool = Object.values(resourcesOf(synth.template, 'AWS::Cognito::UserPool'))[0];
    const schema = pool?.Properties?.Schema as { Name: string; Mutable: boolean }[];
    const custom = (claim: string) => schema.find((a) => `custom:${a.Name}` === claim);
    expect(custom(claimNames.tenant)?.Mutable).toBe(false);
    for (const claim of [claimNames.department, claimNames.unit, claimNames.agency]) {
      expect(custom(claim)?.Mutable, claim).toBe(true);
    }
    expect(pool?.Properties).toMatchObject({
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      DeletionProtection: 'ACTIVE',
    });
    expect(pool?.DeletionPolicy).toBe('Retain');
  });

  it('registers the PWA as a public client: code flow, no secret, callback and logout on the site', () => {
    const siteUrl = {
      'Fn::Join': [
        '',
        ['https://', { 'Fn::GetAtt': [logicalIdOf('AWS::CloudFront::Distribution', 'Web'), 'DomainName'] }],
      ],
    };
    const clients = Object.values(resourcesOf(synth.template, 'AWS::Cognito::UserPoolClient'));
    expect(clients).toHaveLength(1);
    const client = clients[0]?.Properties ?? {};
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(client.AllowedOAuthScopes).toEqual(expect.arrayContaining(['openid', 'profile']));
    expect(client.ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
    const withSuffix = (suffix: string) => ({
      'Fn::Join': ['', [...(siteUrl['Fn::Join'][1] as unknown[]), suffix]],
    });
    expect(client.CallbackURLs).toEqual([withSuffix('/auth/callback')]);
    expect(client.LogoutURLs).toEqual([withSuffix('/')]);
    // A user must not be able to move themselves to another tenant or department.
    expect(JSON.stringify(client.WriteAttributes)).not.toContain('custom:');
    expect(client.ReadAttributes).toEqual(
      expect.arrayContaining([claimNames.tenant, claimNames.department, claimNames.unit, claimNames.agency]),
    );
  });

  it('has a hosted domain whose prefix defaults to jixiao-<account>', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', ['jixiao-', { Ref: 'AWS::AccountId' }]] },
    });
  });
});

describe('outputs', () => {
  it('names the site, the API, the user pool, the client and the table', () => {
    const outputs = synth.template.findOutputs('*');
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['SiteUrl', 'ApiUrl', 'UserPoolId', 'UserPoolClientId', 'TableName']),
    );
    expect(outputs.TableName?.Value).toEqual({ Ref: logicalIdOf('AWS::DynamoDB::GlobalTable', 'Table') });
  });
});
