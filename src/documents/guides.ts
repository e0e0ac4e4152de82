/**
 * Free printable guides, generated from the exercise library: a daily stretch
 * routine, a core-and-hip starter routine, a workstation and movement-break
 * checklist, and a walking/cycling/swimming build-up plan.
 *
 * pdf-lib with its standard fonts only (no font files), text made safe for
 * WinAnsi, wrapped to the page, with page numbers, the clinic's name and
 * contact details, and the not-a-diagnosis line on every page.
 *
 * Pure apart from pdf-lib: no I/O, no clock.
 */
import { PDFDocument, type PDFFont, type PDFPage, StandardFonts, rgb } from 'pdf-lib';
import type { Library } from '../core/library/library';
import type { Exercise } from '../core/library/types';
import { formatDose } from '../web/ui/labels';

export interface GuideClinic {
  name: string;
  contactPhone: string;
  contactEmail: string;
  address: string;
  primaryColor: string;
  timezone: string;
}

interface Section {
  heading: string;
  paragraphs?: string[];
  checklist?: string[];
  table?: { head: string[]; rows: string[][] };
}

export interface GuideDefinition {
  slug: string;
  title: string;
  /** One line for listings and the PDF's subtitle. */
  summary: string;
  intro: string[];
  /** Exercises from the library, in order (missing slugs are skipped). */
  exercises: string[];
  exercisesHeading: string;
  before?: Section[];
  after?: Section[];
}

export const GUIDES: GuideDefinition[] = [
  {
    slug: 'daily-stretch-routine',
    title: 'Daily stretch routine',
    summary: 'Six gentle stretches for the hips and lower back: about ten minutes, once a day.',
    intro: [
      'Tight muscles around the hips can tug on the lower back. A few minutes of stretching every day keeps them supple, and the habit matters more than any single session.',
      'Move into each stretch slowly until you feel a gentle pull, then breathe and hold. A stretch should feel like tension, never sharp pain.',
    ],
    exercisesHeading: 'The routine',
    exercises: [
      'hip-flexor-stretch-standing',
      'seated-hamstring-stretch',
      'piriformis-stretch-seated',
      'knee-to-chest',
      'lower-back-rotation',
      'cat-cow',
    ],
    after: [
      {
        heading: 'Make it a habit',
        checklist: [
          'Pick a fixed moment: after brushing your teeth, or before bed.',
          'Tick off each day you stretch. Aim for a streak, not perfection.',
          'If one stretch does not suit you, leave it out and carry on with the rest.',
        ],
      },
    ],
  },
  {
    slug: 'core-and-hip-starter',
    title: 'Core and hip starter routine',
    summary:
      'Six beginner strength exercises for the muscles that support your back, two or three days a week.',
    intro: [
      'Strong hip and trunk muscles share the work of holding you up, so your lower back does not have to do it alone. These six exercises are the easiest rung of each ladder in our library.',
      'Do the routine two or three days a week, with a rest day in between. Move slowly and with control; quality beats speed.',
    ],
    exercisesHeading: 'The routine',
    exercises: [
      'glute-bridge',
      'clamshell',
      'wall-plank',
      'bird-dog',
      'sit-to-stand',
      'standing-hip-abduction',
    ],
    after: [
      {
        heading: 'How hard should it feel?',
        paragraphs: [
          'Some discomfort while you exercise is fine, as long as it stays at 5 out of 10 or less and has settled by the next morning. If it is worse the next morning, do fewer repetitions next time.',
          'When the routine feels easy for two sessions in a row, you are ready for the next rung of the ladder. The exercise pages on our website show the harder versions.',
        ],
      },
    ],
  },
  {
    slug: 'workstation-checklist',
    title: 'Workstation and movement-break checklist',
    summary: 'Set up your desk for comfort, then keep moving: a checklist and six quick movement breaks.',
    intro: [
      'There is no single correct way to sit or stand, and good research has not found that any one posture causes back pain. What helps most is comfort, variety and getting up often.',
      'Use the checklist once to set up your space, then take a short movement break every 30 to 60 minutes.',
    ],
    before: [
      {
        heading: 'Your workstation',
        checklist: [
          'Chair height: feet flat on the floor (or on a footrest), knees about level with your hips.',
          'Back support: sit back in the chair; a cushion or rolled towel behind your lower back can feel good.',
          "Screen: top of the screen around eye level, about an arm's length away.",
          'Keyboard and mouse: close to you, so your elbows rest by your sides.',
          'Laptop: use a stand or a pile of books with a separate keyboard for long spells.',
          'Sit-stand desk, if you have one: swap between sitting and standing through the day rather than standing all day.',
          'Phone calls: stand up or walk while you talk.',
          'Set a gentle reminder to move every 30 to 60 minutes.',
        ],
      },
    ],
    exercisesHeading: 'Quick movement breaks (pick one or two)',
    exercises: [
      'desk-walk-break',
      'sit-to-stand-break',
      'seated-march',
      'standing-back-extension',
      'standing-side-bend',
      'seated-pelvic-tilt',
    ],
  },
  {
    slug: 'walking-cycling-swimming-plan',
    title: 'Walking, cycling and swimming build-up plan',
    summary: 'Build up gently to 30 minutes of low-impact activity on most days, from wherever you start.',
    intro: [
      'Walking, cycling and swimming keep your joints moving without jarring them. The long-term goal is about 30 minutes on most days: 150 minutes or more a week, the amount health guidelines recommend for adults.',
      'Start from what you can do comfortably today, even if that is five minutes, and add a little each week. Every minute counts; you can split a session into shorter bouts.',
    ],
    before: [
      {
        heading: 'A ten-week build-up',
        paragraphs: [
          'Start at the row that matches what you can do now. Move down a row when the current one feels comfortable for a week.',
        ],
        table: {
          head: ['Weeks', 'Each session', 'Days a week', 'Weekly total'],
          rows: [
            ['1 to 2', '10 minutes', '5', '50 minutes'],
            ['3 to 4', '15 minutes', '5', '75 minutes'],
            ['5 to 6', '20 minutes', '5', '100 minutes'],
            ['7 to 8', '25 minutes', '5', '125 minutes'],
            ['9 to 10', '30 minutes', '5', '150 minutes'],
          ],
        },
      },
    ],
    exercisesHeading: 'Choose your activity',
    exercises: ['walking', 'stationary-cycling', 'swimming', 'water-walking'],
    after: [
      {
        heading: 'Listening to your body',
        paragraphs: [
          'A moderate pace is one where you can talk but not sing. If your pain is worse the next morning than it usually is, go back to the previous row for a week.',
        ],
      },
    ],
  },
];

export const guideBySlug = (slug: string) => GUIDES.find((g) => g.slug === slug);

/** The exercises a guide lists, in its order. */
export function guideExercises(guide: GuideDefinition, library: Library): Exercise[] {
  return guide.exercises.flatMap((slug) => {
    const ex = library.bySlug.get(slug);
    return ex ? [ex] : [];
  });
}

// ---------------------------------------------------------------------------
// Text

const REPLACEMENTS: Readonly<Record<string, string>> = {
  '≥': 'at least ',
  '≤': 'at most ',
  '→': ' to ',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u200b': '',
  '≈': 'about ',
  '½': ' and a half',
  '…': '...',
  '✓': '',
};

/** Makes text drawable with a standard (WinAnsi) font: known symbols become words, accents are dropped if need be, anything else becomes "?". */
export function toWinAnsi(text: string, font: PDFFont): string {
  const supported = new Set(font.getCharacterSet());
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\n' || supported.has(code)) out += ch;
    else if (ch === '\t') out += ' ';
    else if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else {
      const bare = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += bare !== ch && [...bare].every((c) => supported.has(c.codePointAt(0) ?? 0)) ? bare : '?';
    }
  }
  return out.replace(/ {2,}/g, ' ');
}

/** Splits text into lines no wider than `width` at `size`. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) <= width) {
        line = next;
      } else {
        if (line) lines.push(line);
        // A single word wider than the line is cut.
        let w = word;
        while (font.widthOfTextAtSize(w, size) > width && w.length > 1) {
          let cut = w.length - 1;
          while (cut > 1 && font.widthOfTextAtSize(w.slice(0, cut), size) > width) cut--;
          lines.push(w.slice(0, cut));
          w = w.slice(cut);
        }
        line = w;
      }
    }
    lines.push(line);
  }
  return lines;
}

function parseColor(hex: string) {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  const v = m ? parseInt(m[1]!, 16) : 0x0f6466;
  return rgb(((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255);
}

const INK = rgb(0.094, 0.149, 0.176);
const INK_2 = rgb(0.267, 0.329, 0.361);
const LINE = rgb(0.85, 0.886, 0.894);
const WHITE = rgb(1, 1, 1);
const MARGIN = 50;
const FOOTER = 46;

export const NOT_A_DIAGNOSIS =
  'This guide gives general advice and is not a diagnosis. Stop and seek care if you have new numbness between your legs, new trouble passing urine or controlling your bowels, or weakness in both legs.';

/** US Letter where the clinic is in North America, A4 elsewhere. */
const paperFor = (timezone: string): [number, number] =>
  /^America\//.test(timezone) ? [612, 792] : [595.28, 841.89];

class Writer {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];
  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: { regular: PDFFont; bold: PDFFont },
    private readonly size: [number, number],
    private readonly brand: ReturnType<typeof rgb>,
  ) {}

  get width() {
    return this.size[0] - 2 * MARGIN;
  }

  newPage() {
    this.page = this.doc.addPage(this.size);
    this.pages.push(this.page);
    this.y = this.size[1] - MARGIN;
  }

  ensure(height: number) {
    if (this.y - height < MARGIN + FOOTER) this.newPage();
  }

  text(
    value: string,
    o: { size?: number; bold?: boolean; color?: ReturnType<typeof rgb>; indent?: number; gap?: number } = {},
  ) {
    const size = o.size ?? 10.5;
    const font = o.bold ? this.fonts.bold : this.fonts.regular;
    const indent = o.indent ?? 0;
    const lineHeight = size * 1.4;
    for (const line of wrap(toWinAnsi(value, font), font, size, this.width - indent)) {
      this.ensure(lineHeight);
      this.y -= lineHeight;
      this.page.drawText(line, {
        x: MARGIN + indent,
        y: this.y + size * 0.3,
        size,
        font,
        color: o.color ?? INK,
      });
    }
    this.y -= o.gap ?? 4;
  }

  heading(value: string) {
    this.ensure(60);
    this.y -= 8;
    this.text(value, { size: 14, bold: true, color: this.brand, gap: 6 });
  }

  checkbox(value: string) {
    const size = 10.5;
    const lines = wrap(toWinAnsi(value, this.fonts.regular), this.fonts.regular, size, this.width - 22);
    this.ensure(lines.length * size * 1.4 + 4);
    this.page.drawRectangle({
      x: MARGIN + 2,
      y: this.y - size * 1.4 + 1,
      width: 10,
      height: 10,
      borderColor: INK_2,
      borderWidth: 1,
    });
    this.text(value, { indent: 22, gap: 5 });
  }

  table(head: string[], rows: string[][]) {
    const col = this.width / head.length;
    const rowH = 20;
    this.ensure(rowH * (rows.length + 1) + 8);
    const draw = (cells: string[], bold: boolean) => {
      this.y -= rowH;
      cells.forEach((c, i) => {
        const font = bold ? this.fonts.bold : this.fonts.regular;
        this.page.drawText(toWinAnsi(c, font), {
          x: MARGIN + i * col + 6,
          y: this.y + 6,
          size: 10,
          font,
          color: INK,
        });
      });
      this.page.drawLine({
        start: { x: MARGIN, y: this.y },
        end: { x: MARGIN + this.width, y: this.y },
        thickness: bold ? 1.2 : 0.6,
        color: bold ? this.brand : LINE,
      });
    };
    draw(head, true);
    for (const r of rows) draw(r, false);
    this.y -= 10;
  }
}

/** Renders one guide as PDF bytes. */
export async function renderGuidePdf(
  guide: GuideDefinition,
  library: Library,
  clinic: GuideClinic,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${guide.title} · ${clinic.name}`);
  doc.setAuthor(clinic.name);
  doc.setSubject(guide.summary);
  doc.setCreator('hipback');
  doc.setProducer('hipback (pdf-lib)');
  doc.setLanguage('en');
  const fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  const brand = parseColor(clinic.primaryColor);
  const size = paperFor(clinic.timezone);
  const w = new Writer(doc, fonts, size, brand);
  w.newPage();

  // Header band: clinic and title.
  const band = 92;
  w.page.drawRectangle({ x: 0, y: size[1] - band, width: size[0], height: band, color: brand });
  w.page.drawText(toWinAnsi(clinic.name, fonts.bold), {
    x: MARGIN,
    y: size[1] - 30,
    size: 10.5,
    font: fonts.bold,
    color: WHITE,
  });
  w.page.drawText(toWinAnsi('Free guide', fonts.regular), {
    x: size[0] - MARGIN - fonts.regular.widthOfTextAtSize('Free guide', 10.5),
    y: size[1] - 30,
    size: 10.5,
    font: fonts.regular,
    color: WHITE,
  });
  const titleSize = 22;
  const titleLines = wrap(toWinAnsi(guide.title, fonts.bold), fonts.bold, titleSize, w.width);
  w.page.drawText(titleLines[0] ?? '', {
    x: MARGIN,
    y: size[1] - 66,
    size: titleSize,
    font: fonts.bold,
    color: WHITE,
  });
  w.y = size[1] - band - 18;
  for (const extra of titleLines.slice(1)) w.text(extra, { size: 16, bold: true, color: brand });
  w.text(guide.summary, { size: 12, color: INK_2, gap: 10 });
  for (const p of guide.intro) w.text(p, { gap: 8 });

  const section = (s: Section) => {
    w.heading(s.heading);
    for (const p of s.paragraphs ?? []) w.text(p, { gap: 8 });
    for (const c of s.checklist ?? []) w.checkbox(c);
    if (s.table) w.table(s.table.head, s.table.rows);
  };
  for (const s of guide.before ?? []) section(s);

  const exercises = guideExercises(guide, library);
  w.heading(guide.exercisesHeading);
  exercises.forEach((ex, i) => {
    w.ensure(110);
    w.y -= 4;
    w.text(`${i + 1}. ${ex.name}`, { size: 12.5, bold: true, gap: 2 });
    w.text(formatDose(ex.type, ex.defaultDose), { size: 10, color: brand, bold: true, gap: 3 });
    w.text(ex.summary, { color: INK_2, gap: 4 });
    ex.steps.forEach((step, k) => w.text(`${k + 1}) ${step}`, { indent: 12, gap: 1 }));
    const stop = ex.stopIf[0];
    if (stop) w.text(`Stop if: ${stop}`, { indent: 12, size: 9.5, color: INK_2, gap: 8 });
    else w.y -= 6;
  });

  for (const s of guide.after ?? []) section(s);

  w.heading('Want a plan made for you?');
  w.text(
    `The physical therapists at ${clinic.name} offer a free consultation. Book a time on our website, or get in touch:`,
    { gap: 4 },
  );
  const contact = [clinic.contactPhone, clinic.contactEmail, clinic.address].filter(Boolean).join('  |  ');
  if (contact) w.text(contact, { bold: true, gap: 8 });

  // Footer on every page: the not-a-diagnosis line, the clinic and page numbers.
  const total = w.pages.length;
  w.pages.forEach((page, i) => {
    const footerSize = 8;
    const lines = wrap(toWinAnsi(NOT_A_DIAGNOSIS, fonts.regular), fonts.regular, footerSize, w.width);
    page.drawLine({
      start: { x: MARGIN, y: MARGIN + 30 },
      end: { x: size[0] - MARGIN, y: MARGIN + 30 },
      thickness: 0.6,
      color: LINE,
    });
    lines.forEach((line, k) => {
      page.drawText(line, {
        x: MARGIN,
        y: MARGIN + 20 - k * 10,
        size: footerSize,
        font: fonts.regular,
        color: INK_2,
      });
    });
    const left = toWinAnsi(
      `${clinic.name}${clinic.contactPhone ? ` · ${clinic.contactPhone}` : ''}`,
      fonts.regular,
    );
    page.drawText(left, { x: MARGIN, y: MARGIN - 8, size: footerSize, font: fonts.regular, color: INK_2 });
    const num = `Page ${i + 1} of ${total}`;
    page.drawText(num, {
      x: size[0] - MARGIN - fonts.regular.widthOfTextAtSize(num, footerSize),
      y: MARGIN - 8,
      size: footerSize,
      font: fonts.regular,
      color: INK_2,
    });
  });
  return doc.save();
}
