import { S3EvidenceStore } from '#functions/adapters/s3/s3-evidence-store.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';

/**
 * The evidence store of this process, made on first use from the environment (EVIDENCE_BUCKET,
 * AWS_REGION, and S3_ENDPOINT locally), so code paths that never touch files need no bucket.
 */
export const evidenceStoreFromEnv = (): EvidenceStore => {
  let store: S3EvidenceStore | undefined;
  const get = () => {
    if (!store) {
      const bucket = process.env.EVIDENCE_BUCKET;
      if (!bucket) throw new Error('EVIDENCE_BUCKET is not set');
      store = new S3EvidenceStore(bucket, process.env.AWS_REGION ?? 'us-east-1', process.env.S3_ENDPOINT);
    }
    return store;
  };
  return {
    signUpload: (...args) => get().signUpload(...args),
    signDownload: (...args) => get().signDownload(...args),
    head: (key) => get().head(key),
    read: (key) => get().read(key),
    write: (...args) => get().write(...args),
  };
};
