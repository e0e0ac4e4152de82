import crypto from 'node:crypto';
import { addDays, daysBetween } from '../core/dates';
import type { Plan } from '../core/plan/types';
import { type FunctionalRatingSet, type ProgressView, progressView } from '../core/progress';
import type { SelfCheckInput } from '../core/selfcheck/schema';
import { t } from '../core/thresholds';
import type { Repositories } from '../storage';
import type { FunctionalRating, User } from '../storage/schema';
import { type Actor, requireRole } from './access';
import { type Clock, iso } from './clock';
import { AppError, badRequest } from './errors';
import { localDate } from './selfcheck';

/** How far back the view reads (milestones and the best streak look at the whole of this). */
const HISTORY_DAYS = 366;
/** Like the other patient-day writes: an offline rating may carry the day it was made, up to a week back. */
const MAX_BACKDATE_DAYS = 7;

export interface FunctionalRatingInput {
  date?: string | undefined;
  ratings: { activity: string; score: number }[];
}

export interface ProgressOut extends ProgressView {
  /** The patient's own activities, in the order they were first named: what the rating form asks about. */
  activities: { name: string; latest: number | null; lastRatedOn: string | null }[];
  maxActivities: number;
}

const ratingSet = (r: FunctionalRating): FunctionalRatingSet => ({
  date: r.date,
  ratings: JSON.parse(r.ratings) as FunctionalRatingSet['ratings'],
});

const sameName = (a: string, b: string) =>
  a.trim().toLocaleLowerCase('en') === b.trim().toLocaleLowerCase('en');

/**
 * The patient's progress: charts, streaks, milestones and the weekly summary,
 * computed by the pure core from their records, plus the ratings of their
 * own everyday activities. For the patient themself.
 */
export class ProgressService {
  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
  ) {}

  private today(patient: User): string {
    return localDate(this.clock.now(), patient.timezone);
  }

  /** Activity sets from the self-check(s), oldest first: the first is the baseline. */
  private async intakeSets(patient: User): Promise<FunctionalRatingSet[]> {
    const intakes = await this.repos.intakes.listFor(patient.id);
    return intakes
      .reverse()
      .map((i) => ({
        date: localDate(new Date(i.created_at), patient.timezone),
        ratings: ((JSON.parse(i.answers) as Partial<SelfCheckInput>).activities ?? []).map((a) => ({
          activity: a.name.trim(),
          score: a.score,
        })),
      }))
      .filter((s) => s.ratings.length > 0);
  }

  async progress(actor: Actor): Promise<ProgressOut> {
    const patient = requireRole(actor, 'patient');
    return this.viewFor(patient, this.today(patient));
  }

  /**
   * The view for one patient as of their local day `today`. No access check:
   * for the patient's own request (above) and the reminder scheduler's weekly
   * summary, which must show the same figures as the Progress page.
   */
  async viewFor(patient: User, today: string): Promise<ProgressOut> {
    const from = addDays(today, -HISTORY_DAYS);
    const day = this.repos.patientDay;
    const [checkins, sessions, activities, breaks, history, intakeSets, ratings] = await Promise.all([
      day.checkinsBetween(patient.id, from, today),
      day.sessionsBetween(patient.id, from, today),
      day.activitiesBetween(patient.id, from, today),
      day.movementBreaksBetween(patient.id, from, today),
      day.planHistory(patient.id),
      this.intakeSets(patient),
      this.repos.progress.functionalRatings(patient.id),
    ]);
    const sets = [...intakeSets.slice(1), ...ratings.map(ratingSet)].sort((a, b) =>
      a.date.localeCompare(b.date),
    );
    const view = progressView(
      {
        checkins: checkins.map((c) => ({ date: c.date, painNow: c.pain_now })),
        sessions: sessions.map((s) => ({
          date: s.date,
          kind: s.kind,
          status: s.status,
          painDuring: s.pain_during,
          effort: s.effort,
        })),
        activities: activities.map((a) => ({ date: a.date, minutes: a.minutes })),
        movementBreaks: breaks.map((b) => ({ date: b.date })),
        plans: [...history].reverse().map((p) => ({
          version: p.version,
          from: localDate(new Date(p.created_at), patient.timezone),
          source: p.source,
          reason: p.reason,
          plan: JSON.parse(p.plan) as Plan,
        })),
        functional: { baseline: intakeSets[0] ?? null, ratings: sets },
      },
      today,
    );
    return {
      ...view,
      activities: view.functional.activities.map((a) => ({
        name: a.activity,
        latest: a.latest,
        lastRatedOn: a.points.at(-1)?.date ?? null,
      })),
      maxActivities: t('psfsMaxActivities'),
    };
  }

  /**
   * Rates how well the patient can do their own everyday activities (0-10).
   * Names match the activities they already have (ignoring case); a new name
   * is added while they have fewer than the maximum. Idempotent on clientId.
   */
  async rateFunctional(
    actor: Actor,
    clientId: string,
    input: FunctionalRatingInput,
  ): Promise<{
    created: boolean;
    rating: { clientId: string; date: string; ratings: FunctionalRatingSet['ratings'] };
  }> {
    const patient = requireRole(actor, 'patient');
    const today = this.today(patient);
    const date = input.date ?? today;
    if (date > today) {
      throw badRequest('date_out_of_range', `date cannot be in the future (today is ${today}).`, 'date');
    }
    if (daysBetween(date, today) > MAX_BACKDATE_DAYS) {
      throw badRequest('date_out_of_range', `date can be at most ${MAX_BACKDATE_DAYS} days ago.`, 'date');
    }

    const existing = await this.repos.progress.findFunctionalRating(patient.id, clientId);
    if (existing) return { created: false, rating: this.out(existing) };

    const known: string[] = [];
    const addKnown = (name: string) => {
      if (!known.some((k) => sameName(k, name))) known.push(name.trim());
    };
    for (const s of await this.intakeSets(patient)) s.ratings.forEach((r) => addKnown(r.activity));
    for (const r of await this.repos.progress.functionalRatings(patient.id)) {
      ratingSet(r).ratings.forEach((x) => addKnown(x.activity));
    }
    const max = t('psfsMaxActivities');
    const ratings = input.ratings.map((r, i) => {
      const name = known.find((k) => sameName(k, r.activity));
      if (input.ratings.findIndex((o) => sameName(o.activity, r.activity)) !== i) {
        throw badRequest(
          'duplicate_activity',
          `"${r.activity.trim()}" is rated twice; rate each activity once.`,
          `ratings[${i}].activity`,
        );
      }
      if (name) return { activity: name, score: r.score };
      if (known.length >= max) {
        throw badRequest(
          'too_many_activities',
          `You can follow up to ${max} activities. Rate one of yours (${known.join(', ')}) instead.`,
          `ratings[${i}].activity`,
        );
      }
      known.push(r.activity.trim());
      return { activity: r.activity.trim(), score: r.score };
    });

    const created = await this.repos.progress.insertFunctionalRating({
      id: crypto.randomUUID(),
      clinic_id: patient.clinic_id,
      patient_id: patient.id,
      client_id: clientId,
      date,
      ratings: JSON.stringify(ratings),
      created_at: iso(this.clock.now()),
    });
    const row = await this.repos.progress.findFunctionalRating(patient.id, clientId);
    if (!row) throw new AppError(409, 'conflict', 'The rating could not be saved; please try again.');
    return { created, rating: this.out(row) };
  }

  private out(row: FunctionalRating) {
    return { clientId: row.client_id, date: row.date, ratings: ratingSet(row).ratings };
  }
}
