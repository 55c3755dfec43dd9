import type { Capability } from '@jixiao/functions/routes.ts';
import { type CfnElement, DefaultStackSynthesizer, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { evidenceAccess, evidenceObjectPattern } from './capability-functions.ts';
import type { JixiaoStack } from './jixiao-stack.ts';

/**
 * Every cdk-nag (AwsSolutions) finding this app accepts, and why. This is the only file that
 * acknowledges findings; what was cheap to fix was fixed instead (own log groups and roles instead
 * of AWSLambdaBasicExecutionRole, table and index ARNs instead of `index/*`, OAC, access logs,
 * TLS-only bucket policies, MFA, a password policy).
 */
export interface NagAcknowledgement {
  /** The construct the acknowledgement covers, with everything below it. */
  scope: IConstruct;
  /** `AwsSolutions-<rule>` or, for granular findings, `AwsSolutions-<rule>[<finding>]`. */
  id: string;
  reason: string;
}

/** How cdk-nag writes a resource's ARN inside a granular finding: `<LogicalId.Arn>`. */
const arnOf = (resource: IConstruct): string => {
  const cfn = resource.node.defaultChild as CfnElement | undefined;
  if (!cfn) throw new Error(`${resource.node.path} has no CloudFormation resource`);
  return `<${Stack.of(resource).getLogicalId(cfn)}.Arn>`;
};

const assetBucketObjects = (stack: Stack): string => {
  const qualifier =
    stack.synthesizer instanceof DefaultStackSynthesizer
      ? (stack.synthesizer.bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER)
      : DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  return `arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-<AWS::Region>/*`;
};

export const nagAcknowledgements = (stack: JixiaoStack): NagAcknowledgement[] => {
  const acknowledgements: NagAcknowledgement[] = [];
  const add = (scope: IConstruct, id: string, reason: string): void => {
    acknowledgements.push({ scope, id, reason });
  };

  for (const [route, httpRoute] of stack.routes.routes) {
    if (route.access !== 'public') continue;
    add(
      httpRoute,
      'AwsSolutions-APIG4',
      `${route.method} ${route.path} is public in the route table (access: 'public') and returns no tenant data: ${route.summary}`,
    );
  }

  if (stack.identity.userPool) {
    add(
      stack.identity.userPool,
      'AwsSolutions-COG8',
      'The Plus plan (threat protection) is billed per monthly active user; the Essentials plan with required TOTP MFA, ' +
        'a 12-character password policy and no self sign-up is the chosen baseline for a few hundred bureau accounts.',
    );
  }

  const distribution = stack.web.distribution;
  add(
    distribution,
    'AwsSolutions-CFR1',
    'No geo restriction: third-party evaluators travel and disclosed results are public; access to data is decided ' +
      'by the JWT authorizer per tenant and role, not by the viewer country.',
  );
  if (!stack.settings.webAclArn) {
    add(
      distribution,
      'AwsSolutions-CFR2',
      'No WAF web ACL by default (fixed monthly cost per ACL and rule): the site is static files and every data route ' +
        'needs a JWT and is throttled at the API stage. Set the webAclArn context to attach one.',
    );
  }
  if (!stack.settings.customDomain) {
    add(
      distribution,
      'AwsSolutions-CFR4',
      'Without a custom domain CloudFront serves *.cloudfront.net with its default certificate, whose policy is fixed ' +
        'at TLSv1. Set the domainName and certificateArn context to enforce TLSv1.2_2021.',
    );
  }

  // aws-cdk-lib's BucketDeployment: its handler's runtime and its grants are not ours to choose.
  // The handler is a singleton Lambda made directly under the stack, named after its purpose.
  for (const handler of stack.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))) {
    add(
      handler,
      'AwsSolutions-L1',
      "BucketDeployment's singleton handler is a Python function whose runtime aws-cdk-lib pins; it runs only " +
        'during deployments, never on a request path.',
    );
  }
  const role = stack.site.handlerRole;
  const grant =
    'BucketDeployment copies the PWA from the CDK asset bucket to the web bucket and invalidates CloudFront; ' +
    'aws-cdk-lib grants it ';
  add(role, 'AwsSolutions-IAM5[Action::s3:GetBucket*]', `${grant}read on the asset bucket (GetBucket*).`);
  add(role, 'AwsSolutions-IAM5[Action::s3:GetObject*]', `${grant}read on the staged asset objects (GetObject*).`);
  add(role, 'AwsSolutions-IAM5[Action::s3:List*]', `${grant}List* to sync the asset into the web bucket.`);
  add(
    role,
    `AwsSolutions-IAM5[Resource::${assetBucketObjects(stack)}]`,
    `${grant}read on the bootstrap asset bucket's objects, where the zipped build is staged.`,
  );
  add(role, 'AwsSolutions-IAM5[Action::s3:Abort*]', `${grant}Abort* to clean up multipart uploads of large files.`);
  add(
    role,
    'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
    `${grant}DeleteObject* on the web bucket; it deletes only when pruning, which is off.`,
  );
  add(
    role,
    `AwsSolutions-IAM5[Resource::${arnOf(stack.web.bucket)}/*]`,
    `${grant}write on every object of the web bucket, which holds nothing but the built PWA.`,
  );
  add(
    role,
    'AwsSolutions-IAM5[Resource::*]',
    `${grant}cloudfront:CreateInvalidation/GetInvalidation on *, to refresh the HTML after a deploy.`,
  );

  for (const { function: fn } of stack.functions.byCapability.values()) {
    add(
      fn.role!,
      'AwsSolutions-IAM5[Resource::*]',
      'Active tracing: aws-cdk-lib grants xray:PutTraceSegments and xray:PutTelemetryRecords, which X-Ray does ' +
        'not scope to resources (its service authorization reference lists no resource types for them).',
    );
  }

  add(
    stack.jobs.function.role,
    'AwsSolutions-IAM5[Resource::*]',
    'Active tracing: aws-cdk-lib grants xray:PutTraceSegments and xray:PutTelemetryRecords, which X-Ray does ' +
      'not scope to resources (its service authorization reference lists no resource types for them).',
  );
  for (const jobs of [stack.exports, stack.archives]) {
    add(
      jobs.function.role,
      'AwsSolutions-IAM5[Resource::*]',
      'Active tracing: aws-cdk-lib grants xray:PutTraceSegments and xray:PutTelemetryRecords, which X-Ray does ' +
        'not scope to resources (its service authorization reference lists no resource types for them).',
    );
    add(
      jobs.function.role,
      `AwsSolutions-IAM5[Resource::${arnOf(stack.evidenceBucket)}/${evidenceObjectPattern}]`,
      'The export and archive jobs Lambdas write each ZIP under its tenant prefix (T/{tenant}/export-job/{job id}/), ' +
        'a key known only when the job runs, and the archive reads the photos under the same prefix; the statement ' +
        'is limited to GetObject and PutObject under T/.',
    );
  }
  add(
    stack.jobs.schedulerRole,
    `AwsSolutions-IAM5[Resource::${arnOf(stack.jobs.function.function)}:*]`,
    "EventBridge Scheduler's Lambda target grants lambda:InvokeFunction on the jobs function and its versions " +
      '(`<arn>:*`); the role invokes that one function only.',
  );

  for (const [capability, allowed] of Object.entries(evidenceAccess)) {
    if (!allowed) continue;
    add(
      stack.functions.get(capability as Capability).function.role!,
      `AwsSolutions-IAM5[Resource::${arnOf(stack.evidenceBucket)}/${evidenceObjectPattern}]`,
      `The ${capability} Lambda signs presigned GET/PUT requests for evidence files, whose keys (tenant, record, ` +
        'file id) are only known at request time; the statement is limited to GetObject and PutObject under T/.',
    );
  }
  return acknowledgements;
};

const rejectedByParser = (error: unknown): boolean =>
  error instanceof Error && /InvalidValidationId|Invalid validation rule ID/.test(`${error.name} ${error.message}`);

/**
 * `Validations.acknowledge()`, which records the acknowledgement where both cdk-nag and CDK's
 * validation report read it. Some aws-cdk-lib releases reject granular ids that contain `::`
 * (`AwsSolutions-IAM5[Resource::…]`, cdklabs/cdk-nag#2351); for those the same metadata entry is
 * written directly, which is what cdk-nag's NagPack.isAcknowledged looks up.
 */
export const acknowledge = ({ scope, id, reason }: NagAcknowledgement): void => {
  try {
    Validations.of(scope).acknowledge({ id, reason });
  } catch (error) {
    if (!rejectedByParser(error)) throw error;
    scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { [id]: reason });
  }
};

export const acknowledgeNagFindings = (stack: JixiaoStack): void => {
  for (const acknowledgement of nagAcknowledgements(stack)) acknowledge(acknowledgement);
};
