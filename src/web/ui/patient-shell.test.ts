import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatDate } from './plan-text';
import { dateIn, offsetMinutesIn, setZoneHint, timeIn } from './patient-shell';

/** What Intl says, the reference the fast paths must match. */
const intlDate = (tz: string, at: Date) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
const intlTime = (tz: string, at: Date) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: tz,
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(at);

const instants = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2060-01-01T00:00:00Z'),
  noInvalidDate: true,
});
const ZONES = ['America/Denver', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'];

describe('local dates and times for the patient', () => {
  const tzBefore = process.env.TZ;
  beforeEach(() => setZoneHint(null));
  afterEach(() => {
    setZoneHint(null);
    if (tzBefore === undefined) delete process.env.TZ;
    else process.env.TZ = tzBefore;
  });

  it('reads a zone offset the way a clock on the wall shows it', () => {
    expect(offsetMinutesIn('America/Denver', new Date('2026-01-15T12:00:00Z'))).toBe(-420);
    expect(offsetMinutesIn('America/Denver', new Date('2026-07-15T12:00:00Z'))).toBe(-360);
    expect(offsetMinutesIn('Asia/Kolkata', new Date('2026-07-15T12:00:00Z'))).toBe(330);
    expect(offsetMinutesIn('UTC', new Date('2026-07-15T12:00:00Z'))).toBe(0);
  });

  it("gives Intl's answer from the device clock when the zone hint applies", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.constantFrom(...ZONES), instants, (device, patient, at) => {
        process.env.TZ = device;
        setZoneHint({ timezone: patient, offsetMinutes: offsetMinutesIn(patient, at), at: at.getTime() });
        expect(dateIn(patient, at)).toBe(intlDate(patient, at));
        expect(timeIn(patient, at)).toBe(intlTime(patient, at));
      }),
    );
  });

  it('ignores a hint for another zone, or one too old', () => {
    process.env.TZ = 'America/Denver';
    const at = new Date('2026-03-08T09:30:00Z'); // just after Denver moved its clocks forward
    const device = -at.getTimezoneOffset();
    // A (wrong) hint that Berlin has this machine's offset: not used for Denver...
    setZoneHint({ timezone: 'Europe/Berlin', offsetMinutes: device, at: at.getTime() });
    expect(timeIn('America/Denver', at)).toBe(intlTime('America/Denver', at));
    // ...and, for Berlin, not used once it is more than 6 hours old.
    const later = new Date(at.getTime() + 7 * 3600_000);
    setZoneHint({ timezone: 'Europe/Berlin', offsetMinutes: -later.getTimezoneOffset(), at: at.getTime() });
    expect(timeIn('Europe/Berlin', later)).toBe(intlTime('Europe/Berlin', later));
    expect(timeIn('Europe/Berlin', later)).not.toBe(`${String(later.getHours()).padStart(2, '0')}:30`);
  });

  it('writes a calendar day the way Intl does in US English', () => {
    const fmt = new Intl.DateTimeFormat('en-US', {
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      year: 'numeric',
      timeZone: 'UTC',
    });
    fc.assert(
      fc.property(instants, (at) => {
        const iso = at.toISOString().slice(0, 10);
        expect(formatDate(iso)).toBe(fmt.format(new Date(`${iso}T00:00:00Z`)));
      }),
    );
    expect(formatDate('2026-11-28')).toBe('Saturday, November 28, 2026');
  });
});
