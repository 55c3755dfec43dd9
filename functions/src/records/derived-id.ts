import { createHash } from 'node:crypto';

/**
 * An id in UUIDv7 shape that is always the same for the same seed: what a server-side bulk
 * operation (e.g. rolling the indicator library into a new year) gives each record it makes, so
 * running the operation again replays the same creates instead of adding copies.
 */
export const derivedId = (seed: string): string => {
  const hex = createHash('sha256').update(seed).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
