import { crc32, inflateRawSync } from 'node:zlib';
import { refuse } from '#functions/import/xlsx/xlsx-error.ts';

/**
 * Reads the central directory of a ZIP archive (an .xlsx is one) and inflates single entries on
 * request. Every limit is checked before the work it guards, and the inflater itself is capped, so a
 * small file that claims small sizes but inflates to gigabytes (a zip bomb) is refused, not read.
 */
export interface ZipLimits {
  /** Entries in the central directory. */
  maxEntries: number;
  /** Bytes one entry may inflate to. */
  maxEntryBytes: number;
  /** Bytes all entries read from one archive may inflate to together. */
  maxTotalBytes: number;
}

interface Entry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipArchive {
  names: string[];
  has: (name: string) => boolean;
  /** The entry's bytes, inflated and checked against its CRC-32. */
  read: (name: string) => Buffer;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_LOCATOR = 0x07064b50;
const MiB = 1024 * 1024;

const corrupt = (en: string, zh: string): never =>
  refuse('CORRUPT_ZIP', `文件已损坏：${zh}`, `The file is damaged: ${en}`);

const findEndOfCentralDirectory = (bytes: Buffer): number => {
  // The record is 22 bytes plus a comment of at most 65,535.
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes.readUInt32LE(i) === EOCD) return i;
  }
  return corrupt('no ZIP end-of-directory record', '找不到 ZIP 目录结尾');
};

export const openZip = (bytes: Buffer, limits: ZipLimits): ZipArchive => {
  if (bytes.length < 22) corrupt('it is too short to be a ZIP archive', '文件过短，不是 ZIP 压缩包');
  const end = findEndOfCentralDirectory(bytes);
  if (end >= 20 && bytes.readUInt32LE(end - 20) === ZIP64_LOCATOR) {
    refuse('UNSUPPORTED_ZIP', '不支持 ZIP64 格式的文件', 'ZIP64 archives are not supported');
  }
  const count = bytes.readUInt16LE(end + 10);
  const directorySize = bytes.readUInt32LE(end + 12);
  const directoryOffset = bytes.readUInt32LE(end + 16);
  if (count > limits.maxEntries) {
    refuse(
      'TOO_MANY_ENTRIES',
      `文件内含 ${count} 个部件，超过上限 ${limits.maxEntries} 个`,
      `The file holds ${count} parts, more than the limit of ${limits.maxEntries}`,
    );
  }
  if (directoryOffset + directorySize > end) corrupt('the directory lies outside the file', 'ZIP 目录超出文件范围');

  const entries = new Map<string, Entry>();
  let declaredTotal = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== CENTRAL)
      corrupt(`directory entry ${i + 1} is broken`, `第 ${i + 1} 个目录项损坏`);
    const nameLength = bytes.readUInt16LE(at + 28);
    const entry: Entry = {
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      crc: bytes.readUInt32LE(at + 16),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
    };
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff) {
      refuse('UNSUPPORTED_ZIP', '不支持 ZIP64 格式的文件', 'ZIP64 archives are not supported');
    }
    declaredTotal += entry.size;
    entries.set(entry.name, entry);
  }
  if (declaredTotal > limits.maxTotalBytes) {
    refuse(
      'TOO_LARGE_UNCOMPRESSED',
      `文件解压后共 ${(declaredTotal / MiB).toFixed(1)} MB，超过上限 ${limits.maxTotalBytes / MiB} MB`,
      `The file would unpack to ${(declaredTotal / MiB).toFixed(1)} MB, more than the limit of ${limits.maxTotalBytes / MiB} MB`,
    );
  }

  let inflatedTotal = 0;
  const read = (name: string): Buffer => {
    const entry = entries.get(name);
    if (!entry) return refuse('MISSING_PART', `文件缺少部件 ${name}`, `The file has no part ${name}`);
    if (entry.flags & 1) {
      refuse(
        'LEGACY_OR_ENCRYPTED',
        '文件已加密，请去掉密码后再上传',
        'The file is encrypted; remove its password and upload it again',
      );
    }
    const local = entry.localOffset;
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL)
      corrupt(`the part ${name} is broken`, `部件 ${name} 损坏`);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (start + entry.compressedSize > bytes.length) corrupt(`the part ${name} is cut short`, `部件 ${name} 不完整`);
    const packed = bytes.subarray(start, start + entry.compressedSize);
    const room = Math.min(limits.maxEntryBytes, limits.maxTotalBytes - inflatedTotal);
    const tooLarge = () =>
      refuse(
        'TOO_LARGE_UNCOMPRESSED',
        `部件 ${name} 解压后超过上限 ${(room / MiB).toFixed(1)} MB（疑似压缩炸弹）`,
        `The part ${name} unpacks to more than the limit of ${(room / MiB).toFixed(1)} MB (a zip bomb?)`,
      );
    let data: Buffer;
    if (entry.method === 0) {
      data = packed;
      if (data.length > room) tooLarge();
    } else if (entry.method === 8) {
      if (entry.size > room) tooLarge();
      try {
        // One byte over the room is enough to know it does not fit; the size in the directory may lie.
        data = inflateRawSync(packed, { maxOutputLength: room + 1 });
      } catch (error) {
        if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') tooLarge();
        return corrupt(`the part ${name} cannot be inflated`, `部件 ${name} 无法解压`);
      }
      if (data.length > room) tooLarge();
    } else {
      return refuse(
        'UNSUPPORTED_ZIP',
        `部件 ${name} 的压缩方式（${entry.method}）不受支持`,
        `The part ${name} uses compression method ${entry.method}, which is not supported`,
      );
    }
    if (data.length !== entry.size || crc32(data) !== entry.crc) {
      corrupt(`the part ${name} fails its checksum`, `部件 ${name} 校验失败`);
    }
    inflatedTotal += data.length;
    return data;
  };
  return { names: [...entries.keys()], has: (name) => entries.has(name), read };
};
