import { RemovalPolicy } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { securityHeaders } from '../security-headers.ts';
import { cloudFrontHeaderBehaviors } from './response-headers.ts';
import type { JixiaoSettings } from './settings.ts';
import { spaFallbackFunctionCode } from './spa-fallback.ts';

export interface WebDistributionProps {
  /** The HTTP API's host, served under `/api/*` on the site's own origin (no CORS needed). */
  apiDomainName: string;
  /** `'sha256-…'` hashes of SvelteKit's inline scripts; empty when the PWA is not built. */
  scriptHashes: readonly string[];
  /** Origins the PWA may fetch from besides itself (the identity provider). */
  connectSources: readonly string[];
  logBucket: IBucket;
  customDomain: JixiaoSettings['customDomain'];
  webAclArn: JixiaoSettings['webAclArn'];
}

/**
 * The PWA on CloudFront: a private bucket behind Origin Access Control, the SPA fallback, the API
 * on the same origin, and the security headers the local gateway sends too.
 */
export class WebDistribution extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly responseHeadersPolicy: ResponseHeadersPolicy;
  /** `https://host`, without a trailing slash. */
  readonly siteUrl: string;

  constructor(scope: Construct, id: string, props: WebDistributionProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: props.logBucket,
      serverAccessLogsPrefix: 'web-bucket/',
      // Rebuilt from web/build on every deploy, but kept so a failed rollback never leaves a blank site.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const headers = cloudFrontHeaderBehaviors(
      securityHeaders({
        scriptHashes: props.scriptHashes,
        connectSources: props.connectSources,
        upgradeInsecureRequests: true,
      }),
    );
    this.responseHeadersPolicy = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Jixiao security headers (infra/security-headers.ts)',
      ...headers,
    });

    const spaFallback = new CloudFrontFunction(this, 'SpaFallback', {
      code: FunctionCode.fromInline(spaFallbackFunctionCode),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Extension-less paths to the SvelteKit 200.html shell',
    });

    const siteOrigin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const apiOrigin = new HttpOrigin(props.apiDomainName, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });
    // Files the browser must re-check on every load: Kit polls version.json to notice a new
    // release, and a stale service worker would keep serving the old app shell offline.
    const alwaysFresh = {
      origin: siteOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      responseHeadersPolicy: this.responseHeadersPolicy,
    };

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Jixiao PWA and API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Includes the Asian edge locations closest to the district's users.
      priceClass: PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
      // The default *.cloudfront.net certificate is fixed at TLSv1 whatever is asked for, so the
      // minimum protocol can only be set together with a certificate of our own.
      ...(props.customDomain
        ? {
            domainNames: [props.customDomain.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      defaultBehavior: {
        origin: siteOrigin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeadersPolicy,
        functionAssociations: [{ function: spaFallback, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Forwards Authorization and the query string; Host must be the API's own.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: this.responseHeadersPolicy,
        },
        '/service-worker.js': alwaysFresh,
        '/_app/version.json': alwaysFresh,
      },
    });

    this.siteUrl = `https://${props.customDomain?.domainName ?? this.distribution.distributionDomainName}`;
  }
}
