import { RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { NodejsFunction, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface FunctionWithLogGroupProps extends Omit<NodejsFunctionProps, 'logGroup' | 'logRetention' | 'role'> {
  retention: RetentionDays;
}

/**
 * A NodejsFunction with its own log group (so retention is ours, not "never expire") and a role
 * that may write only to that log group — instead of the AWSLambdaBasicExecutionRole managed
 * policy, which allows every log group in the account. After Powertools' FunctionWithLogGroup.
 */
export class FunctionWithLogGroup extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: FunctionWithLogGroupProps) {
    super(scope, id);
    const { retention, ...functionProps } = props;
    // Logs are the audit trail of who called what; keep them when the stack goes.
    this.logGroup = new LogGroup(this, 'LogGroup', { retention, removalPolicy: RemovalPolicy.RETAIN });
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(this.role);
    this.function = new NodejsFunction(this, 'Function', {
      ...functionProps,
      logGroup: this.logGroup,
      role: this.role,
    });
  }
}
