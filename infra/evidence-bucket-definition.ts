/**
 * The evidence bucket's CORS rule, in one place: the CDK stack and the local S3 stand-in both build
 * it from here. Phones upload photos and documents straight from the PWA's origin with presigned
 * requests: POST for presigned POST policies, PUT for presigned PUTs, GET/HEAD to read them back.
 */
export const evidenceBucketCors = (siteOrigin: string) => ({
  allowedOrigins: [siteOrigin],
  allowedMethods: ['POST', 'PUT', 'GET', 'HEAD'] as const,
  // if-none-match: uploads are conditional writes that never replace a stored file.
  allowedHeaders: ['content-type', 'content-md5', 'if-none-match', 'x-amz-*'],
  exposedHeaders: ['etag', 'x-amz-version-id', 'x-amz-checksum-sha256'],
  maxAgeSeconds: 3600,
});
