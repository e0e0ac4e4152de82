/**
 * Recognising a clinic's raster logo from its bytes: the file's own signature
 * (magic bytes) says what it is, and its header must give a believable width
 * and height, or it is refused. SVG is never accepted: an SVG is a document
 * that can carry script, so serving one from our origin would be an XSS risk.
 *
 * Pure: no I/O; never throws, whatever the bytes.
 *
 * Formats: PNG (https://www.w3.org/TR/png-3/ — signature, then the IHDR chunk)
 * and JPEG (ITU-T T.81 Annex B — the whole file's structure, from SOI to EOI).
 */

/** Every limit on an uploaded logo, in one place. */
export const LOGO_LIMITS = {
  /** Largest file accepted, in bytes (256 KB). */
  maxBytes: 256 * 1024,
  /** Smallest side, in pixels: anything smaller is too blurry in a header. */
  minSide: 32,
  /** Largest side, in pixels: bounds the memory needed to draw the image. */
  maxSide: 4000,
} as const;

export type RasterMime = 'image/png' | 'image/jpeg';

export interface RasterInfo {
  mime: RasterMime;
  width: number;
  height: number;
}

export type LogoProblem =
  'logo_missing' | 'logo_too_large' | 'logo_not_an_image' | 'logo_corrupt' | 'logo_dimensions';

export type LogoCheck = { ok: true; image: RasterInfo } | { ok: false; code: LogoProblem; message: string };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

const u16 = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u32 = (b: Uint8Array, at: number) =>
  ((b[at] ?? 0) * 0x1000000 + (((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0))) >>> 0;

let crcTable: Uint32Array | null = null;

/** CRC-32 as PNG uses it (ISO 3309), over `bytes[from, to)`. */
export function crc32(bytes: Uint8Array, from = 0, to = bytes.length): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = from; i < to; i++) c = crcTable[(c ^ (bytes[i] ?? 0)) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Allowed bit depths per PNG colour type (PNG spec, table 11.1). */
const PNG_DEPTHS: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

/** Width and height from a PNG's IHDR chunk, or null if the header is not a valid PNG header. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (!startsWith(bytes, PNG_SIGNATURE) || bytes.length < 33) return null;
  // The first chunk must be IHDR, 13 bytes long: width, height, depth, colour type, compression, filter, interlace.
  if (u32(bytes, 8) !== 13) return null;
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  if (crc32(bytes, 12, 29) !== u32(bytes, 29)) return null;
  const width = u32(bytes, 16);
  const height = u32(bytes, 20);
  const depth = bytes[24] ?? 0;
  const colourType = bytes[25] ?? 0;
  if (!PNG_DEPTHS[colourType]?.includes(depth)) return null;
  if (bytes[26] !== 0 || bytes[27] !== 0 || (bytes[28] !== 0 && bytes[28] !== 1)) return null;
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) return null;
  return { width, height };
}

/**
 * Start-of-frame markers browsers and PDF readers draw: baseline (C0),
 * extended sequential (C1) and progressive (C2), all Huffman-coded. Lossless
 * and arithmetic-coded JPEGs are refused; few programs can show them.
 */
const SOF_DRAWABLE = new Set([0xc0, 0xc1, 0xc2]);
const SOF_PROGRESSIVE = 0xc2;
const SOS = 0xda;
const EOI = 0xd9;
/**
 * The other marker segments a JPEG we show may hold (T.81 table B.1): Huffman
 * tables (C4), arithmetic-coding conditioning (CC), quantisation tables (DB),
 * the restart interval (DD), application data (E0–EF, EXIF and JFIF among
 * them) and comments (FE). Any other marker (another frame type, DNL, the
 * hierarchical DHP/EXP, the reserved JPGn and RESn) is refused, as libjpeg does.
 */
const isTableOrMisc = (m: number) =>
  m === 0xc4 || m === 0xcc || m === 0xdb || m === 0xdd || m === 0xfe || (m >= 0xe0 && m <= 0xef);
/** RST0–RST7: restart markers, which stand alone (no length) between the intervals of a scan's data. */
const isRestart = (m: number) => m >= 0xd0 && m <= 0xd7;

/**
 * Walks one scan's entropy-coded data from `at` (T.81 B.1.1.5, B.2.1): any
 * byte but 0xFF stands for itself; 0xFF is followed by a stuffed 0x00, or is
 * a marker. Restart markers RST0–RST7 may interrupt the data, in turn (0, 1,
 * …, 7, 0, …); any other marker ends the scan. Returns where that marker's
 * 0xFF is, or -1 if the file ends first, the data is empty, a restart marker
 * is out of turn, or 0xFF is followed by a value that is not a marker.
 */
function skipScanData(bytes: Uint8Array, at: number): number {
  let dataBytes = 0;
  let nextRestart = 0;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) {
      dataBytes++;
      at++;
      continue;
    }
    if (bytes[at + 1] === 0x00) {
      dataBytes++;
      at += 2;
      continue;
    }
    // A marker: any number of 0xFF fill bytes may come before it.
    let m = at + 1;
    while (bytes[m] === 0xff) m++;
    if (m >= bytes.length) return -1;
    const marker = bytes[m]!;
    if (isRestart(marker)) {
      if (marker !== 0xd0 + nextRestart) return -1;
      nextRestart = (nextRestart + 1) % 8;
      at = m + 1;
      continue;
    }
    // 0xFF00 after fill bytes, TEM or a reserved value: not a marker that can end a scan.
    if (marker !== EOI && marker !== SOS && !isTableOrMisc(marker)) return -1;
    return dataBytes > 0 ? at : -1;
  }
  return -1;
}

/**
 * Width and height of a JPEG we can show, or null. The whole file is walked
 * by its structure (ITU-T T.81 Annex B), without decoding the image: SOI;
 * table and misc segments; one frame; one or more scans (a progressive JPEG
 * has several), each a header and its entropy-coded data; then EOI, followed
 * by nothing or by zero bytes only. Every segment must fit in the file. So a
 * file cut off anywhere, or whose scan data holds a stray marker, is refused
 * here, not left for the reader to show half of. Also refused: no frame before
 * the first scan, lossless or arithmetic coding, 12-bit samples, colour
 * components other than grey or YCbCr/RGB (such as CMYK), and a height given
 * later (DNL).
 */
export function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (!startsWith(bytes, [0xff, 0xd8, 0xff])) return null;
  let size: { width: number; height: number } | null = null;
  let progressive = false;
  const componentIds = new Set<number>();
  let scans = 0;
  let at = 2;
  for (;;) {
    if (bytes[at] !== 0xff) return null;
    // Any number of 0xFF fill bytes may come before a marker.
    while (bytes[at] === 0xff) at++;
    if (at >= bytes.length) return null;
    const marker = bytes[at]!;
    at++;
    if (marker === EOI) {
      if (!size || scans === 0) return null;
      // Some programs pad the file with zeros; anything else after the end is not ours to pass on.
      for (let i = at; i < bytes.length; i++) if (bytes[i] !== 0) return null;
      return size;
    }
    // TEM and RSTn stand alone; libjpeg skips them outside a scan too.
    if (marker === 0x01 || isRestart(marker)) continue;
    if (!SOF_DRAWABLE.has(marker) && marker !== SOS && !isTableOrMisc(marker)) return null;
    if (at + 2 > bytes.length) return null;
    const length = u16(bytes, at);
    if (length < 2 || at + length > bytes.length) return null;
    if (SOF_DRAWABLE.has(marker)) {
      // One frame per image (hierarchical JPEGs are refused).
      if (size) return null;
      // Length, precision, height, width, component count, then 3 bytes per component.
      if (length < 8) return null;
      const precision = bytes[at + 2];
      const height = u16(bytes, at + 3);
      const width = u16(bytes, at + 5);
      const components = bytes[at + 7] ?? 0;
      // 12-bit JPEGs exist but browsers do not draw them.
      if (precision !== 8) return null;
      if (components !== 1 && components !== 3) return null;
      if (length !== 8 + 3 * components) return null;
      // A height of 0 means "given later" (DNL marker): not something we accept.
      if (width === 0 || height === 0) return null;
      for (let c = 0; c < components; c++) componentIds.add(bytes[at + 8 + 3 * c]!);
      if (componentIds.size !== components) return null;
      size = { width, height };
      progressive = marker === SOF_PROGRESSIVE;
    } else if (marker === SOS) {
      if (!size) return null;
      // Length, component count, 2 bytes per component, then Ss, Se and Ah/Al (T.81 B.2.3).
      const count = bytes[at + 2] ?? 0;
      if (count < 1 || count > componentIds.size || length !== 6 + 2 * count) return null;
      for (let c = 0; c < count; c++) if (!componentIds.has(bytes[at + 3 + 2 * c]!)) return null;
      const ss = bytes[at + 3 + 2 * count]!;
      const se = bytes[at + 4 + 2 * count]!;
      if (ss > se || se > 63) return null;
      // A progressive scan holds either the DC coefficients, or AC coefficients of one component (G.1.1.1).
      if (progressive && ((ss === 0 && se !== 0) || (ss > 0 && count !== 1))) return null;
      at = skipScanData(bytes, at + length);
      if (at < 0) return null;
      scans++;
      continue;
    }
    at += length;
  }
}

const kb = (n: number) => `${Math.round(n / 1024)} KB`;

/**
 * Checks an uploaded logo: PNG or JPEG by its bytes, at most
 * LOGO_LIMITS.maxBytes, with a header that parses, and each side between
 * LOGO_LIMITS.minSide and LOGO_LIMITS.maxSide pixels. The messages speak to
 * the person choosing the file.
 */
export function checkLogo(bytes: Uint8Array): LogoCheck {
  const { maxBytes, minSide, maxSide } = LOGO_LIMITS;
  if (bytes.length === 0) {
    return { ok: false, code: 'logo_missing', message: 'Choose a PNG or JPEG image to upload as the logo.' };
  }
  if (bytes.length > maxBytes) {
    return {
      ok: false,
      code: 'logo_too_large',
      message: `The logo is ${kb(bytes.length)}; the largest we accept is ${kb(maxBytes)}. Save it smaller (for example 600 px wide) and try again.`,
    };
  }
  const mime: RasterMime | null = startsWith(bytes, PNG_SIGNATURE)
    ? 'image/png'
    : startsWith(bytes, [0xff, 0xd8, 0xff])
      ? 'image/jpeg'
      : null;
  if (!mime) {
    return {
      ok: false,
      code: 'logo_not_an_image',
      message: 'This file is not a PNG or JPEG image. Save the logo as PNG or JPEG and try again.',
    };
  }
  const size = mime === 'image/png' ? pngSize(bytes) : jpegSize(bytes);
  if (!size) {
    return {
      ok: false,
      code: 'logo_corrupt',
      message: `This ${mime === 'image/png' ? 'PNG' : 'JPEG'} file could not be read; it may be damaged or use an unusual format. Save it again from your image editor and try again.`,
    };
  }
  const { width, height } = size;
  if (Math.min(width, height) < minSide || Math.max(width, height) > maxSide) {
    return {
      ok: false,
      code: 'logo_dimensions',
      message: `The logo is ${width} × ${height} pixels; each side must be from ${minSide} to ${maxSide} pixels.`,
    };
  }
  return { ok: true, image: { mime, width, height } };
}

/** Fits a `width` × `height` image inside a `boxW` × `boxH` box, keeping its shape (never enlarging past `maxScale`). */
export function fitInBox(
  width: number,
  height: number,
  boxW: number,
  boxH: number,
  maxScale = Infinity,
): { width: number; height: number } {
  const scale = Math.min(boxW / width, boxH / height, maxScale);
  return { width: width * scale, height: height * scale };
}
