/**
 * Small PNG and JPEG files made in the test, so no binary fixtures are needed:
 * a PNG is a signature, an IHDR chunk, zlib-compressed scanlines and IEND; a
 * JPEG here is a one-colour greyscale baseline image, whose every 8×8 block
 * has the same DC value and no AC coefficients.
 */
import zlib from 'node:zlib';
import { crc32 } from '../../src/documents/images';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * An RGB PNG of `width` × `height`, filled with `rgb`. With `noise`, each
 * pixel varies a little (so the file does not compress to almost nothing).
 */
export function makePng(
  width: number,
  height: number,
  rgb: [number, number, number] = [220, 20, 30],
  opts: { noise?: boolean; seed?: number } = {},
): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const row = 1 + width * 3;
  const raw = Buffer.alloc(row * height);
  let s = opts.seed ?? 1;
  for (let y = 0; y < height; y++) {
    raw[y * row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        let v = rgb[c]!;
        if (opts.noise) {
          s = (s * 1103515245 + 12345) >>> 0;
          v = (v + (s >>> 24)) & 0xff;
        }
        raw[y * row + 1 + x * 3 + c] = v;
      }
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PNG whose header says `width` × `height` but whose pixels are not there (IDAT is garbage). */
export function pngWithBrokenData(width: number, height: number): Buffer {
  const good = makePng(width, height);
  const ihdrEnd = 8 + 25;
  return Buffer.concat([
    good.subarray(0, ihdrEnd),
    chunk('IDAT', Buffer.from('this is not zlib data at all', 'latin1')),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

class BitWriter {
  private bytes: number[] = [];
  private acc = 0;
  private n = 0;
  write(code: number, length: number) {
    for (let i = length - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((code >> i) & 1);
      this.n++;
      if (this.n === 8) this.flushByte();
    }
  }
  private flushByte() {
    this.bytes.push(this.acc);
    // A 0xFF in entropy-coded data is followed by a stuffed 0x00.
    if (this.acc === 0xff) this.bytes.push(0);
    this.acc = 0;
    this.n = 0;
  }
  finish(): number[] {
    while (this.n !== 0) this.write(1, 1);
    return this.bytes;
  }
}

const segment = (marker: number, body: number[]) => [
  0xff,
  marker,
  ((body.length + 2) >> 8) & 0xff,
  (body.length + 2) & 0xff,
  ...body,
];

/** A greyscale baseline JPEG of `width` × `height` in one shade (0 black … 255 white). */
export function makeJpeg(width: number, height: number, grey = 40): Buffer {
  // With a quantisation table of ones, a flat block's DC coefficient is 8 × (value − 128).
  const dc = 8 * (Math.max(0, Math.min(255, grey)) - 128);
  const magnitude = Math.abs(dc);
  const category = magnitude === 0 ? 0 : Math.floor(Math.log2(magnitude)) + 1;
  // Our own two Huffman tables: DC has the symbols 0 ("no change") and `category`; AC only end-of-block.
  const dcSymbols = category === 0 ? [0] : [0, category];
  const dht = [
    0x00, // class 0 (DC), table 0
    ...[0, dcSymbols.length, ...Array<number>(14).fill(0)], // code lengths: all two bits long
    ...dcSymbols,
    0x10, // class 1 (AC), table 0
    ...[1, ...Array<number>(15).fill(0)], // one code of one bit
    0x00, // end of block
  ];
  const bits = new BitWriter();
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  for (let b = 0; b < blocks; b++) {
    if (b === 0 && category !== 0) {
      bits.write(0b01, 2); // the category's code
      const value = dc < 0 ? dc + (1 << category) - 1 : dc; // JPEG's one's-complement for negatives
      bits.write(value, category);
    } else {
      bits.write(0b00, 2); // DC unchanged
    }
    bits.write(0, 1); // end of block
  }
  return Buffer.from([
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]), // JFIF
    ...segment(0xdb, [0x00, ...Array<number>(64).fill(1)]), // quantisation table 0: all ones
    ...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]), // baseline frame
    ...segment(0xc4, dht),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]), // scan: component 1, tables 0/0, full spectrum
    ...bits.finish(),
    0xff,
    0xd9,
  ]);
}
