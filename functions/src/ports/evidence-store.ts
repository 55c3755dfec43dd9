/**
 * The port to the evidence bucket. Files never pass through a handler: the browser uploads with a
 * presigned PUT and downloads with a presigned GET; the handler only signs and checks.
 */
export interface SignedRequest {
  url: string;
  /** Headers the client must send unchanged (they are part of the signature). */
  headers: Record<string, string>;
  expiresAt: string;
}

export interface StoredFile {
  sizeBytes: number;
  contentType: string | undefined;
  /** The SHA-256 the store verified on upload (base64), where the store reports one. */
  checksumSha256: string | undefined;
}

export interface EvidenceStore {
  /** A PUT that only accepts this exact type, size and SHA-256 at this key. */
  signUpload(
    key: string,
    file: { contentType: string; sizeBytes: number; sha256: string },
    expiresInSeconds: number,
  ): Promise<SignedRequest>;
  /** A GET that saves the file under its own name. */
  signDownload(key: string, filename: string, expiresInSeconds: number): Promise<SignedRequest>;
  /** What is stored at a key, or undefined when nothing is. */
  head(key: string): Promise<StoredFile | undefined>;
  /**
   * The bytes at a key, or undefined when nothing is there: to verify a checksum the store did not
   * report, and to pack working papers.
   */
  read(key: string): Promise<Uint8Array | undefined>;
  /** Writes a file the server made (a working-papers ZIP) at a key of its own. */
  write(key: string, bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<void>;
}
