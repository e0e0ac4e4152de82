import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeJpeg, makePng } from '../../test/helpers/images';
import { LOGO_LIMITS, checkLogo, crc32, fitInBox, jpegSize, pngSize } from './images';

const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * A real JPEG, made by libjpeg-turbo's encoder (`cjpeg -quality 50 -progressive -restart 1B -optimize`
 * from a 32 × 32 colour picture): progressive, ten scans, Huffman tables between the scans, and restart
 * markers RST0–RST7 in turn inside the scan data.
 */
const REAL_PROGRESSIVE = Buffer.from(
  [
    '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1R',
    'V19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2Nj',
    'Y2NjY2NjY2NjY2NjY2P/wgARCAAgACADASIAAhEBAxEB/8QAFwABAQEBAAAAAAAAAAAAAAAAAwQBAv/EABgBAAIDAAAAAAAA',
    'AAAAAAAAAAMEAAEC/90ABAAB/9oADAMBAAIQAxAAAAHGm0K3/9B2l1XX/9GNpdlf/9Iml6G1/8QAFRABAQAAAAAAAAAAAAAA',
    'AAAAABH/2gAIAQEAAQUCr//Qr//Rr//Sr//Tr//Ur//Vr//Wr//Xr//Qr//Rr//Sr//Tr//Ur//Vr//Wr//EABURAQEAAAAA',
    'AAAAAAAAAAAAAAIA/9oACAEDAQE/AQb/0Ab/0Qb/0gb/xAAWEQEBAQAAAAAAAAAAAAAAAAABABL/2gAIAQIBAT8BTF//0Exf',
    '/9FMX//STF//xAAUEAEAAAAAAAAAAAAAAAAAAAAA/9oACAEBAAY/An//0H//0X//0n//03//1H//1X//1n//13//0H//0X//',
    '0n//03//1H//1X//1n//xAAVEAEBAAAAAAAAAAAAAAAAAAAAAf/aAAgBAQABPyGH/9CH/9GH/9KH/9OH/9SH/9WH/9aH/9eH',
    '/9CH/9GH/9KH/9OH/9SH/9WH/9aH/9oADAMBAAIAAwAAABDX/9A3/9Ez/9In/8QAFREBAQAAAAAAAAAAAAAAAAAAABH/2gAI',
    'AQMBAT8Qo//Qo//Ro//So//EABYRAAMAAAAAAAAAAAAAAAAAAAARcf/aAAgBAgEBPxCpn//QqZ//0amf/9Kpn//EABQQAQAA',
    'AAAAAAAAAAAAAAAAAAD/2gAIAQEAAT8QX//QX//RX//SX//TX//UX//VX//WX//XX//QX//RX//SX//TX//UX//VX//WX//Z',
  ].join(''),
  'base64',
);

describe('crc32', () => {
  it('gives the standard check value for "123456789"', () => {
    expect(crc32(Buffer.from('123456789', 'latin1'))).toBe(0xcbf43926);
  });
});

describe('pngSize', () => {
  it('reads width and height from the IHDR chunk', () => {
    expect(pngSize(makePng(120, 45))).toEqual({ width: 120, height: 45 });
  });

  it('refuses an IHDR whose checksum does not match', () => {
    const png = makePng(64, 64);
    png[17] = png[17]! ^ 0x01; // change the width without fixing the CRC
    expect(pngSize(png)).toBeNull();
  });

  it('refuses a bit depth the colour type does not allow', () => {
    const png = makePng(64, 64);
    png[24] = 4; // truecolour at 4 bits is not a PNG
    png.writeUInt32BE(crc32(png, 12, 29), 29);
    expect(pngSize(png)).toBeNull();
  });

  it('refuses a file cut off inside the header', () => {
    expect(pngSize(makePng(64, 64).subarray(0, 30))).toBeNull();
  });
});

describe('jpegSize', () => {
  it('reads width and height from the start-of-frame segment', () => {
    expect(jpegSize(makeJpeg(200, 90))).toEqual({ width: 200, height: 90 });
  });

  it('skips segments before the frame, and fill bytes before markers', () => {
    const jpeg = makeJpeg(64, 48);
    // SOI, then a comment segment and two fill bytes, then the rest of the file.
    const comment = [0xff, 0xfe, 0x00, 0x07, ...Buffer.from('hello', 'latin1')];
    const withMore = Buffer.from([...jpeg.subarray(0, 2), ...comment, 0xff, 0xff, ...jpeg.subarray(2)]);
    expect(jpegSize(withMore)).toEqual({ width: 64, height: 48 });
  });

  it('refuses a scan that starts before any frame', () => {
    expect(jpegSize(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 63, 0]))).toBeNull();
  });

  it('refuses a lossless (SOF3) frame', () => {
    const jpeg = makeJpeg(64, 48);
    const at = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    jpeg[at + 1] = 0xc3;
    expect(jpegSize(jpeg)).toBeNull();
  });

  it('refuses 12-bit samples, which browsers do not draw', () => {
    const jpeg = makeJpeg(64, 48);
    const at = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    jpeg[at + 4] = 12;
    expect(jpegSize(jpeg)).toBeNull();
  });

  it('refuses a frame whose height is given later (DNL)', () => {
    expect(jpegSize(makeJpeg(64, 0))).toBeNull();
  });

  it('refuses a segment longer than the file', () => {
    expect(jpegSize(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x40, 0x00, 1, 2, 3]))).toBeNull();
  });
});

/** Where a JPEG's first start-of-scan marker is. */
const firstScan = (jpeg: Buffer) => jpeg.indexOf(Buffer.from([0xff, 0xda]));
/** How many times a marker appears in a file. */
const count = (bytes: Buffer, marker: number) => {
  const pair = Buffer.from([0xff, marker]);
  let n = 0;
  for (let at = bytes.indexOf(pair); at >= 0; at = bytes.indexOf(pair, at + 2)) n++;
  return n;
};

describe('jpegSize walks the whole file', () => {
  it('accepts a real progressive JPEG with several scans and restart markers', () => {
    // The fixture is what it says: a progressive frame, many scans, restart markers.
    expect(count(REAL_PROGRESSIVE, 0xc2)).toBe(1);
    expect(count(REAL_PROGRESSIVE, 0xda)).toBeGreaterThan(5);
    expect(count(REAL_PROGRESSIVE, 0xd7)).toBeGreaterThan(0);
    expect(jpegSize(REAL_PROGRESSIVE)).toEqual({ width: 32, height: 32 });
    expect(checkLogo(REAL_PROGRESSIVE)).toEqual({
      ok: true,
      image: { mime: 'image/jpeg', width: 32, height: 32 },
    });
  });

  it('refuses a JPEG cut off anywhere after its first scan starts', () => {
    const files = [REAL_PROGRESSIVE, makeJpeg(300, 120, 30)];
    const cut = fc
      .constantFrom(...files)
      .chain((file) =>
        fc.tuple(fc.constant(file), fc.integer({ min: firstScan(file), max: file.length - 1 })),
      );
    fc.assert(
      fc.property(cut, ([file, length]) => {
        const short = file.subarray(0, length);
        expect(jpegSize(short)).toBeNull();
        expect(checkLogo(short)).toMatchObject({ ok: false, code: 'logo_corrupt' });
      }),
      { seed: 20250611, numRuns: 1000 },
    );
  });

  it('refuses a JPEG whose end was lost and filled with zeros', () => {
    const jpeg = Buffer.from(REAL_PROGRESSIVE);
    jpeg.fill(0, jpeg.length - 40);
    expect(jpegSize(jpeg)).toBeNull();
  });

  it('refuses a byte 0xFF followed by a value that is not a marker inside the scan data', () => {
    const jpeg = makeJpeg(300, 120, 30);
    // The one scan's data runs from after its 10-byte header to the end-of-image marker.
    const dataStart = firstScan(jpeg) + 10;
    const dataEnd = jpeg.length - 2;
    expect(jpegSize(jpeg)).not.toBeNull();
    expect(
      jpegSize(
        Buffer.concat([
          jpeg.subarray(0, dataStart + 5),
          Buffer.from([0xff, 0x42]),
          jpeg.subarray(dataStart + 5),
        ]),
      ),
    ).toBeNull();
    // Only a stuffed zero, RST0–RST7, or a marker that may end a scan can follow 0xFF there.
    const mayFollowInScan = (v: number) =>
      v === 0x00 ||
      v === 0xff ||
      (v >= 0xd0 && v <= 0xd7) ||
      [0xc4, 0xcc, 0xd9, 0xda, 0xdb, 0xdd, 0xfe].includes(v) ||
      (v >= 0xe0 && v <= 0xef);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }).filter((v) => !mayFollowInScan(v)),
        fc.integer({ min: dataStart, max: dataEnd }),
        (value, at) => {
          const bad = Buffer.concat([jpeg.subarray(0, at), Buffer.from([0xff, value]), jpeg.subarray(at)]);
          expect(jpegSize(bad)).toBeNull();
          expect(checkLogo(bad)).toMatchObject({ ok: false, code: 'logo_corrupt' });
        },
      ),
      { seed: 20250612, numRuns: 500 },
    );
  });

  it('refuses a scan with no data, and a TEM marker inside the scan data', () => {
    const jpeg = makeJpeg(64, 48);
    const dataStart = firstScan(jpeg) + 10;
    const eoi = jpeg.length - 2;
    expect(jpegSize(Buffer.concat([jpeg.subarray(0, dataStart), jpeg.subarray(eoi)]))).toBeNull();
    // TEM (0xFF01) stands alone elsewhere in a file, but not between the data and the end of the image.
    const tem = Buffer.concat([jpeg.subarray(0, eoi), Buffer.from([0xff, 0x01]), jpeg.subarray(eoi)]);
    expect(jpegSize(tem)).toBeNull();
  });

  it('refuses restart markers out of turn', () => {
    const jpeg = Buffer.from(REAL_PROGRESSIVE);
    const at = jpeg.indexOf(Buffer.from([0xff, 0xd1]));
    jpeg[at + 1] = 0xd3; // RST0 is followed by RST3
    expect(jpegSize(jpeg)).toBeNull();
  });

  it('accepts zero bytes after the end-of-image marker, and nothing else', () => {
    const jpeg = makeJpeg(64, 48);
    expect(jpegSize(Buffer.concat([jpeg, Buffer.alloc(100)]))).toEqual({ width: 64, height: 48 });
    expect(jpegSize(Buffer.concat([jpeg, Buffer.from('extra', 'latin1')]))).toBeNull();
    // A second image glued on after the first.
    expect(jpegSize(Buffer.concat([jpeg, jpeg]))).toBeNull();
  });

  it('refuses a frame with no scan before the end', () => {
    const jpeg = makeJpeg(64, 48);
    expect(
      jpegSize(Buffer.concat([jpeg.subarray(0, firstScan(jpeg)), Buffer.from([0xff, 0xd9])])),
    ).toBeNull();
  });

  it('refuses a scan that names a component the frame does not have', () => {
    const jpeg = makeJpeg(64, 48);
    jpeg[firstScan(jpeg) + 5] = 2; // the frame has component 1 only
    expect(jpegSize(jpeg)).toBeNull();
  });

  it('refuses a progressive scan that mixes DC and AC coefficients', () => {
    const jpeg = Buffer.from(REAL_PROGRESSIVE);
    const sos = firstScan(jpeg);
    const components = jpeg[sos + 4]!;
    expect([jpeg[sos + 5 + 2 * components], jpeg[sos + 6 + 2 * components]]).toEqual([0, 0]); // DC only
    jpeg[sos + 6 + 2 * components] = 63;
    expect(jpegSize(jpeg)).toBeNull();
  });

  it('refuses a second frame', () => {
    const jpeg = makeJpeg(64, 48);
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    const frame = jpeg.subarray(sof, sof + 2 + jpeg.readUInt16BE(sof + 2));
    expect(jpegSize(Buffer.concat([jpeg.subarray(0, sof), frame, jpeg.subarray(sof)]))).toBeNull();
  });
});

describe('checkLogo', () => {
  it('accepts a PNG and a JPEG within the limits, by their bytes', () => {
    expect(checkLogo(makePng(300, 100))).toEqual({
      ok: true,
      image: { mime: 'image/png', width: 300, height: 100 },
    });
    expect(checkLogo(makeJpeg(32, 4000))).toEqual({
      ok: true,
      image: { mime: 'image/jpeg', width: 32, height: 4000 },
    });
  });

  it('refuses an empty file', () => {
    expect(checkLogo(new Uint8Array())).toMatchObject({ ok: false, code: 'logo_missing' });
  });

  it('refuses a file over the size limit before looking inside it', () => {
    const big = Buffer.concat([makePng(64, 64), Buffer.alloc(LOGO_LIMITS.maxBytes)]);
    expect(checkLogo(big)).toMatchObject({ ok: false, code: 'logo_too_large' });
    const justRight = Buffer.concat([makePng(64, 64)]);
    expect(checkLogo(justRight).ok).toBe(true);
  });

  it('refuses SVG, GIF and text however they are named', () => {
    for (const text of [
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      'GIF89a\u0001\u0000\u0001\u0000',
      'hello',
    ]) {
      expect(checkLogo(Buffer.from(text, 'latin1'))).toMatchObject({ ok: false, code: 'logo_not_an_image' });
    }
  });

  it('refuses a PNG or JPEG signature followed by nothing readable', () => {
    expect(checkLogo(Buffer.from([...PNG_SIG, 1, 2, 3]))).toMatchObject({ ok: false, code: 'logo_corrupt' });
    expect(checkLogo(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toMatchObject({
      ok: false,
      code: 'logo_corrupt',
    });
  });

  it('refuses sides under 32 or over 4000 pixels, and accepts the edges', () => {
    expect(checkLogo(makePng(31, 100))).toMatchObject({ ok: false, code: 'logo_dimensions' });
    expect(checkLogo(makePng(100, 31))).toMatchObject({ ok: false, code: 'logo_dimensions' });
    expect(checkLogo(makeJpeg(4001, 100))).toMatchObject({ ok: false, code: 'logo_dimensions' });
    expect(checkLogo(makeJpeg(100, 4001))).toMatchObject({ ok: false, code: 'logo_dimensions' });
    expect(checkLogo(makePng(32, 32)).ok).toBe(true);
    expect(checkLogo(makeJpeg(4000, 4000)).ok).toBe(true);
  });

  it('says the size it found in the message', () => {
    const res = checkLogo(makePng(20, 10));
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.message).toContain('20 × 10');
  });
});

describe('checkLogo on arbitrary bytes', () => {
  it('never throws, and accepts only what both parsers agree is a PNG or JPEG of a valid size', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        const res = checkLogo(bytes);
        if (res.ok) {
          const size = res.image.mime === 'image/png' ? pngSize(bytes) : jpegSize(bytes);
          expect(size).toEqual({ width: res.image.width, height: res.image.height });
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on bytes that start with a PNG or JPEG signature', () => {
    const prefixed = fc
      .tuple(fc.constantFrom(PNG_SIG, [0xff, 0xd8, 0xff]), fc.uint8Array({ maxLength: 512 }), fc.boolean())
      .map(([sig, rest, header]) =>
        // Half the time, keep a real header and scramble what follows it.
        header
          ? Buffer.concat([(sig.length === 8 ? makePng(40, 40) : makeJpeg(40, 40)).subarray(0, 40), rest])
          : Buffer.from([...sig, ...rest]),
      );
    fc.assert(
      fc.property(prefixed, (bytes) => {
        const res = checkLogo(bytes);
        if (res.ok) {
          expect(res.image.width).toBeGreaterThanOrEqual(LOGO_LIMITS.minSide);
          expect(res.image.height).toBeLessThanOrEqual(LOGO_LIMITS.maxSide);
        } else {
          expect(res.message.length).toBeGreaterThan(20);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on a real file with one byte changed or cut short', () => {
    const files = [makePng(64, 40), makeJpeg(64, 40)];
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        fc.nat(),
        (which, pos, value, cut) => {
          const file = Buffer.from(files[which]!);
          file[pos % file.length] = value;
          const res = checkLogo(file.subarray(0, 1 + (cut % file.length)));
          expect(typeof res.ok).toBe('boolean');
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('fitInBox', () => {
  it('keeps the shape and stays inside the box', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 500 }),
        (w, h, bw, bh) => {
          const fit = fitInBox(w, h, bw, bh);
          expect(fit.width).toBeLessThanOrEqual(bw + 1e-9);
          expect(fit.height).toBeLessThanOrEqual(bh + 1e-9);
          expect(fit.width / fit.height).toBeCloseTo(w / h, 6);
        },
      ),
    );
  });

  it('does not enlarge past maxScale', () => {
    expect(fitInBox(40, 20, 140, 50, 1)).toEqual({ width: 40, height: 20 });
  });
});
