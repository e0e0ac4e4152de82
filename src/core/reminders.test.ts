import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REMINDER_SETTINGS,
  type ReminderInput,
  type ReminderSettings,
  breakSlots,
  dueReminders,
  inQuietHours,
  localClock,
  parseClock,
  withOwnBreakHours,
} from './reminders';
import { todayFixture } from './testing/today-fixture';

const at = (hhmm: string, date = '2027-03-10') => ({
  date,
  minute: parseClock(hhmm),
  instant: `${date}T12:00:00.000Z`,
});

type Over = Omit<Partial<ReminderInput>, 'settings'> & { settings?: Partial<ReminderSettings> };

function input(over: Over = {}): ReminderInput {
  return {
    now: at('08:05'),
    today: todayFixture(),
    breaksDoneAt: [],
    delivered: [],
    warningSignToday: false,
    ...over,
    settings: { ...DEFAULT_REMINDER_SETTINGS, ...over.settings },
  };
}

const base = input;
const checkedIn = todayFixture({ checkin: { done: true, painNow: 2, triageLevel: 'selfCare' } });
const kinds = (i: ReminderInput) => dueReminders(i).map((r) => `${r.kind}@${r.slot}`);

describe('which reminders are due', () => {
  it('reminds of the morning check-in at its time, once, linking to the check-in', () => {
    const due = dueReminders(input());
    expect(due.map((r) => r.kind)).toEqual(['checkin']);
    expect(due[0]).toMatchObject({ slot: 'day', url: '/app/checkin', title: 'Morning check-in' });
    expect(kinds(input({ delivered: [{ kind: 'checkin', slot: 'day' }] }))).toEqual([]);
  });

  it('says nothing before a reminder time and stops once the late window has passed', () => {
    expect(kinds(input({ now: at('07:59') }))).toEqual([]);
    expect(kinds(input({ now: at('11:00') }))).toEqual(['checkin@day']);
    expect(kinds(input({ now: at('11:01') }))).toEqual([]);
  });

  it('says nothing for what is already done today', () => {
    const done = todayFixture({ checkin: { done: true, painNow: 3, triageLevel: 'selfCare' } });
    expect(kinds(input({ today: done }))).toEqual([]);
    const stretched = todayFixture({
      stretch: { ...todayFixture().stretch, done: true },
      strength: { ...todayFixture().strength, done: true },
    });
    expect(kinds(input({ today: stretched, now: at('19:45') }))).toEqual([]);
    const walked = todayFixture({ activity: { ...todayFixture().activity, todayMinutes: 20 } });
    expect(kinds(input({ today: walked, now: at('12:40') }))).toEqual([]);
  });

  it('skips the strength reminder on a rest day', () => {
    const rest = todayFixture({ strength: { ...todayFixture().strength, due: false } });
    expect(kinds(input({ now: at('17:35') }))).toEqual(['session@day']);
    expect(kinds(input({ today: rest, now: at('17:35') }))).toEqual([]);
  });

  it('reminds of each planned movement break, and not of one taken since the last break time', () => {
    const input = (over: Over) => base({ today: checkedIn, ...over });
    expect(kinds(input({ now: at('10:31') }))).toEqual(['breaks@10:30']);
    // A break counted at 10:00 covers the 10:30 slot; one at 09:40 (before 09:45) does not.
    expect(kinds(input({ now: at('10:31'), breaksDoneAt: [parseClock('10:00')] }))).toEqual([]);
    expect(kinds(input({ now: at('10:31'), breaksDoneAt: [parseClock('09:40')] }))).toEqual(['breaks@10:30']);
    // Half the 45-minute interval later, the slot has passed.
    expect(kinds(input({ now: at('10:53') }))).toEqual([]);
  });

  it("uses the patient's own break hours, days and interval over the plan's", () => {
    const own = { start: '08:00', end: '10:00', days: ['wed' as const], intervalMinutes: 30 };
    const s = { ...DEFAULT_REMINDER_SETTINGS, breakHours: own };
    expect(breakSlots(s, todayFixture(), '2027-03-10').times).toEqual([510, 540, 570]);
    expect(breakSlots(s, todayFixture(), '2027-03-11').times).toEqual([]);
    expect(kinds(input({ settings: { breakHours: own }, now: at('09:00'), today: checkedIn }))).toEqual([
      'breaks@09:00',
    ]);
  });

  it("gives Today the patient's own break times when they chose hours, and the plan's otherwise", () => {
    const own = { start: '08:00', end: '10:00', days: ['wed' as const], intervalMinutes: 30 };
    const wednesday = { ...todayFixture(), date: '2027-03-10' };
    expect(withOwnBreakHours(wednesday, null)).toBe(wednesday);
    const mine = withOwnBreakHours(wednesday, own).movementBreaks;
    expect(mine.times).toEqual(['08:30', '09:00', '09:30']);
    expect(mine.target).toBe(3);
    expect(mine.done).toBe(wednesday.movementBreaks.done);
    // A day the patient left out has no breaks at all, whatever the plan suggests.
    const thursday = { ...todayFixture(), date: '2027-03-11' };
    expect(withOwnBreakHours(thursday, own).movementBreaks).toMatchObject({ times: [], target: 0 });
  });

  it('respects quiet hours, including ones that run past midnight', () => {
    expect(inQuietHours(parseClock('23:00'), { start: '21:30', end: '07:30' })).toBe(true);
    expect(inQuietHours(parseClock('07:30'), { start: '21:30', end: '07:30' })).toBe(false);
    expect(inQuietHours(parseClock('12:00'), { start: '12:00', end: '13:00' })).toBe(true);
    expect(inQuietHours(parseClock('12:00'), null)).toBe(false);
    expect(kinds(input({ settings: { quietHours: { start: '07:00', end: '09:00' } } }))).toEqual([]);
    // When quiet hours end inside the late window, the reminder comes then.
    expect(
      kinds(input({ settings: { quietHours: { start: '07:00', end: '09:00' } }, now: at('09:00') })),
    ).toEqual(['checkin@day']);
  });

  it('is silent while snoozed and on a paused day', () => {
    const now = { ...at('08:05'), instant: '2027-03-10T15:05:00.000Z' };
    expect(kinds(input({ now, settings: { snoozeUntil: '2027-03-10T15:30:00.000Z' } }))).toEqual([]);
    expect(kinds(input({ now, settings: { snoozeUntil: '2027-03-10T15:00:00.000Z' } }))).toEqual([
      'checkin@day',
    ]);
    expect(kinds(input({ settings: { pausedOn: '2027-03-10' } }))).toEqual([]);
    expect(kinds(input({ settings: { pausedOn: '2027-03-09' } }))).toEqual(['checkin@day']);
  });

  it('keeps to the daily cap, first things first', () => {
    const busy = input({
      now: at('12:45'),
      settings: { times: { checkin: '12:00', stretch: '12:00', session: '12:30', activity: '12:30' } },
    });
    expect(kinds(busy)).toEqual([
      'checkin@day',
      'stretch@day',
      'session@day',
      'activity@day',
      'breaks@12:45',
    ]);
    expect(kinds({ ...busy, settings: { ...busy.settings, dailyCap: 2 } })).toEqual([
      'checkin@day',
      'stretch@day',
    ]);
    const twoMade = [
      { kind: 'breaks' as const, slot: '09:45' },
      { kind: 'breaks' as const, slot: '10:30' },
    ];
    expect(kinds({ ...busy, delivered: twoMade, settings: { ...busy.settings, dailyCap: 3 } })).toEqual([
      'checkin@day',
    ]);
  });

  it('makes nothing when every channel or the kind is off, without a plan, or on a warning-sign day', () => {
    expect(kinds(input({ settings: { channels: { inApp: false, push: false, email: false } } }))).toEqual([]);
    expect(
      kinds(input({ settings: { kinds: { ...DEFAULT_REMINDER_SETTINGS.kinds, checkin: false } } })),
    ).toEqual([]);
    expect(kinds(input({ today: null }))).toEqual([]);
    expect(kinds(input({ warningSignToday: true }))).toEqual([]);
  });

  it("reads the patient's wall clock in their own zone, across daylight-saving changes", () => {
    // 14 March 2027: US clocks go forward at 02:00.
    expect(localClock(new Date('2027-03-13T15:00:00Z'), 'America/Denver')).toMatchObject({
      date: '2027-03-13',
      minute: 8 * 60,
    });
    expect(localClock(new Date('2027-03-14T14:00:00Z'), 'America/Denver')).toMatchObject({
      date: '2027-03-14',
      minute: 8 * 60,
    });
    // The same instant is already the next day in Tokyo.
    expect(localClock(new Date('2027-03-13T15:00:00Z'), 'Asia/Tokyo')).toMatchObject({
      date: '2027-03-14',
      minute: 0,
    });
  });
});
