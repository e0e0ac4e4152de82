/**
 * The self-check result on screen: the triage message (always first) and the
 * plan grouped by the five pillars. Used on the result page and on the
 * patient's home page.
 */
import { PILLARS, type Pillar } from '../../../core/library/types';
import type { SelfCheckResult } from '../../../core/plan/run';
import type { Plan, PlanItem } from '../../../core/plan/types';
import { PILLAR_LABELS } from '../../ui/labels';
import { doseText, scheduleLines, splitReason } from '../../ui/plan-text';

type Triage = SelfCheckResult['triage'];

const PILLAR_INTROS: Record<Pillar, string> = {
  strength: 'Two or three days a week, with a rest day in between. Start easy and build up.',
  stretch: 'A short routine you can do every day. Stretch to mild tension, never into sharp pain.',
  movementBreaks:
    'Short breaks that get you moving during long spells of sitting. No posture is wrong for long.',
  activity: 'Walking, cycling or swimming, built up gently week by week.',
  guidance: 'When to check in, how much pain is fine, and when to get help.',
};

export const TRIAGE_TITLES: Record<Triage['level'], string> = {
  emergency: 'Please get medical help now',
  urgent: 'Please see a doctor today',
  soon: 'Please see a doctor in the next few days',
  selfCare: 'Your starter plan',
};

/**
 * The engine's advice is one run of sentences; on screen it reads better in
 * parts: what to do, when to get help at once, and the not-a-diagnosis line.
 */
export function adviceParts(advice: string): {
  main: string;
  safetyNet: string | null;
  notDiagnosis: string | null;
} {
  const sentences = advice.split(/(?<=[.!?])\s+(?=[A-Z]|hipback\b)/);
  const safetyNet =
    sentences.find((x) => x.startsWith('Go to an emergency department straight away')) ?? null;
  const notDiagnosis = sentences.find((x) => x.startsWith('hipback is not a diagnosis')) ?? null;
  const main = sentences.filter((x) => x !== safetyNet && x !== notDiagnosis).join(' ');
  return { main, safetyNet, notDiagnosis };
}

function Advice(props: { advice: string }) {
  const { main, safetyNet, notDiagnosis } = adviceParts(props.advice);
  return (
    <>
      <p>{main}</p>
      {safetyNet && (
        <p class="sc-safety-net">
          <strong>When to get help at once.</strong> {safetyNet}
        </p>
      )}
      {notDiagnosis && <p class="sc-not-diagnosis">{notDiagnosis}</p>}
    </>
  );
}

function Reasons(props: { triage: Triage; level: 'h2' | 'h3' }) {
  if (props.triage.reasons.length === 0) return null;
  const H = props.level;
  return (
    <div class="sc-reasons">
      <H class="sc-reasons-title">What you told us</H>
      <ul>
        {props.triage.reasons.map((r) => (
          <li key={r.code}>{r.message}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The triage message. For emergency and urgent it is the whole result; for
 * `soon` it comes before the plan; for self-care it is the plan's preface.
 * `heading` is the level of its title (h1 on the result page).
 */
export function TriageMessage(props: {
  triage: Triage;
  heading: 'h1' | 'h2';
  emergencyNumber: string;
  titleId?: string;
}) {
  const { triage, emergencyNumber } = props;
  const H = props.heading;
  const sub = props.heading === 'h1' ? 'h2' : 'h3';
  const title = (
    <H id={props.titleId} tabIndex={-1} class="sc-triage-title">
      {TRIAGE_TITLES[triage.level]}
    </H>
  );
  switch (triage.level) {
    case 'emergency':
      return (
        <section class="sc-triage sc-triage-emergency" aria-labelledby={props.titleId}>
          {title}
          <p class="sc-triage-now">Call {emergencyNumber} or go to the nearest emergency department now.</p>
          <p>
            <a class="btn btn-danger sc-call" href={`tel:${emergencyNumber}`}>
              Call {emergencyNumber}
            </a>
          </p>
          <Advice advice={triage.advice} />
          <Reasons triage={triage} level={sub} />
        </section>
      );
    case 'urgent':
      return (
        <section class="sc-triage sc-triage-urgent" aria-labelledby={props.titleId}>
          {title}
          <p class="sc-triage-now">
            Contact your doctor today for a same-day appointment, or go to an urgent care clinic.
          </p>
          <Advice advice={triage.advice} />
          <Reasons triage={triage} level={sub} />
        </section>
      );
    case 'soon':
      return (
        <section class="sc-triage sc-triage-soon" aria-labelledby={props.titleId}>
          {title}
          <Advice advice={triage.advice} />
          <Reasons triage={triage} level={sub} />
        </section>
      );
    case 'selfCare':
      return (
        <section class="sc-triage-ok" aria-labelledby={props.titleId}>
          {title}
          <div class="alert alert-info sc-advice">
            <Advice advice={triage.advice} />
          </div>
        </section>
      );
  }
}

function BuildUp(props: { item: PlanItem }) {
  const weeks = props.item.buildUp ?? [];
  if (weeks.length === 0) return null;
  return (
    <div
      class="table-wrap sc-buildup"
      tabIndex={0}
      role="region"
      aria-label={`${props.item.title}: build-up`}
    >
      <table class="table">
        <caption>Your week-by-week build-up</caption>
        <thead>
          <tr>
            <th scope="col">Week</th>
            <th scope="col">Minutes each time</th>
            <th scope="col">Days</th>
            <th scope="col">Weekly total</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.week}>
              <th scope="row">{w.week}</th>
              <td>{w.minutesPerSession}</td>
              <td>{w.sessionsPerWeek}</td>
              <td>{w.weeklyMinutes} min</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ItemCard(props: { item: PlanItem }) {
  const { item } = props;
  const id = `item-${item.id.replace(/[^a-zA-Z0-9-]/g, '-')}`;
  const dose = doseText(item);
  const when = scheduleLines(item);
  const { why, substitution } = splitReason(item);
  return (
    <article
      class={`sc-item${item.priority === 'high' ? ' sc-item-priority' : ''}${item.exercise ? ' has-thumb' : ''}`}
      aria-labelledby={id}
    >
      <div class="sc-item-head">
        <div>
          <h3 id={id}>{item.title}</h3>
          {dose && <p class="sc-dose">{dose}</p>}
        </div>
        {item.exercise && (
          <a class="sc-thumb" href={`/exercises/${item.exercise}`}>
            <img
              src={`/api/exercises/${item.exercise}/illustration.svg?frame=start`}
              alt=""
              width={320}
              height={240}
              decoding="async"
            />
            <span>
              How to do it<span class="visually-hidden">: {item.title}</span>
            </span>
          </a>
        )}
      </div>
      {when.length > 0 && (
        <p class="sc-when">
          <span class="sc-label">When</span> {when.map((w) => (/[.!?]$/.test(w) ? w : `${w}.`)).join(' ')}
        </p>
      )}
      <div class="sc-why">
        <p class="sc-label">Why this is in your plan</p>
        <p>{why}</p>
      </div>
      {substitution && <p class="sc-sub">{substitution}</p>}
      {item.cautions && item.cautions.length > 0 && (
        <div class="alert alert-warn sc-cautions">
          <p class="sc-label">Take care</p>
          <ul>
            {item.cautions.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      )}
      {item.checklist && item.checklist.length > 0 && (
        <ul class="sc-checklist" aria-label="Workstation checklist">
          {item.checklist.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}
      <BuildUp item={item} />
    </article>
  );
}

/** The plan, grouped by the five pillars, each item with its reason. */
export function PlanView(props: { plan: Plan }) {
  const { plan } = props;
  return (
    <div class="sc-plan">
      {PILLARS.map((pillar) => {
        const items = plan.items
          .filter((i) => i.pillar === pillar)
          .sort((a, b) => (a.priority === 'high' ? -1 : 0) - (b.priority === 'high' ? -1 : 0));
        if (items.length === 0) return null;
        return (
          <section key={pillar} class={`sc-pillar sc-pillar-${pillar}`} aria-labelledby={`pillar-${pillar}`}>
            <h2 id={`pillar-${pillar}`}>{PILLAR_LABELS[pillar]}</h2>
            <p class="muted sc-pillar-intro">{PILLAR_INTROS[pillar]}</p>
            <div class="sc-items">
              {items.map((item) => (
                <ItemCard key={item.id} item={item} />
              ))}
            </div>
          </section>
        );
      })}
      {plan.goals.length > 0 && (
        <section class="sc-pillar" aria-labelledby="plan-goals">
          <h2 id="plan-goals">What you want to get back to</h2>
          <ul class="sc-goals">
            {plan.goals.map((g) => (
              <li key={g.name}>
                <span>{g.name}</span>
                <span class="badge">{g.score}/10 today</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
