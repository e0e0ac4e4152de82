import { type Kysely, sql } from 'kysely';
import { addDays } from '../../core/dates';
import { localParts } from '../../core/booking/slots';
import {
  ADHERENCE_BANDS,
  DAY_WINDOW,
  type WeeklyTargets,
  patientFigures,
  weeklyTargets,
} from '../../core/patient-figures';
import type { Plan } from '../../core/plan/types';
import type { DialectName } from '../db';
import type { Database } from '../schema';
import { PortalRepository } from './portal';

export type ListSort = 'name' | 'lastActive' | 'adherence' | 'pain' | 'flags';
export type ListFilter = 'all' | 'flagged' | 'inactive' | 'lowAdherence' | 'worsening' | 'noPlan';
/** Adherence bands of the list's filter (ADHERENCE_BANDS in the core), or nothing due. */
export type AdherenceBand = 'low' | 'mid' | 'high' | 'none';

const dayIn = (instant: Date | string, timeZone: string) =>
  localParts(typeof instant === 'string' ? new Date(instant) : instant, timeZone).date;

/**
 * The list's sort keys, each ascending with the nulls where the list wants
 * them (matching the column defaults of migration 0009): flags — most serious
 * rank first, then most open flags, none last; adherence — lowest first,
 * nothing due last; pain — rising most first, no trend last; last activity —
 * never active first, then the longest quiet.
 */
export function sortKeys(f: {
  lastActive: string | null;
  adherence7d: number | null;
  painDelta: number | null;
  openFlags: number;
  flagRank: number | null;
}) {
  return {
    sort_flags: f.flagRank === null ? 9999 : f.flagRank * 1000 + (999 - Math.min(999, f.openFlags)),
    sort_adherence: f.adherence7d ?? 2,
    sort_pain: f.painDelta === null ? 99 : -f.painDelta,
    sort_last: f.lastActive ?? '',
  };
}

/** Severity of an open flag as a rank: lower is more serious (the flag queue's order). */
const FLAG_RANK = sql<number>`case severity when 'emergency' then 0 when 'urgent' then 1 when 'attention' then 2 else 3 end`;

export interface SummaryListRow {
  id: string;
  display_name: string;
  email: string;
  clinician_id: string | null;
  clinician_name: string | null;
  deactivated_at: string | null;
  last_active_on: string | null;
  adherence_7d: number | null;
  pain_recent: number | null;
  pain_prior: number | null;
  pain_trend: string | null;
  open_flags: number;
  flag_rank: number | null;
  has_plan: number;
}

export interface ListQuery {
  clinicId: string;
  /** Only this clinician's patients (a clinician's own list, or an admin's filter). */
  clinicianId: string | null;
  q: string | null;
  filter: ListFilter;
  adherence: AdherenceBand | null;
  sort: ListSort;
  limit: number;
  offset: number;
  /** The clinic's today (for "quiet for a week"). */
  today: string;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The per-patient figures of the PT's patient list (table
 * `patient_summaries`, migration 0009), kept true in three ways:
 *
 * - every write to a source table bumps the patient's `changes` counter by
 *   trigger, in the write's own transaction, so a row whose figures were
 *   computed from older records is always recognisably stale;
 * - `refresh(patientId, now)` recomputes one patient right after a write
 *   (the write paths call it), and `refreshAll(now)` recomputes every stale
 *   row once a day (the daily progression run calls it), when the 7-day
 *   windows move on;
 * - `refreshStale` runs before each list read, so a read never answers from
 *   a stale row even if a refresh was missed.
 *
 * A refresh snapshots each row's counter before reading the records and
 * stores it as `computed_changes`, so a write that lands during the refresh
 * leaves the row stale rather than lost.
 */
export class PatientSummaryRepository {
  private readonly portal: PortalRepository;
  /** Weekly targets of plan versions already read. Plan versions never change, so this never goes stale. */
  private readonly targetsCache = new Map<string, WeeklyTargets>();

  constructor(
    private readonly db: Kysely<Database>,
    dialect: DialectName,
  ) {
    this.portal = new PortalRepository(db, dialect);
  }

  /**
   * Recomputes one patient's figures after a write. Never throws: the write
   * it follows is already stored, and a failed refresh leaves the row stale,
   * so the next read or daily run recomputes it.
   */
  async refresh(patientId: string, now: Date): Promise<void> {
    try {
      const row = await this.db
        .selectFrom('users as u')
        .innerJoin('clinics as c', 'c.id', 'u.clinic_id')
        .select(['u.clinic_id', 'c.timezone', 'u.role'])
        .where('u.id', '=', patientId)
        .executeTakeFirst();
      if (!row || row.role !== 'patient') return;
      await this.refreshMany(row.clinic_id, row.timezone, [patientId], now);
    } catch {
      // Stale rows are recomputed before the next list read.
    }
  }

  /** The daily pass: every clinic's stale rows, including those whose 7-day windows moved on today. */
  async refreshAll(now: Date): Promise<number> {
    const clinics = await this.db.selectFrom('clinics').select(['id', 'timezone']).execute();
    let n = 0;
    for (const c of clinics) n += await this.refreshStale(c.id, c.timezone, null, now);
    return n;
  }

  /** Recomputes the rows of one clinic (or one clinician's patients) that are missing or stale. */
  async refreshStale(
    clinicId: string,
    timezone: string,
    clinicianId: string | null,
    now: Date,
  ): Promise<number> {
    const today = dayIn(now, timezone);
    // Every patient has a row from sign-up on (trigger) or from the migration's backfill.
    let q = this.db
      .selectFrom('patient_summaries')
      .select('patient_id')
      .where('clinic_id', '=', clinicId)
      .where((eb) => eb.or([eb('changes', '!=', eb.ref('computed_changes')), eb('as_of', '!=', today)]));
    if (clinicianId) q = q.where('clinician_id', '=', clinicianId);
    const ids = (await q.execute()).map((r) => r.patient_id);
    if (ids.length > 0) await this.refreshMany(clinicId, timezone, ids, now);
    return ids.length;
  }

  /** Recomputes the given patients' figures from their records (in chunks of 500). */
  async refreshMany(clinicId: string, timezone: string, ids: readonly string[], now: Date): Promise<void> {
    const today = dayIn(now, timezone);
    const from7 = addDays(today, -(DAY_WINDOW - 1));
    const from14 = addDays(today, -(2 * DAY_WINDOW - 1));
    const at = now.toISOString();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      // The counters first: whatever lands after this read leaves the row stale.
      const counters = new Map(
        (
          await this.db
            .selectFrom('patient_summaries')
            .select(['patient_id', 'changes'])
            .where('patient_id', 'in', chunk)
            .execute()
        ).map((r) => [r.patient_id, Number(r.changes)]),
      );
      const [plans, recent, pains, last, flags] = await Promise.all([
        this.db
          .selectFrom('users as u')
          .select(['u.id', 'u.display_name', 'u.email', 'u.clinician_id'])
          .select((eb) => [
            eb
              .selectFrom('plan_versions as p')
              .select('p.id')
              .whereRef('p.patient_id', '=', 'u.id')
              .orderBy('p.version', 'desc')
              .limit(1)
              .as('plan_id'),
            eb
              .selectFrom('plan_versions as p1')
              .select('p1.created_at')
              .whereRef('p1.patient_id', '=', 'u.id')
              .orderBy('p1.version', 'asc')
              .limit(1)
              .as('first_plan_at'),
          ])
          .where('u.id', 'in', chunk)
          .execute(),
        this.portal.recentFigures({ ids: chunk }, from7, today),
        this.portal.painWindows({ ids: chunk }, from14, from7, today),
        this.portal.lastActiveOn(chunk),
        this.db
          .selectFrom('flags')
          .select('patient_id')
          .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min(FLAG_RANK).as('rank')])
          .where('patient_id', 'in', chunk)
          .where('action', '=', 'flag')
          .where('status', '!=', 'resolved')
          .groupBy('patient_id')
          .execute(),
      ]);
      const targets = await this.targetsFor(
        plans.map((p) => p.plan_id).filter((x): x is string => x !== null),
      );
      const pain = new Map(pains.map((p) => [p.patient_id, p]));
      const flagOf = new Map(flags.map((f) => [f.patient_id, f]));
      const rows = plans.map((p) => {
        const t = p.plan_id ? targets.get(p.plan_id) : undefined;
        const w = pain.get(p.id);
        const figures = patientFigures({
          today,
          plan: t && p.first_plan_at ? { targets: t, start: dayIn(p.first_plan_at, timezone) } : null,
          done: recent.get(p.id) ?? { stretch: 0, strength: 0 },
          painRecent: w?.recent ?? null,
          painPrior: w?.prior ?? null,
        });
        const f = flagOf.get(p.id);
        const counter = counters.get(p.id) ?? 0;
        const lastActive = last.get(p.id) ?? null;
        const { adherence7d, painDelta } = figures;
        const openFlags = f ? Number(f.n) : 0;
        const flagRank = f && f.rank !== null ? Number(f.rank) : null;
        return {
          patient_id: p.id,
          clinic_id: clinicId,
          changes: counter,
          computed_changes: counter,
          as_of: today,
          last_active_on: lastActive,
          adherence_7d: adherence7d,
          pain_recent: figures.painRecent,
          pain_prior: figures.painPrior,
          pain_delta: painDelta,
          pain_trend: figures.painTrend,
          open_flags: openFlags,
          flag_rank: flagRank,
          has_plan: p.plan_id !== null ? 1 : 0,
          name_key: p.display_name.toLowerCase(),
          email_key: p.email.toLowerCase(),
          clinician_id: p.clinician_id,
          ...sortKeys({ lastActive, adherence7d, painDelta, openFlags, flagRank }),
          refreshed_at: at,
        };
      });
      for (let j = 0; j < rows.length; j += 100) {
        await this.db
          .insertInto('patient_summaries')
          .values(rows.slice(j, j + 100))
          .onConflict((oc) =>
            oc.column('patient_id').doUpdateSet((eb) => ({
              computed_changes: eb.ref('excluded.computed_changes'),
              as_of: eb.ref('excluded.as_of'),
              last_active_on: eb.ref('excluded.last_active_on'),
              adherence_7d: eb.ref('excluded.adherence_7d'),
              pain_recent: eb.ref('excluded.pain_recent'),
              pain_prior: eb.ref('excluded.pain_prior'),
              pain_delta: eb.ref('excluded.pain_delta'),
              pain_trend: eb.ref('excluded.pain_trend'),
              open_flags: eb.ref('excluded.open_flags'),
              flag_rank: eb.ref('excluded.flag_rank'),
              has_plan: eb.ref('excluded.has_plan'),
              sort_flags: eb.ref('excluded.sort_flags'),
              sort_adherence: eb.ref('excluded.sort_adherence'),
              sort_pain: eb.ref('excluded.sort_pain'),
              sort_last: eb.ref('excluded.sort_last'),
              refreshed_at: eb.ref('excluded.refreshed_at'),
            })),
          )
          .execute();
      }
    }
  }

  private async targetsFor(planIds: string[]): Promise<Map<string, WeeklyTargets>> {
    const missing = planIds.filter((id) => !this.targetsCache.has(id));
    if (missing.length > 0) {
      for (const row of await this.portal.plansById(missing)) {
        if (this.targetsCache.size > 100_000) this.targetsCache.clear();
        this.targetsCache.set(row.id, weeklyTargets(JSON.parse(row.plan) as Plan));
      }
    }
    const out = new Map<string, WeeklyTargets>();
    for (const id of planIds) {
      const t = this.targetsCache.get(id);
      if (t) out.set(id, t);
    }
    return out;
  }

  /** One patient's stored row (tests, the bench). */
  find(patientId: string) {
    return this.db
      .selectFrom('patient_summaries')
      .selectAll()
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
  }

  /**
   * One page of the list, sorted, filtered and searched in the database, and
   * how many rows match in all. Ties break on the name, then the id, so pages
   * never overlap.
   */
  async list(opts: ListQuery): Promise<{ total: number; rows: SummaryListRow[] }> {
    let base = this.db.selectFrom('patient_summaries as s').where('s.clinic_id', '=', opts.clinicId);
    if (opts.clinicianId) base = base.where('s.clinician_id', '=', opts.clinicianId);
    if (opts.q) {
      const like = `%${escapeLike(opts.q.toLowerCase())}%`;
      base = base.where((eb) =>
        eb.or([
          eb('s.name_key', 'like', sql<string>`${like} escape '\\'`),
          eb('s.email_key', 'like', sql<string>`${like} escape '\\'`),
        ]),
      );
    }
    switch (opts.filter) {
      case 'all':
        break;
      case 'flagged':
        base = base.where('s.open_flags', '>', 0);
        break;
      case 'inactive':
        base = base.where('s.sort_last', '<', addDays(opts.today, -(DAY_WINDOW - 1)));
        break;
      case 'lowAdherence':
        base = base.where('s.adherence_7d', '<', ADHERENCE_BANDS.low);
        break;
      case 'worsening':
        base = base.where('s.pain_trend', '=', 'worsened');
        break;
      case 'noPlan':
        base = base.where('s.has_plan', '=', 0);
        break;
    }
    switch (opts.adherence) {
      case null:
        break;
      case 'low':
        base = base.where('s.adherence_7d', '<', ADHERENCE_BANDS.low);
        break;
      case 'mid':
        base = base
          .where('s.adherence_7d', '>=', ADHERENCE_BANDS.low)
          .where('s.adherence_7d', '<', ADHERENCE_BANDS.high);
        break;
      case 'high':
        base = base.where('s.adherence_7d', '>=', ADHERENCE_BANDS.high);
        break;
      case 'none':
        base = base.where('s.adherence_7d', 'is', null);
        break;
    }
    const key = {
      name: null,
      flags: 's.sort_flags',
      adherence: 's.sort_adherence',
      pain: 's.sort_pain',
      lastActive: 's.sort_last',
    } as const;
    const sortKey = key[opts.sort];
    let page = base
      .innerJoin('users as u', 'u.id', 's.patient_id')
      .leftJoin('users as c', 'c.id', 's.clinician_id')
      .select([
        's.patient_id as id',
        'u.display_name',
        'u.email',
        's.clinician_id',
        'c.display_name as clinician_name',
        'u.deactivated_at',
        's.last_active_on',
        's.adherence_7d',
        's.pain_recent',
        's.pain_prior',
        's.pain_trend',
        's.open_flags',
        's.flag_rank',
        's.has_plan',
      ]);
    if (sortKey) page = page.orderBy(sortKey);
    const [rows, count] = await Promise.all([
      page.orderBy('s.name_key').orderBy('s.patient_id').limit(opts.limit).offset(opts.offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      total: Number(count.n),
      rows: rows.map((r) => ({
        ...r,
        adherence_7d: r.adherence_7d === null ? null : Number(r.adherence_7d),
        pain_recent: r.pain_recent === null ? null : Number(r.pain_recent),
        pain_prior: r.pain_prior === null ? null : Number(r.pain_prior),
        open_flags: Number(r.open_flags),
        flag_rank: r.flag_rank === null ? null : Number(r.flag_rank),
        has_plan: Number(r.has_plan),
      })),
    };
  }

  /** Every row of a clinic's (or clinician's) summaries, for the outcomes' adherence spread. */
  adherenceOf(clinicId: string, clinicianId: string | null) {
    let q = this.db
      .selectFrom('users as u')
      .leftJoin('patient_summaries as s', 's.patient_id', 'u.id')
      .select(['u.id', 's.adherence_7d'])
      .where('u.clinic_id', '=', clinicId)
      .where('u.role', '=', 'patient');
    if (clinicianId) q = q.where('u.clinician_id', '=', clinicianId);
    return q.execute();
  }
}
