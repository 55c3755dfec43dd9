import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** A relative path with forward slashes, e.g. '照片/第一小学/0193….jpg'; written as UTF-8. */
  name: string;
  /** Text is written as UTF-8. */
  data: Uint8Array | string;
  /** Defaults to true; false stores the bytes as they are, for files that are compressed already (JPEG, PNG, XLSX). */
  compress?: boolean;
}

// Every entry carries 1980-01-01 00:00 (the first DOS date), so the same input gives the same bytes.
const DOS_DATE = (1 << 5) | 1;
// Without this flag Windows Explorer and macOS Archive Utility read the names as the local code page and garble Chinese.
const UTF8_NAMES = 0x0800;
const STORE = 0;
const DEFLATE = 8;
// Info-ZIP's unzip (the `unzip` of Linux and macOS) reads the names of an archive "made by" MS-DOS as CP437 even
// with the UTF-8 flag, so an entry with a non-ASCII name says it was made on Unix, which then needs a file mode
// (rw-r--r--) or it is unpacked unreadable. ASCII names keep the MS-DOS host: every reader agrees on them.
const MADE_BY_DOS = 20;
const MADE_BY_UNIX = (3 << 8) | 20;
const UNIX_FILE_MODE = 0o100644 * 0x1_0000; // the mode sits in the high 16 bits of the external attributes

// Without ZIP64, sizes and offsets are 32-bit and 0xFFFFFFFF means "see the ZIP64 record", so the largest usable
// value is one below it; the entry count is 16-bit.
const MAX_SIZE = 0xffff_fffe;
const MAX_ENTRIES = 0xffff;
const MAX_NAME_BYTES = 0xffff;

const checkName = (name: string, seen: Set<string>): Buffer => {
  if (typeof name !== 'string' || name === '') throw new Error('A ZIP entry needs a name');
  // Absolute paths, backslashes and '..' let an unpacking tool write outside the folder it unpacks into.
  if (name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name)) {
    throw new Error(`ZIP entry "${name}" must be a relative path with forward slashes`);
  }
  if (name.split('/').some((part) => part === '..' || part === '.' || part === '')) {
    throw new Error(`ZIP entry "${name}" has an empty, "." or ".." path segment`);
  }
  if (seen.has(name)) throw new Error(`ZIP entry "${name}" appears twice`);
  seen.add(name);
  const path = Buffer.from(name, 'utf8');
  if (path.length > MAX_NAME_BYTES) throw new Error(`ZIP entry name "${name.slice(0, 40)}…" is too long`);
  return path;
};

/**
 * A ZIP archive of the entries, in their order, without ZIP64: throws when it would need it (more
 * than 65,535 entries, or 4 GiB or more in one file or in the whole archive).
 */
export const zip = (entries: ZipEntry[]): Uint8Array<ArrayBuffer> => {
  if (entries.length > MAX_ENTRIES) {
    throw new Error(`A ZIP archive without ZIP64 holds at most ${MAX_ENTRIES} entries, not ${entries.length}`);
  }
  const parts: Uint8Array[] = [];
  const directory: Buffer[] = [];
  const seen = new Set<string>();
  let offset = 0;
  for (const { name, data: content, compress = true } of entries) {
    const path = checkName(name, seen);
    const data =
      typeof content === 'string'
        ? Buffer.from(content, 'utf8')
        : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    if (data.length > MAX_SIZE) throw new Error(`ZIP entry "${name}" is 4 GiB or larger; ZIP64 is not supported`);
    const packed = compress ? deflateRawSync(data) : data;
    // The fields from "version needed" to "name length" are the same in the local and the central header.
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0);
    common.writeUInt16LE(UTF8_NAMES, 2);
    common.writeUInt16LE(compress ? DEFLATE : STORE, 4);
    common.writeUInt16LE(0, 6);
    common.writeUInt16LE(DOS_DATE, 8);
    common.writeUInt32LE(crc32(data), 10);
    common.writeUInt32LE(packed.length, 14);
    common.writeUInt32LE(data.length, 18);
    common.writeUInt16LE(path.length, 22);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common.copy(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    const unix = path.some((byte) => byte > 0x7f);
    central.writeUInt16LE(unix ? MADE_BY_UNIX : MADE_BY_DOS, 4);
    common.copy(central, 6);
    central.writeUInt32LE(unix ? UNIX_FILE_MODE : 0, 38);
    central.writeUInt32LE(offset, 42);
    parts.push(local, path, packed);
    directory.push(central, path);
    offset += local.length + path.length + packed.length;
    // Checked as it grows, so an archive that is far too big fails before it is all compressed.
    if (offset > MAX_SIZE) throw new Error('The ZIP archive would be 4 GiB or larger; ZIP64 is not supported');
  }
  const size = directory.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  if (offset + size + end.length > MAX_SIZE) {
    throw new Error('The ZIP archive would be 4 GiB or larger; ZIP64 is not supported');
  }
  return Buffer.concat([...parts, ...directory, end]);
};
