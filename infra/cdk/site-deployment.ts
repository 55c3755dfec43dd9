import { RemovalPolicy } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, type ISource, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { PwaAuthConfig } from './identity.ts';

/** `/config.json`: how the PWA signs in and where its API is, decided at deploy time. */
export interface PwaConfig {
  auth: PwaAuthConfig;
  apiBase: string;
}

export interface SiteDeploymentProps {
  bucket: IBucket;
  distribution: IDistribution;
  /** web/build, or undefined when the PWA has not been built (then only config.json is deployed). */
  buildDir: string | undefined;
  config: PwaConfig;
  logRetention: RetentionDays;
}

export const immutableCacheControl = 'public, max-age=31536000, immutable';
/** Content-hashed file names: a changed file is a new URL, so these never need revalidating. */
export const immutablePattern = '_app/immutable/*';

/**
 * Uploads the built PWA in two passes with different Cache-Control. Neither pass prunes: a phone
 * still running yesterday's app shell must be able to lazy-load yesterday's chunks.
 */
export class SiteDeployment extends Construct {
  readonly handlerRole: Role;

  constructor(scope: Construct, id: string, props: SiteDeploymentProps) {
    super(scope, id);
    // BucketDeployment's handler is a singleton: every deployment must hand it the same log group.
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role so the handler may write to that log group only, not AWSLambdaBasicExecutionRole's
    // every log group; BucketDeployment adds its bucket and invalidation grants to it.
    this.handlerRole = new Role(this, 'HandlerRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(this.handlerRole);
    const common = {
      destinationBucket: props.bucket,
      role: this.handlerRole,
      prune: false,
      memoryLimit: 512,
      logGroup,
      outputObjectKeys: false,
    };
    const config = Source.jsonData('config.json', props.config);
    const mutableSources: ISource[] = [];
    let immutable: BucketDeployment | undefined;
    if (props.buildDir !== undefined) {
      const build = Source.asset(props.buildDir);
      immutable = new BucketDeployment(this, 'Immutable', {
        ...common,
        sources: [build],
        exclude: ['*'],
        include: [immutablePattern],
        cacheControl: [CacheControl.fromString(immutableCacheControl)],
      });
      mutableSources.push(build);
    }
    // HTML, service-worker.js, _app/version.json, manifest.webmanifest, config.json and icons: the
    // browser revalidates them on every load; config.json last so it wins over any in the build.
    const mutable = new BucketDeployment(this, 'Mutable', {
      ...common,
      sources: [...mutableSources, config],
      exclude: [immutablePattern],
      cacheControl: [CacheControl.noCache()],
      distribution: props.distribution,
      distributionPaths: ['/*'],
    });
    // Pages must not go live before the chunks they import.
    if (immutable) mutable.node.addDependency(immutable);
  }
}
