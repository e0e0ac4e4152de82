/**
 * The printable self-check result: a branded PDF a person can keep, print or
 * show a clinician. Built with pdf-lib and its standard fonts only, so it
 * needs no font files and works on any server.
 *
 * What it contains follows the safety principles (PRODUCT.md): the triage
 * message comes first; for `emergency` and `urgent` results the document
 * holds only the advice and the reasons, never a plan. Exercise figures are
 * the library's own illustrations (src/core/library/illustration.ts), whose
 * SVG uses only rect/path/circle/ellipse shapes, redrawn here as PDF vectors.
 *
 * Pure apart from pdf-lib: no I/O, no clock (the date is passed in).
 */
import {
  LineCapStyle,
  LineJoinStyle,
  PDFDocument,
  type PDFFont,
  type PDFImage,
  type PDFPage,
  type RGB,
  StandardFonts,
  appendQuadraticCurve,
  clip,
  closePath,
  endPath,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setLineJoin,
} from 'pdf-lib';
import { renderExerciseSvg } from '../core/library/illustration';
import type { Library } from '../core/library/library';
import { PILLARS, type Pillar } from '../core/library/types';
import type { SelfCheckResult } from '../core/plan/run';
import type { PlanItem } from '../core/plan/types';
import { PILLAR_LABELS } from '../web/ui/labels';
import { fitInBox } from './images';
import { doseText, formatDate, scheduleLines, splitReason } from '../web/ui/plan-text';

export interface PlanPdfClinic {
  name: string;
  contactPhone: string;
  contactEmail: string;
  address: string;
  /** Brand colour as #rrggbb (or #rgb); the header band and headings use it. */
  primaryColor: string;
  /** The clinic's logo (checked on upload by src/documents/images.ts), drawn at the top of the first page. */
  logo?: { bytes: Uint8Array; mime: 'image/png' | 'image/jpeg' } | null;
}

export interface PlanPdfInput {
  clinic: PlanPdfClinic;
  result: SelfCheckResult;
  library: Library;
  /** YYYY-MM-DD: the day the result was made, in the person's time zone. */
  generatedOn: string;
  /** Paper size; A4 unless the clinic is somewhere that uses US Letter. */
  paper?: 'a4' | 'letter';
  /** The number to call in an emergency where the clinic is. */
  emergencyNumber?: string;
  /**
   * A clinic handout: the plan a physical therapist made for this patient
   * (not a self-check's starter plan). Titles name the patient and the
   * therapist, and the plan is printed whatever the original triage said.
   */
  handout?: { patientName: string; therapistName: string };
}

const PAPER = { a4: [595.28, 841.89], letter: [612, 792] } as const;
const MARGIN = 50;
const FOOTER_SPACE = 44;
const HEADER_BAND = 84;
/** The logo's box in the header band: a white tile, so any logo reads on any brand colour. */
const LOGO_BOX = { maxWidth: 150, height: 60, padding: 5 } as const;

const INK = rgb(0.094, 0.149, 0.176);
const INK_2 = rgb(0.267, 0.329, 0.361);
const INK_3 = rgb(0.373, 0.435, 0.467);
const LINE = rgb(0.85, 0.886, 0.894);
const DANGER = rgb(0.702, 0.149, 0.118);
const DANGER_SOFT = rgb(0.992, 0.91, 0.902);
const WARN = rgb(0.541, 0.353, 0);
const WARN_SOFT = rgb(1, 0.957, 0.839);
const WHITE = rgb(1, 1, 1);

const PILLAR_INTRO: Record<Pillar, string> = {
  strength: 'Two or three days a week, with a rest day in between.',
  stretch: 'A short routine, every day.',
  movementBreaks: 'Short breaks that get you moving during long spells of sitting.',
  activity: 'Walking, cycling or swimming, built up week by week.',
  guidance: 'When to check in, and when to get help.',
};

// ---------------------------------------------------------------------------
// Text: WinAnsi sanitising and wrapping.

/** Characters the standard fonts cannot draw, said in words (or a plain equivalent). */
const REPLACEMENTS: Readonly<Record<string, string>> = {
  '≥': 'at least ',
  '≤': 'at most ',
  '→': ' to ',
  '←': ' from ',
  '↔': ' to and from ',
  '✓': '',
  '✔': '',
  '✗': '',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u2007': ' ',
  '\u200b': '',
  '≈': 'about ',
  '½': ' and a half',
  '⅓': ' and a third',
  '¼': ' and a quarter',
  '…': '...',
};

/** Makes text safe for a standard (WinAnsi) font: known symbols become words, anything else unknown becomes "?". */
export function sanitizeWinAnsi(text: string, font: PDFFont): string {
  const supported = supportedChars(font);
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\n') {
      out += '\n';
    } else if (ch === '\t') {
      out += ' ';
    } else if (supported.has(code)) {
      out += ch;
    } else if (REPLACEMENTS[ch] !== undefined) {
      out += REPLACEMENTS[ch];
    } else {
      // "ő" → "o": drop the accent when only the bare letter can be drawn.
      const bare = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += bare !== ch && [...bare].every((c) => supported.has(c.codePointAt(0) ?? 0)) ? bare : '?';
    }
  }
  return out.replace(/ {2,}/g, ' ');
}

const charSets = new WeakMap<PDFFont, Set<number>>();
function supportedChars(font: PDFFont): Set<number> {
  let set = charSets.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    charSets.set(font, set);
  }
  return set;
}

/** Breaks text into lines no wider than `width` (words longer than a line are split). */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(/ +/).filter((w) => w.length > 0);
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      // A single word wider than the line: split it by characters.
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

function hexColor(value: string, fallback: RGB): RGB {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!m?.[1]) return fallback;
  const hex =
    m[1].length === 3
      ? m[1]
          .split('')
          .map((c) => c + c)
          .join('')
      : m[1];
  const n = parseInt(hex, 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

// ---------------------------------------------------------------------------
// Exercise figures: the library's SVG, redrawn with pdf-lib.

const FIGURE = { width: 320, height: 240, radius: 18 } as const;

function roundedRectPath(x: number, y: number, w: number, h: number, r: number): string {
  const rr = Math.max(0, Math.min(r, w / 2, h / 2));
  return (
    `M${x + rr} ${y}L${x + w - rr} ${y}Q${x + w} ${y} ${x + w} ${y + rr}` +
    `L${x + w} ${y + h - rr}Q${x + w} ${y + h} ${x + w - rr} ${y + h}` +
    `L${x + rr} ${y + h}Q${x} ${y + h} ${x} ${y + h - rr}` +
    `L${x} ${y + rr}Q${x} ${y} ${x + rr} ${y}Z`
  );
}

function attrsOf(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(/([\w:-]+)="([^"]*)"/g)) {
    if (m[1] !== undefined && m[2] !== undefined) out[m[1]] = m[2];
  }
  return out;
}

function num(value: string | undefined, fallback = 0): number {
  const n = Number(value);
  return Number.isFinite(n) ? n : fallback;
}

function opacity(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : undefined;
}

/**
 * Draws an illustration SVG with its top-left corner at (x, top), `width`
 * points wide, clipped to its rounded card. Only the shapes the library's
 * renderer emits are handled: rect, path (M/L/H/V/Q/C/Z), circle, ellipse.
 */
export function drawIllustration(page: PDFPage, svg: string, x: number, top: number, width: number): number {
  const s = width / FIGURE.width;
  const height = FIGURE.height * s;
  const px = (v: number) => x + v * s;
  const py = (v: number) => top - v * s;
  // Clip everything to the rounded card, and join thick limb strokes smoothly.
  const r = FIGURE.radius * s;
  const x0 = x;
  const y0 = top - height;
  page.pushOperators(
    pushGraphicsState(),
    moveTo(x0 + r, y0),
    lineTo(x0 + width - r, y0),
    appendQuadraticCurve(x0 + width, y0, x0 + width, y0 + r),
    lineTo(x0 + width, top - r),
    appendQuadraticCurve(x0 + width, top, x0 + width - r, top),
    lineTo(x0 + r, top),
    appendQuadraticCurve(x0, top, x0, top - r),
    lineTo(x0, y0 + r),
    appendQuadraticCurve(x0, y0, x0 + r, y0),
    closePath(),
    clip(),
    endPath(),
    setLineJoin(LineJoinStyle.Round),
  );
  for (const m of svg.matchAll(/<(rect|path|circle|ellipse)\b([^>]*?)\/?>/g)) {
    const tag = m[1];
    const a = attrsOf(m[2] ?? '');
    const fill = a.fill && a.fill !== 'none' ? hexColor(a.fill, INK) : undefined;
    const stroke = a.stroke && a.stroke !== 'none' ? hexColor(a.stroke, INK) : undefined;
    const strokeWidth = num(a['stroke-width'], 1);
    const fillOpacity = opacity(a['fill-opacity'] ?? a.opacity);
    const strokeOpacity = opacity(a['stroke-opacity'] ?? a.opacity);
    if (!fill && !stroke) continue;
    if (tag === 'circle' || tag === 'ellipse') {
      const rx = tag === 'circle' ? num(a.r) : num(a.rx);
      const ry = tag === 'circle' ? num(a.r) : num(a.ry);
      if (rx <= 0 || ry <= 0) continue;
      page.drawEllipse({
        x: px(num(a.cx)),
        y: py(num(a.cy)),
        xScale: rx * s,
        yScale: ry * s,
        ...(fill ? { color: fill } : {}),
        ...(fillOpacity !== undefined ? { opacity: fillOpacity } : {}),
        ...(stroke ? { borderColor: stroke, borderWidth: strokeWidth * s } : {}),
        ...(strokeOpacity !== undefined ? { borderOpacity: strokeOpacity } : {}),
      });
      continue;
    }
    const d =
      tag === 'rect'
        ? roundedRectPath(num(a.x), num(a.y), num(a.width), num(a.height), num(a.rx))
        : (a.d ?? '');
    if (!d) continue;
    page.drawSvgPath(d, {
      x,
      y: top,
      scale: s,
      color: fill,
      ...(fillOpacity !== undefined ? { opacity: fillOpacity } : {}),
      ...(stroke ? { borderColor: stroke, borderWidth: strokeWidth } : {}),
      ...(strokeOpacity !== undefined ? { borderOpacity: strokeOpacity } : {}),
      ...(a['stroke-linecap'] === 'round' ? { borderLineCap: LineCapStyle.Round } : {}),
    });
  }
  page.pushOperators(popGraphicsState());
  page.drawRectangle({
    x: x0,
    y: y0,
    width,
    height,
    borderColor: LINE,
    borderWidth: 0.75,
  });
  return height;
}

// ---------------------------------------------------------------------------
// Page layout.

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
}

/** One run of text to lay out: a paragraph in one font, size and colour. */
interface Run {
  text: string;
  font: keyof Fonts;
  size: number;
  color?: RGB;
  /** Space before the run, in points. */
  before?: number;
  /** Left indent in points (e.g. for list items). */
  indent?: number;
  /** A marker drawn in the indent on the first line: a number, a bullet or a tick box. */
  marker?: string;
}

const lineHeight = (size: number) => size * 1.38;

class Layout {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = 0;
  readonly width: number;
  readonly height: number;
  readonly contentWidth: number;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: Fonts,
    readonly brand: RGB,
    paper: readonly [number, number],
    private readonly runningTitle: string,
  ) {
    this.width = paper[0];
    this.height = paper[1];
    this.contentWidth = this.width - 2 * MARGIN;
  }

  get bottom(): number {
    return MARGIN + FOOTER_SPACE - 14;
  }

  get top(): number {
    return this.height - MARGIN;
  }

  text(value: string, font: keyof Fonts = 'regular'): string {
    return sanitizeWinAnsi(value, this.fonts[font]);
  }

  newPage(): void {
    this.page = this.doc.addPage([this.width, this.height]);
    this.pages.push(this.page);
    this.y = this.top;
    if (this.pages.length > 1) {
      // A quiet running head on later pages.
      this.page.drawText(this.text(this.runningTitle, 'bold'), {
        x: MARGIN,
        y: this.height - MARGIN + 14,
        size: 8.5,
        font: this.fonts.bold,
        color: this.brand,
      });
      this.page.drawLine({
        start: { x: MARGIN, y: this.height - MARGIN + 8 },
        end: { x: this.width - MARGIN, y: this.height - MARGIN + 8 },
        thickness: 0.5,
        color: LINE,
      });
      this.y = this.top - 10;
    }
  }

  room(): number {
    return this.y - this.bottom;
  }

  /** Starts a new page unless `height` points fit on this one. */
  ensure(height: number): void {
    if (this.room() < height) this.newPage();
  }

  measure(runs: Run[], width: number): number {
    let h = 0;
    for (const run of runs) {
      const lines = wrapText(
        this.text(run.text, run.font),
        this.fonts[run.font],
        run.size,
        width - (run.indent ?? 0),
      );
      h += (run.before ?? 0) + lines.length * lineHeight(run.size);
    }
    return h;
  }

  /** Draws runs at x with the given width, breaking pages between lines when needed. */
  draw(runs: Run[], x = MARGIN, width = this.contentWidth): void {
    for (const run of runs) {
      const font = this.fonts[run.font];
      const indent = run.indent ?? 0;
      const lines = wrapText(this.text(run.text, run.font), font, run.size, width - indent);
      const lh = lineHeight(run.size);
      if (run.before) {
        if (this.room() < run.before + lh) this.newPage();
        else this.y -= run.before;
      }
      lines.forEach((line, i) => {
        if (this.room() < lh) this.newPage();
        const baseline = this.y - run.size;
        if (i === 0 && run.marker)
          this.drawMarker(run.marker, x + indent, baseline, run.size, run.color ?? INK);
        this.page.drawText(line, {
          x: x + indent,
          y: baseline,
          size: run.size,
          font,
          color: run.color ?? INK,
        });
        this.y -= lh;
      });
    }
  }

  private drawMarker(marker: string, textX: number, baseline: number, size: number, color: RGB): void {
    if (marker === 'box') {
      const s = size * 0.78;
      this.page.drawRectangle({
        x: textX - s - 6,
        y: baseline - 1,
        width: s,
        height: s,
        borderColor: this.brand,
        borderWidth: 0.9,
      });
      return;
    }
    const label = this.text(marker);
    const w = this.fonts.regular.widthOfTextAtSize(label, size);
    this.page.drawText(label, { x: textX - w - 5, y: baseline, size, font: this.fonts.regular, color });
  }

  /** A filled panel sized to its text (kept on one page). */
  panel(runs: Run[], fill: RGB, edge: RGB): void {
    const pad = 12;
    const inner = this.contentWidth - 2 * pad - 4;
    const h = this.measure(runs, inner) + 2 * pad;
    this.ensure(h + 6);
    const top = this.y;
    this.page.drawRectangle({ x: MARGIN, y: top - h, width: this.contentWidth, height: h, color: fill });
    this.page.drawRectangle({ x: MARGIN, y: top - h, width: 4, height: h, color: edge });
    this.y = top - pad;
    this.draw(runs, MARGIN + pad + 4, inner);
    this.y = top - h - 6;
  }

  rule(color: RGB = LINE, thickness = 0.75): void {
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: this.width - MARGIN, y: this.y },
      thickness,
      color,
    });
  }
}

// ---------------------------------------------------------------------------
// The document.

function levelTitle(level: SelfCheckResult['triage']['level']): string {
  switch (level) {
    case 'emergency':
      return 'Get medical help now';
    case 'urgent':
      return 'See a doctor today';
    case 'soon':
      return 'See a doctor within the next few days';
    case 'selfCare':
      return 'Safe to start with self-care';
  }
}

function drawHeader(
  l: Layout,
  clinic: PlanPdfClinic,
  subtitle: string,
  generatedOn: string,
  logo: PDFImage | null,
): void {
  const page = l.page;
  page.drawRectangle({
    x: 0,
    y: l.height - HEADER_BAND,
    width: l.width,
    height: HEADER_BAND,
    color: l.brand,
  });
  // The logo sits at the left of the band, scaled to fit its box (never enlarged past its own size);
  // the clinic's name moves to its right.
  let textX = MARGIN;
  if (logo) {
    const inner = LOGO_BOX.height - 2 * LOGO_BOX.padding;
    const fit = fitInBox(logo.width, logo.height, LOGO_BOX.maxWidth - 2 * LOGO_BOX.padding, inner, 1);
    const tileW = fit.width + 2 * LOGO_BOX.padding;
    const tileY = l.height - (HEADER_BAND + LOGO_BOX.height) / 2;
    page.drawRectangle({ x: MARGIN, y: tileY, width: tileW, height: LOGO_BOX.height, color: WHITE });
    page.drawImage(logo, {
      x: MARGIN + LOGO_BOX.padding,
      y: tileY + (LOGO_BOX.height - fit.height) / 2,
      width: fit.width,
      height: fit.height,
    });
    textX = MARGIN + tileW + 14;
  }
  const name = l.text(clinic.name || 'Your clinic', 'bold');
  page.drawText(name, {
    x: textX,
    y: l.height - 38,
    size: 19,
    font: l.fonts.bold,
    color: WHITE,
    maxWidth: l.contentWidth - (textX - MARGIN),
  });
  page.drawText(l.text(subtitle), {
    x: textX,
    y: l.height - 58,
    size: 11.5,
    font: l.fonts.regular,
    color: WHITE,
  });
  const date = l.text(`Made on ${formatDate(generatedOn)}`);
  const w = l.fonts.regular.widthOfTextAtSize(date, 9);
  page.drawText(date, {
    x: l.width - MARGIN - w,
    y: l.height - 74,
    size: 9,
    font: l.fonts.regular,
    color: WHITE,
  });
  l.y = l.height - HEADER_BAND - 22;
}

function reasonRuns(result: SelfCheckResult, color: RGB): Run[] {
  if (result.triage.reasons.length === 0) return [];
  return [
    { text: 'What you told us', font: 'bold', size: 11, color, before: 4 },
    ...result.triage.reasons.map((r): Run => ({
      text: r.message,
      font: 'regular',
      size: 10,
      indent: 14,
      marker: '•',
      before: 3,
    })),
  ];
}

/** The calm "about your plan" panel at the top of a plan that is safe to start. */
function drawAbout(l: Layout, advice: string): void {
  l.panel(
    [
      { text: 'About your plan', font: 'bold', size: 12.5, color: l.brand },
      { text: advice, font: 'regular', size: 10.5, before: 5 },
    ],
    rgb(0.89, 0.945, 0.941),
    l.brand,
  );
}

function drawTriage(l: Layout, result: SelfCheckResult, emergencyNumber: string): void {
  const { level, advice } = result.triage;
  if (level === 'emergency' || level === 'urgent') {
    const runs: Run[] = [{ text: levelTitle(level), font: 'bold', size: 17, color: DANGER }];
    if (level === 'emergency') {
      runs.push({
        text: `Call ${emergencyNumber} or go to the nearest emergency department now.`,
        font: 'bold',
        size: 12.5,
        before: 6,
      });
    } else {
      runs.push({
        text: 'Contact your doctor today for a same-day appointment, or go to urgent care.',
        font: 'bold',
        size: 12.5,
        before: 6,
      });
    }
    runs.push({ text: advice, font: 'regular', size: 10.5, before: 8 });
    l.panel(runs, DANGER_SOFT, DANGER);
    l.y -= 8;
    l.draw(reasonRuns(result, DANGER));
    l.y -= 10;
    l.draw([
      {
        text: 'This sheet holds no exercises on purpose: please get checked first. Show it to the doctor or nurse who sees you.',
        font: 'italic',
        size: 10,
        color: INK_2,
      },
    ]);
    return;
  }
  if (level === 'soon') {
    l.panel(
      [
        { text: levelTitle(level), font: 'bold', size: 15, color: WARN },
        { text: advice, font: 'regular', size: 10.5, before: 6 },
        ...reasonRuns(result, WARN),
      ],
      WARN_SOFT,
      WARN,
    );
    return;
  }
  drawAbout(l, advice);
}

const FIG_WIDTH = 128;
const FIG_GAP = 16;

function itemRuns(item: PlanItem, l: Layout, library: Library): Run[] {
  const runs: Run[] = [{ text: item.title, font: 'bold', size: 12.5 }];
  const dose = doseText(item);
  if (dose) runs.push({ text: dose, font: 'bold', size: 10, color: l.brand, before: 2 });
  const when = scheduleLines(item);
  if (when.length > 0)
    runs.push({
      text: when.join('. ').replace(/\.\./g, '.'),
      font: 'regular',
      size: 9.5,
      color: INK_2,
      before: 2,
    });
  const { why, substitution } = splitReason(item);
  runs.push({ text: 'Why this is in your plan', font: 'bold', size: 9.5, color: INK_3, before: 6 });
  runs.push({ text: why, font: 'regular', size: 10 });
  if (substitution) runs.push({ text: substitution, font: 'italic', size: 9.5, color: INK_2, before: 3 });
  const ex = item.exercise ? library.bySlug.get(item.exercise) : undefined;
  if (ex && ex.steps.length > 0) {
    runs.push({ text: 'How to do it', font: 'bold', size: 9.5, color: INK_3, before: 6 });
    ex.steps.forEach((step, i) =>
      runs.push({
        text: step,
        font: 'regular',
        size: 10,
        indent: 16,
        marker: `${i + 1}.`,
        before: i === 0 ? 0 : 2,
      }),
    );
  }
  if (ex && ex.stopIf.length > 0) {
    runs.push({ text: `Stop if: ${ex.stopIf.join(' ')}`, font: 'regular', size: 9, color: INK_2, before: 5 });
  }
  for (const caution of item.cautions ?? []) {
    runs.push({ text: `Take care: ${caution}`, font: 'bold', size: 9.5, color: WARN, before: 4 });
  }
  if (item.checklist && item.checklist.length > 0) {
    runs.push({ text: 'Check your set-up', font: 'bold', size: 9.5, color: INK_3, before: 6 });
    item.checklist.forEach((line) =>
      runs.push({ text: line, font: 'regular', size: 10, indent: 18, marker: 'box', before: 3 }),
    );
  }
  return runs;
}

function drawBuildUp(l: Layout, item: PlanItem): void {
  const weeks = item.buildUp ?? [];
  if (weeks.length === 0) return;
  const rowH = 16;
  const cols = [
    { label: 'Week', w: 60 },
    { label: 'Minutes each time', w: 130 },
    { label: 'Days that week', w: 110 },
    { label: 'Minutes that week', w: 130 },
  ];
  l.ensure(rowH * Math.min(weeks.length + 1, 4) + 24);
  l.draw([{ text: 'Your week-by-week build-up', font: 'bold', size: 9.5, color: INK_3, before: 6 }]);
  const row = (cells: string[], bold: boolean) => {
    if (l.room() < rowH) l.newPage();
    let x = MARGIN;
    cells.forEach((cell, i) => {
      l.page.drawText(l.text(cell), {
        x: x + 4,
        y: l.y - 11.5,
        size: 9.5,
        font: bold ? l.fonts.bold : l.fonts.regular,
        color: bold ? INK_2 : INK,
      });
      x += cols[i]?.w ?? 100;
    });
    l.y -= rowH;
    l.page.drawLine({
      start: { x: MARGIN, y: l.y + 2 },
      end: { x: MARGIN + cols.reduce((s, c) => s + c.w, 0), y: l.y + 2 },
      thickness: 0.5,
      color: LINE,
    });
  };
  row(
    cols.map((c) => c.label),
    true,
  );
  for (const w of weeks) {
    row(
      [String(w.week), String(w.minutesPerSession), String(w.sessionsPerWeek), String(w.weeklyMinutes)],
      false,
    );
  }
}

/** How an item lays out: its text, the width beside its figures, and the height of the whole block. */
function itemLayout(l: Layout, item: PlanItem, library: Library) {
  const ex = item.exercise ? library.bySlug.get(item.exercise) : undefined;
  const runs = itemRuns(item, l, library);
  const textWidth = ex ? l.contentWidth - FIG_WIDTH - FIG_GAP : l.contentWidth;
  const figHeight = ex ? 2 * ((FIG_WIDTH * FIGURE.height) / FIGURE.width) + 2 * 14 + 6 : 0;
  const block = Math.max(l.measure(runs, textWidth), figHeight);
  // A block taller than a page flows on; it needs only a good start on this one.
  const needs = block <= l.top - l.bottom - 20 ? block + 4 : Math.min(block, 160);
  return { ex, runs, textWidth, figHeight, needs };
}

function drawItem(l: Layout, item: PlanItem, library: Library): void {
  const { ex, runs, textWidth, figHeight, needs } = itemLayout(l, item, library);
  // Keep an item on one page when it fits on one.
  l.ensure(needs);
  const top = l.y;
  const startPage = l.page;
  if (ex) {
    const figX = l.width - MARGIN - FIG_WIDTH;
    let y = top;
    for (const frame of ['start', 'end'] as const) {
      const h = drawIllustration(startPage, renderExerciseSvg(ex, { frame }), figX, y, FIG_WIDTH);
      startPage.drawText(l.text(frame === 'start' ? 'Start position' : 'End position'), {
        x: figX + 2,
        y: y - h - 10,
        size: 8,
        font: l.fonts.regular,
        color: INK_3,
      });
      y -= h + 14 + 3;
    }
  }
  l.draw(runs, MARGIN, textWidth);
  if (l.page === startPage) l.y = Math.min(l.y, top - figHeight);
  drawBuildUp(l, item);
  l.y -= 10;
  if (l.room() > 12) {
    l.rule();
    l.y -= 12;
  }
}

function drawPlan(
  l: Layout,
  result: SelfCheckResult,
  library: Library,
  handout: PlanPdfInput['handout'],
): void {
  const plan = result.plan;
  if (!plan) return;
  l.y -= 6;
  l.ensure(60);
  l.draw([
    {
      text: handout ? `Your plan from ${handout.therapistName}` : 'Your starter plan',
      font: 'bold',
      size: 17,
      color: INK,
    },
    {
      text: handout
        ? 'Your physical therapist chose these exercises, doses and days for you. Each item says why it is in your plan. Start gently: some discomfort is fine, sharp or spreading pain is not.'
        : 'It has five parts, from the method your clinic uses. Each item says why it is in your plan. Start gently: some discomfort is fine, sharp or spreading pain is not.',
      font: 'regular',
      size: 10.5,
      color: INK_2,
      before: 4,
    },
  ]);
  l.y -= 8;
  for (const pillar of PILLARS) {
    const items = plan.items.filter((i) => i.pillar === pillar);
    if (items.length === 0) continue;
    // Never leave a pillar's heading alone at the foot of a page: keep it with its first item.
    const first = items[0];
    l.ensure(72 + (first ? itemLayout(l, first, library).needs : 0));
    l.y -= 6;
    l.page.drawRectangle({ x: MARGIN, y: l.y - 26, width: l.contentWidth, height: 26, color: l.brand });
    l.page.drawText(l.text(PILLAR_LABELS[pillar], 'bold'), {
      x: MARGIN + 10,
      y: l.y - 18,
      size: 12.5,
      font: l.fonts.bold,
      color: WHITE,
    });
    l.y -= 26;
    l.draw([{ text: PILLAR_INTRO[pillar], font: 'italic', size: 9.5, color: INK_2, before: 5 }]);
    l.y -= 10;
    for (const item of items) drawItem(l, item, library);
  }
  if (plan.goals.length > 0) {
    l.ensure(70);
    l.draw([
      { text: 'What you want to get back to', font: 'bold', size: 12.5, color: l.brand, before: 4 },
      ...plan.goals.map((g): Run => ({
        text: `${g.name}: ${g.score} out of 10 today (0 = cannot do it, 10 = as well as before the pain)`,
        font: 'regular',
        size: 10,
        indent: 14,
        marker: '•',
        before: 3,
      })),
    ]);
  }
}

function contactLines(clinic: PlanPdfClinic): string[] {
  return [clinic.contactPhone && `Phone ${clinic.contactPhone}`, clinic.contactEmail, clinic.address].filter(
    (s): s is string => Boolean(s),
  );
}

function drawContact(l: Layout, clinic: PlanPdfClinic): void {
  const lines = contactLines(clinic);
  const runs: Run[] = [
    { text: `Questions? Talk to ${clinic.name || 'your clinic'}`, font: 'bold', size: 12, color: l.brand },
    ...(lines.length > 0
      ? lines.map((text): Run => ({ text, font: 'regular', size: 10.5, before: 2 }))
      : [
          {
            text: 'Ask at the clinic about a free consultation.',
            font: 'regular',
            size: 10.5,
            before: 2,
          } as Run,
        ]),
  ];
  l.y -= 8;
  l.panel(runs, rgb(0.96, 0.972, 0.969), l.brand);
}

function drawFooters(l: Layout, clinic: PlanPdfClinic): void {
  const total = l.pages.length;
  const contact = l.text(
    [clinic.name, clinic.contactPhone, clinic.contactEmail].filter(Boolean).join('  ·  '),
  );
  l.pages.forEach((page, i) => {
    const y = MARGIN - 10;
    page.drawLine({
      start: { x: MARGIN, y: y + 14 },
      end: { x: l.width - MARGIN, y: y + 14 },
      thickness: 0.5,
      color: LINE,
    });
    page.drawText(contact, { x: MARGIN, y, size: 8.5, font: l.fonts.regular, color: INK_3 });
    const label = `Page ${i + 1} of ${total}`;
    const w = l.fonts.regular.widthOfTextAtSize(label, 8.5);
    page.drawText(label, { x: l.width - MARGIN - w, y, size: 8.5, font: l.fonts.regular, color: INK_3 });
  });
}

/** Embeds the clinic's logo; a logo that cannot be drawn is left out rather than failing the handout. */
async function embedLogo(doc: PDFDocument, logo: PlanPdfClinic['logo']): Promise<PDFImage | null> {
  if (!logo) return null;
  // A fresh copy: pdf-lib's JPEG reader reads `bytes.buffer` from its start, ignoring the view's offset
  // (and a Node Buffer is often a view into a shared pool).
  const bytes = new Uint8Array(logo.bytes);
  try {
    return logo.mime === 'image/png' ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
  } catch {
    return null;
  }
}

/**
 * Whether the handout can draw this image: pdf-lib decodes a PNG in full (so a
 * damaged one is caught here) and reads a JPEG's header. Checked on upload.
 */
export async function logoEmbeds(bytes: Uint8Array, mime: 'image/png' | 'image/jpeg'): Promise<boolean> {
  const doc = await PDFDocument.create();
  return (await embedLogo(doc, { bytes, mime })) !== null;
}

/** Renders the self-check result as a PDF document. */
export async function renderPlanPdf(input: PlanPdfInput): Promise<Uint8Array> {
  const { clinic, result, library, generatedOn, handout } = input;
  const doc = await PDFDocument.create();
  // A therapist's handout is printed as they made it; a self-check plan only when it is safe to start one.
  const hasPlan =
    result.plan !== null &&
    (handout !== undefined || result.triage.level === 'soon' || result.triage.level === 'selfCare');
  const title = handout
    ? `Home exercise plan for ${handout.patientName}`
    : hasPlan
      ? 'Your hip and lower back starter plan'
      : 'Your self-check result';
  doc.setTitle(`${title} - ${clinic.name}`);
  doc.setAuthor(handout ? `${handout.therapistName}, ${clinic.name}` : clinic.name);
  doc.setSubject(
    handout
      ? `Home exercise plan made by ${handout.therapistName} at ${clinic.name}.`
      : 'Self-check result and starter plan. Not a diagnosis.',
  );
  doc.setCreator('hipback');
  doc.setProducer('hipback (pdf-lib)');
  doc.setLanguage('en');
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    italic: await doc.embedFont(StandardFonts.HelveticaOblique),
  };
  const brand = hexColor(clinic.primaryColor, rgb(0.059, 0.392, 0.4));
  const l = new Layout(doc, fonts, brand, PAPER[input.paper ?? 'a4'], `${clinic.name} - ${title}`);
  l.newPage();
  drawHeader(l, clinic, title, generatedOn, await embedLogo(doc, clinic.logo));
  if (handout) drawAbout(l, result.triage.advice);
  else drawTriage(l, result, input.emergencyNumber ?? '911');
  // Someone who needs urgent care gets the advice alone: no plan, and no
  // clinic offer that could pull them away from the doctor (contact details
  // stay in the footer).
  if (hasPlan) {
    drawPlan(l, result, library, handout);
    drawContact(l, clinic);
  }
  drawFooters(l, clinic);
  return doc.save();
}
