import type { DeclaredPhoto, Position } from '@jixiao/core/fieldwork/field-record.ts';
import { fieldworkDefaults } from '@jixiao/core/fieldwork/fieldwork-config.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { sha256Hex } from '#lib/attachments.ts';
import { fitWithin } from '#lib/field/photo-size.ts';

/**
 * A photo from the camera made ready for the record on the phone itself: downscaled so the longer
 * side is at most 1600 px, re-encoded as JPEG at quality 0.8 (a 12-megapixel photo becomes a few
 * hundred KB, and EXIF is dropped), and hashed with SHA-256 so the server can check the bytes
 * that arrive are the bytes taken.
 */
export interface PreparedPhoto {
  declared: DeclaredPhoto;
  blob: Blob;
}

const encode = async (bitmap: ImageBitmap, width: number, height: number): Promise<Blob> => {
  const quality = fieldworkDefaults.photoJpegQuality;
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (context) {
      context.drawImage(bitmap, 0, 0, width, height);
      return canvas.convertToBlob({ type: 'image/jpeg', quality });
    }
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, width, height);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode'))), 'image/jpeg', quality),
  );
};

/** Decodes with the image's own orientation applied, so a portrait photo stays upright. */
const decode = async (file: Blob): Promise<ImageBitmap> => {
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    const url = URL.createObjectURL(file);
    try {
      const image = new Image();
      image.src = url;
      await image.decode();
      return await createImageBitmap(image);
    } finally {
      URL.revokeObjectURL(url);
    }
  }
};

export const preparePhoto = async (file: Blob, position: Position | null, caption = ''): Promise<PreparedPhoto> => {
  const takenAt = new Date().toISOString();
  const bitmap = await decode(file);
  const size = fitWithin(bitmap.width, bitmap.height, fieldworkDefaults.photoMaxPixels);
  let blob: Blob;
  try {
    blob = await encode(bitmap, size.width, size.height);
  } finally {
    bitmap.close();
  }
  const sha256 = await sha256Hex(await blob.arrayBuffer());
  return {
    blob,
    declared: {
      id: uuidV7(),
      sha256,
      sizeBytes: blob.size,
      contentType: 'image/jpeg',
      width: size.width,
      height: size.height,
      caption,
      takenAt,
      position,
    },
  };
};
