import crypto from 'node:crypto';
import { hashPassword } from '../services/auth';
import { loadLibrary } from '../content/library';
import { ENGINE_VERSION } from '../core/plan';
import { runSelfCheck } from '../core/plan/run';
import type { SelfCheckInput } from '../core/selfcheck/schema';
import { seedDemoConsultations } from './demo-consultations';
import { seedDemoNewPatient, seedDemoPatientHistory } from './demo-patient';
import type { Repositories } from '../storage';
import type { Clinic, User } from '../storage/schema';

export const DEMO_PASSWORD = 'hipback-demo';
export const DEMO_EMAILS = {
  admin: 'admin@demo.hipback.test',
  clinician: 'pt@demo.hipback.test',
  patient: 'patient@demo.hipback.test',
} as const;

/**
 * The demo clinic, seeded on first start outside production: the clinic from
 * the seed article, with an admin, a therapist and one of her patients.
 * Does nothing when any clinic already exists.
 */
export async function seedDemo(repos: Repositories, now: Date): Promise<{ seeded: boolean }> {
  if (await repos.clinics.findDefault()) return { seeded: false };
  const at = now.toISOString();
  const clinic: Clinic = {
    id: crypto.randomUUID(),
    slug: 'kinetikchain-denver',
    name: 'KinetikChain Denver',
    tagline: 'Physical therapy for hip and lower back pain',
    primary_color: '#0f6466',
    accent_color: '#c2562f',
    logo_svg: null,
    logo_version: null,
    logo_width: null,
    logo_height: null,
    timezone: 'America/Denver',
    contact_email: 'hello@demo.hipback.test',
    contact_phone: '(303) 555-0142',
    address: '1550 Wynkoop St, Denver, CO 80202',
    created_at: at,
  };
  await repos.clinics.insert(clinic);
  const hash = await hashPassword(DEMO_PASSWORD);
  const base = {
    clinic_id: clinic.id,
    password_hash: hash,
    timezone: clinic.timezone,
    created_at: at,
    deactivated_at: null,
  };
  const admin: User = {
    ...base,
    id: crypto.randomUUID(),
    email: DEMO_EMAILS.admin,
    display_name: 'Demo Admin',
    role: 'admin',
    clinician_id: null,
  };
  const pt: User = {
    ...base,
    id: crypto.randomUUID(),
    email: DEMO_EMAILS.clinician,
    display_name: 'Demo Therapist',
    role: 'clinician',
    clinician_id: null,
  };
  const patient: User = {
    ...base,
    id: crypto.randomUUID(),
    email: DEMO_EMAILS.patient,
    display_name: 'Demo Patient',
    role: 'patient',
    clinician_id: pt.id,
  };
  for (const u of [admin, pt, patient]) await repos.users.insert(u);
  await seedDemoConsultations(repos, clinic, pt, now);
  await seedDemoPortal(repos, clinic, pt, hash, now);
  // The demo patient's three weeks of history (src/seed/demo-patient.ts).
  await seedDemoPatientHistory(repos, loadLibrary(), patient, now);
  await seedDemoNewPatient(repos, patient, now);
  return { seeded: true };
}

// ---------------------------------------------------------------------------
// PT portal demo: three more of the demo therapist's patients, each with an
// intake, a plan and a few weeks of check-ins and sessions, so the patient
// list, the patient record and the plan editor have something to show.

export const DEMO_PORTAL_PATIENTS = {
  hip: 'maria@demo.hipback.test',
  back: 'james@demo.hipback.test',
  pregnancy: 'priya@demo.hipback.test',
} as const;

const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const back = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

async function seedDemoPortal(repos: Repositories, clinic: Clinic, pt: User, hash: string, now: Date) {
  const library = loadLibrary();
  const base: Omit<SelfCheckInput, 'precautions' | 'pain'> = {
    age: 58,
    painAreas: ['lowBack', 'hipLeft'],
    painStartedWeeksAgo: 12,
    warningSigns: [],
    activityMinutesLastWeek: 40,
    activities: [
      { name: 'putting on socks', score: 4 },
      { name: 'walking to the shops', score: 5 },
    ],
  };
  const people: {
    email: string;
    name: string;
    startedDaysAgo: number;
    quietDays: number;
    pain: (day: number) => number;
    answers: SelfCheckInput;
    flag?: string;
  }[] = [
    {
      email: DEMO_PORTAL_PATIENTS.hip,
      name: 'Maria Lopez',
      startedDaysAgo: 34,
      quietDays: 0,
      pain: (d) => Math.max(2, 6 - Math.floor(d / 8)),
      answers: {
        ...base,
        age: 67,
        pain: { now: 6, worstLastWeek: 7 },
        precautions: [
          { kind: 'hipReplacement', side: 'left', approach: 'posterior', until: dayOf(back(now, -7 * 8)) },
        ],
      },
    },
    {
      email: DEMO_PORTAL_PATIENTS.back,
      name: 'James Carter',
      startedDaysAgo: 24,
      quietDays: 9,
      pain: () => 4,
      answers: {
        ...base,
        age: 44,
        painAreas: ['lowBack'],
        pain: { now: 4, worstLastWeek: 6 },
        precautions: [],
      },
    },
    {
      email: DEMO_PORTAL_PATIENTS.pregnancy,
      name: 'Priya Shah',
      startedDaysAgo: 20,
      quietDays: 0,
      pain: (d) => Math.min(8, 3 + Math.floor(d / 5)),
      answers: {
        ...base,
        age: 31,
        painAreas: ['lowBack', 'buttockRight'],
        pain: { now: 3, worstLastWeek: 5 },
        precautions: [{ kind: 'pregnancy', trimester: 2 }],
      },
      flag: 'Morning pain has risen by 3 points over two weeks.',
    },
  ];
  for (const p of people) {
    const start = back(now, p.startedDaysAgo);
    const user: User = {
      id: crypto.randomUUID(),
      clinic_id: clinic.id,
      email: p.email,
      display_name: p.name,
      role: 'patient',
      password_hash: hash,
      clinician_id: pt.id,
      timezone: clinic.timezone,
      created_at: start.toISOString(),
      deactivated_at: null,
    };
    await repos.users.insert(user);
    const result = runSelfCheck(p.answers, library, dayOf(start));
    await repos.intakes.insert({
      id: crypto.randomUUID(),
      clinic_id: clinic.id,
      patient_id: user.id,
      answers: JSON.stringify(p.answers),
      triage_level: result.triage.level,
      result: JSON.stringify(result),
      engine_version: ENGINE_VERSION,
      created_at: start.toISOString(),
    });
    if (!result.plan) continue;
    await repos.patientDay.addPlanVersion({
      id: crypto.randomUUID(),
      clinic_id: clinic.id,
      patient_id: user.id,
      plan: JSON.stringify(result.plan),
      source: 'intake',
      reason: 'Built from the self-check answers.',
      created_by: user.id,
      created_at: start.toISOString(),
      state: null,
      changes: null,
    });
    for (let d = 0; d <= p.startedDaysAgo - p.quietDays; d++) {
      const at = back(now, p.startedDaysAgo - d);
      const date = dayOf(at);
      const stamp = at.toISOString();
      await repos.patientDay.insertCheckin({
        id: crypto.randomUUID(),
        clinic_id: clinic.id,
        patient_id: user.id,
        client_id: `seed-checkin-${date}`,
        date,
        pain_now: p.pain(d),
        stiffness: null,
        sleep: null,
        warning_signs: '[]',
        triage_level: 'selfCare',
        triage: '{}',
        created_at: stamp,
      });
      // Stretching most days, strength three days a week, a walk every other day.
      const kinds: ('stretch' | 'strength')[] =
        d % 7 === 3 ? [] : d % 2 === 0 ? ['stretch', 'strength'] : ['stretch'];
      for (const kind of kinds) {
        const items = result.plan.items
          .filter((i) => i.pillar === kind && i.exercise)
          .map((i) => ({ exercise: i.exercise!, setsDone: i.dose?.sets ?? 1, feedback: 'right' as const }));
        await repos.patientDay.insertSession({
          id: crypto.randomUUID(),
          clinic_id: clinic.id,
          patient_id: user.id,
          client_id: `seed-${kind}-${date}`,
          date,
          kind,
          plan_version: 1,
          status: 'completed',
          progress: '{}',
          items: JSON.stringify(items),
          pain_during: Math.max(0, p.pain(d) - 1),
          effort: 5,
          started_at: stamp,
          updated_at: stamp,
          completed_at: stamp,
        });
      }
      if (d % 2 === 0) {
        await repos.patientDay.insertActivity({
          id: crypto.randomUUID(),
          clinic_id: clinic.id,
          patient_id: user.id,
          client_id: `seed-walk-${date}`,
          date,
          kind: 'walking',
          minutes: 15 + Math.min(20, d),
          effort: 4,
          created_at: stamp,
        });
      }
    }
    if (p.flag) {
      const stamp = back(now, 1).toISOString();
      await repos.flags.open({
        id: crypto.randomUUID(),
        clinic_id: clinic.id,
        patient_id: user.id,
        kind: 'worsening',
        action: 'flag',
        severity: 'attention',
        status: 'open',
        summary: p.flag,
        patient_message: 'Your pain has gone up. Your physical therapist will look at your plan with you.',
        since: dayOf(back(now, 14)),
        rule_id: 'demo',
        source: 'demo seed',
        triage_level: null,
        open_key: 'worsening',
        created_at: stamp,
        updated_at: stamp,
        acknowledged_by: null,
        acknowledged_at: null,
        resolved_by: null,
        resolved_at: null,
        resolution_note: null,
      });
    }
  }
}
