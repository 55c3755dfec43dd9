import { crc32 } from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { zip } from '#functions/export/zip.ts';

interface DirectoryEntry {
  name: string;
  madeBy: number;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  externalAttributes: number;
}

/** The central directory as written: jszip decodes every name as UTF-8 whatever the flag says, so it cannot tell. */
const directory = (bytes: Uint8Array): DirectoryEntry[] => {
  const buf = Buffer.from(bytes);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  const entries: DirectoryEntry[] = [];
  let at = buf.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(at)).toBe(0x02014b50);
    const nameLength = buf.readUInt16LE(at + 28);
    entries.push({
      madeBy: buf.readUInt16LE(at + 4),
      flags: buf.readUInt16LE(at + 8),
      method: buf.readUInt16LE(at + 10),
      crc: buf.readUInt32LE(at + 16),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      externalAttributes: buf.readUInt32LE(at + 38),
      name: buf.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
    });
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return entries;
};

/** Starts like a JPEG and runs through every byte value, including the ones a text round trip would mangle. */
const jpegLike = (): Uint8Array => {
  const bytes = new Uint8Array(5000);
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
  for (let i = 11; i < bytes.length - 2; i++) bytes[i] = (i * 7919) % 256;
  bytes.set([0xff, 0xd9], bytes.length - 2);
  return bytes;
};

const xml = `<?xml version="1.0" encoding="UTF-8"?><rows>${'<row>核查结论：属实</row>'.repeat(200)}</rows>`;

describe('zip', () => {
  it('stores a binary entry uncompressed and reads it back byte for byte', async () => {
    const photo = jpegLike();
    const bytes = zip([{ name: 'photo.jpg', data: photo, compress: false }]);
    const [entry] = directory(bytes);
    expect(entry).toMatchObject({ method: 0, size: photo.length, compressedSize: photo.length });
    const read = await JSZip.loadAsync(bytes);
    expect(Buffer.from(await read.file('photo.jpg')!.async('uint8array')).equals(Buffer.from(photo))).toBe(true);
  });

  it('deflates a text entry and reads it back', async () => {
    const bytes = zip([{ name: 'sheet.xml', data: xml }]);
    const [entry] = directory(bytes);
    expect(entry?.method).toBe(8);
    expect(entry?.size).toBe(Buffer.byteLength(xml));
    expect(entry?.compressedSize).toBeLessThan(entry!.size / 10);
    const read = await JSZip.loadAsync(bytes);
    expect(await read.file('sheet.xml')!.async('string')).toBe(xml);
  });

  it('writes Chinese names as UTF-8 and says so with flag bit 11', async () => {
    const name = '照片/东丽区第一小学/现场核查记录.txt';
    const bytes = zip([{ name, data: '属实' }]);
    const [entry] = directory(bytes);
    expect(entry?.name).toBe(name);
    expect((entry?.flags ?? 0) & 0x0800).toBe(0x0800);
    const read = await JSZip.loadAsync(bytes);
    expect(Object.keys(read.files)).toEqual([name]);
    expect(await read.file(name)!.async('string')).toBe('属实');
  });

  it('marks non-ASCII names as made on Unix with a readable file mode, for Info-ZIP unzip', () => {
    const [chinese, ascii] = directory(
      zip([
        { name: '工作底稿.xlsx', data: 'x' },
        { name: 'manifest.json', data: '{}' },
      ]),
    );
    // Host 3 (Unix) in the high byte; otherwise unzip decodes the name as CP437 despite the UTF-8 flag.
    expect(chinese).toMatchObject({ madeBy: 0x0314, externalAttributes: 0o100644 * 0x10000 });
    expect(ascii).toMatchObject({ madeBy: 20, externalAttributes: 0 });
  });

  it('records the CRC-32 and sizes of the uncompressed data, stored or deflated', () => {
    const photo = jpegLike();
    const entries = directory(
      zip([
        { name: 'a.jpg', data: photo, compress: false },
        { name: 'b.xml', data: xml },
        { name: 'empty.txt', data: '' },
        { name: 'empty.bin', data: new Uint8Array(0), compress: false },
      ]),
    );
    expect(entries.map((e) => [e.name, e.crc, e.size])).toEqual([
      ['a.jpg', crc32(photo), photo.length],
      ['b.xml', crc32(Buffer.from(xml)), Buffer.byteLength(xml)],
      ['empty.txt', 0, 0],
      ['empty.bin', 0, 0],
    ]);
  });

  it('writes only the bytes a Uint8Array view covers, not the whole buffer under it', async () => {
    const whole = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const read = await JSZip.loadAsync(zip([{ name: 'view.bin', data: whole.subarray(2, 5), compress: false }]));
    expect([...(await read.file('view.bin')!.async('uint8array'))]).toEqual([3, 4, 5]);
  });

  it('keeps entries in order and gives the same bytes for the same input', async () => {
    const entries = [
      { name: 'manifest.json', data: '{}' },
      { name: '工作底稿.xlsx', data: jpegLike(), compress: false },
      { name: 'manifest.sha256', data: '' },
    ];
    const bytes = zip(entries);
    expect(Buffer.from(zip(entries)).equals(Buffer.from(bytes))).toBe(true);
    expect(directory(bytes).map((e) => e.name)).toEqual(['manifest.json', '工作底稿.xlsx', 'manifest.sha256']);
  });

  it('refuses names an unpacking tool could follow out of its folder, and duplicates', () => {
    for (const name of ['', '/etc/passwd', '../up.txt', 'a/../../b', 'a\\b.txt', 'C:/x.txt', 'a//b']) {
      expect(() => zip([{ name, data: 'x' }]), name).toThrow(/ZIP entry/);
    }
    expect(() =>
      zip([
        { name: 'a.txt', data: 'x' },
        { name: 'a.txt', data: 'y' },
      ]),
    ).toThrow('ZIP entry "a.txt" appears twice');
  });

  it('refuses more entries than a ZIP without ZIP64 can count', () => {
    const entries = Array.from({ length: 65_536 }, (_, i) => ({ name: `${i}.txt`, data: '' }));
    expect(() => zip(entries)).toThrow('at most 65535 entries, not 65536');
  });
});
