import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { JixiaoSettings } from './settings.ts';

/**
 * Where every operations alarm is sent. With the `operatorTopicArn` context it is a topic the
 * operators already run; otherwise the stack makes one, encrypted with its own key and refusing
 * plain-HTTP publishers, and subscribes the `operatorEmail` addresses (each confirms by mail).
 */
export class OperatorTopic extends Construct {
  readonly topic: ITopic;
  /** Only when the stack made the topic. */
  readonly key?: Key;

  constructor(scope: Construct, id: string, settings: JixiaoSettings['operatorTopic']) {
    super(scope, id);
    if ('existingTopicArn' in settings) {
      this.topic = Topic.fromTopicArn(this, 'Topic', settings.existingTopicArn);
      return;
    }
    // A customer-managed key rather than alias/aws/sns: the AWS-managed key's policy cannot be
    // changed, so CloudWatch could never publish an alarm to a topic encrypted with it.
    this.key = new Key(this, 'Key', {
      description: 'Jixiao operator alarms (SNS topic encryption)',
      enableKeyRotation: true,
    });
    this.key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    const topic = new Topic(this, 'Topic', {
      displayName: 'Jixiao operations alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    for (const email of settings.emails) topic.addSubscription(new EmailSubscription(email));
    this.topic = topic;
  }
}
