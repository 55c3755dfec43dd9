/**
 * The one key of the local S3 stand-in (s3rver's own default). The handlers sign with it whenever
 * S3_ENDPOINT points at the stand-in, and its guard (infra/local/s3-guard.ts) accepts only it, so
 * requests are signed and verified locally exactly as in the cloud. Not a secret: it opens only a
 * bucket on the loopback interface.
 */
export const localS3Credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
