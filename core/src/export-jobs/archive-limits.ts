/**
 * The working-papers archive's limits (docs/domain/key-evaluation.md#the-archive), in a module of their own so the
 * fieldwork function, which checks the request path's, does not carry the export jobs' schemas.
 */

/**
 * The most photo bytes (as recorded on upload) one working-papers archive packs. The archive is assembled in the job's
 * memory (1,024 MB) and written to the bucket in one PUT: measured (BENCH_ONLY=working-papers), a 125 MB archive of
 * 1,000 photos peaks at 786 MB, so 160 MB (about 450 of the field app's 350 KB photos, 1,000 of 160 KB) is what fits
 * with room. More is refused when the job starts, saying how much, never cut. A streamed, multipart write would lift
 * it (docs/domain/key-evaluation.md#the-archive).
 */
export const maxArchivePhotoBytes = 160 * 2 ** 20;

/**
 * What the request path (POST /engagements/{id}/working-papers) still packs in a request, since a Lambda behind the API
 * answers within seconds: more photos or bytes than this are refused there, pointing to the archive job.
 */
export const requestPathArchiveLimit = { photos: 100, photoBytes: 40 * 2 ** 20 } as const;
