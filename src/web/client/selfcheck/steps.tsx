/** The five steps of the self-check form. Each one edits part of the draft. */
import type { PrecautionTag } from '../../../core/library/types';
import type { HipApproach } from '../../../core/precautions/types';
import type {
  InflammatoryAnswers,
  PainArea,
  PainTrend,
  PreferredActivity,
} from '../../../core/selfcheck/schema';
import { WARNING_SIGNS, type WarningSign } from '../../../core/triage/signs';
import { CheckGroup, CheckOption, Group, InputField, RadioGroup, Scale } from './controls';
import { type Draft, type FieldErrors, type Step, asksInflammatory } from './draft';
import {
  ACTIVITY_LABELS,
  APPROACH_LABELS,
  INFLAMMATORY_LABELS,
  PAIN_AREA_LABELS,
  RESTRICTION_LABELS,
  SIGN_GROUPS,
  SIGN_GROUP_LABELS,
  SIGN_LABELS,
  TREND_LABELS,
  TRIMESTER_LABELS,
} from './wording';

export interface StepProps {
  draft: Draft;
  patch: (p: Partial<Draft>) => void;
  errors: FieldErrors;
}

const entries = <K extends string>(labels: Partial<Record<K, string>>) =>
  Object.entries(labels) as [K, string][];

// ── Step 1 ───────────────────────────────────────────────────────────────

export function SignsStep({ draft, patch, errors }: StepProps) {
  const toggle = (sign: WarningSign, on: boolean) =>
    patch({
      signs: on ? [...draft.signs, sign] : draft.signs.filter((s) => s !== sign),
      noSigns: on ? false : draft.noSigns,
    });
  return (
    <>
      <p class="sc-intro">
        These signs are rare, but they mean a doctor should see you before you start exercises. Tick any that
        are true for you now.
      </p>
      <div
        id="fld-signs"
        class={`sc-signs${errors.signs ? ' sc-invalid' : ''}`}
        role="group"
        aria-labelledby="signs-label"
        aria-describedby={errors.signs ? 'err-signs' : undefined}
      >
        <p id="signs-label" class="visually-hidden">
          Warning signs
        </p>
        {errors.signs && (
          <p class="field-error sc-error" id="err-signs">
            <span aria-hidden="true" class="sc-error-icon">
              !
            </span>
            {errors.signs}
          </p>
        )}
        {SIGN_GROUPS.map((group) => (
          <Group key={group} name={`signs-${group}`} legend={SIGN_GROUP_LABELS[group]} class="sc-sign-group">
            <div class="sc-options">
              {WARNING_SIGNS.filter((s) => SIGN_LABELS[s].group === group).map((sign) => (
                <CheckOption
                  key={sign}
                  name="warningSigns"
                  value={sign}
                  label={SIGN_LABELS[sign].label}
                  checked={draft.signs.includes(sign)}
                  onChange={(on) => toggle(sign, on)}
                />
              ))}
            </div>
          </Group>
        ))}
        <div class="sc-none">
          <CheckOption
            name="noSigns"
            value="none"
            class="sc-option-none"
            label={<strong>None of these</strong>}
            hint="I have none of the signs above."
            checked={draft.noSigns}
            onChange={(on) => patch({ noSigns: on, signs: on ? [] : draft.signs })}
          />
        </div>
      </div>
    </>
  );
}

// ── Step 2 ───────────────────────────────────────────────────────────────

export function PainStep({ draft, patch, errors }: StepProps) {
  const setInflammatory = (key: keyof InflammatoryAnswers, on: boolean) =>
    patch({ inflammatory: { ...draft.inflammatory, [key]: on } });
  return (
    <>
      <InputField
        name="age"
        label="How old are you?"
        type="number"
        width="short"
        suffix="years"
        value={draft.age}
        onInput={(age) => patch({ age })}
        error={errors.age}
      />
      <CheckGroup<PainArea>
        name="painAreas"
        legend="Where does it hurt?"
        hint="Tick all that apply. Left and right mean your own left and right."
        columns
        options={entries(PAIN_AREA_LABELS)}
        values={draft.painAreas}
        onChange={(painAreas) => patch({ painAreas })}
        error={errors.painAreas}
      />
      <InputField
        name="weeks"
        label="How many weeks ago did this pain start?"
        hint="A rough guess is fine. 0 means this week; a year is about 52 weeks."
        type="number"
        width="short"
        suffix="weeks"
        value={draft.weeks}
        onInput={(weeks) => patch({ weeks })}
        error={errors.weeks}
      />
      <Scale
        name="painNow"
        legend="How bad is your pain right now?"
        value={draft.painNow}
        onChange={(painNow) => patch({ painNow })}
        error={errors.painNow}
      />
      <Scale
        name="painWorst"
        legend="And at its worst in the last 7 days?"
        value={draft.painWorst}
        onChange={(painWorst) => patch({ painWorst })}
        error={errors.painWorst}
      />
      <RadioGroup<PainTrend>
        name="trend"
        legend={
          <>
            Since it started, is your pain… <span class="sc-optional">optional</span>
          </>
        }
        inline
        options={entries(TREND_LABELS)}
        value={draft.trend}
        onChange={(trend) => patch({ trend })}
        error={errors.trend}
      />
      <RadioGroup<'yes' | 'no'>
        name="similarBefore"
        legend={
          <>
            Have you had pain like this before? <span class="sc-optional">optional</span>
          </>
        }
        inline
        options={[
          ['yes', 'Yes'],
          ['no', 'No'],
        ]}
        value={draft.similarBefore}
        onChange={(similarBefore) => patch({ similarBefore })}
        error={errors.similarBefore}
      />
      {asksInflammatory(draft) && (
        <Group
          name="inflammatory"
          legend="A few more questions about long-lasting back pain"
          hint="Tick any that are true. Leave the rest unticked."
          error={errors.inflammatory}
        >
          <div class="sc-options">
            {entries(INFLAMMATORY_LABELS).map(([key, label]) => (
              <CheckOption
                key={key}
                name="inflammatory"
                value={key}
                label={label}
                checked={draft.inflammatory[key]}
                onChange={(on) => setInflammatory(key, on)}
              />
            ))}
          </div>
        </Group>
      )}
    </>
  );
}

// ── Step 3 ───────────────────────────────────────────────────────────────

export function PrecautionsStep({ draft, patch, errors }: StepProps) {
  const hip = draft.hip;
  return (
    <>
      <p class="sc-intro">
        Some exercises are not right with these conditions. Tick any that apply and we will leave those
        exercises out. If none apply, go on to the next step.
      </p>
      <Group name="precautions" legend="Do any of these apply to you?" error={errors.precautions}>
        <div class="sc-options">
          <CheckOption
            name="precaution"
            value="hip"
            label="I have had a hip replacement"
            checked={hip.on}
            onChange={(on) => patch({ hip: { ...hip, on } })}
          />
          {hip.on && (
            <div class="sc-details">
              <RadioGroup<'left' | 'right' | 'both'>
                name="hipSide"
                legend="Which hip?"
                inline
                options={[
                  ['left', 'Left'],
                  ['right', 'Right'],
                  ['both', 'Both'],
                ]}
                value={hip.side}
                onChange={(side) => patch({ hip: { ...hip, side } })}
                error={errors.hipSide}
              />
              <RadioGroup<HipApproach>
                name="hipApproach"
                legend="How was the operation done?"
                hint="Your surgeon's letter or discharge notes usually say."
                options={entries(APPROACH_LABELS)}
                value={hip.approach}
                onChange={(approach) => patch({ hip: { ...hip, approach } })}
                error={errors.hipApproach}
              />
              <CheckGroup<PrecautionTag>
                name="hipRestrictions"
                legend={
                  <>
                    Movements your surgeon or physical therapist told you to avoid{' '}
                    <span class="sc-optional">optional</span>
                  </>
                }
                hint="Leave these empty if you were not told any: we will use the usual ones for your operation."
                options={entries(RESTRICTION_LABELS)}
                values={hip.restrictions}
                onChange={(restrictions) => patch({ hip: { ...hip, restrictions } })}
                error={errors.hipRestrictions}
              />
              <InputField
                name="hipUntil"
                label="Until when do these apply?"
                optional
                hint="If you do not know, leave it empty and we will keep them in place for a safe period."
                type="date"
                width="medium"
                value={hip.until}
                onInput={(until) => patch({ hip: { ...hip, until } })}
                error={errors.hipUntil}
              />
            </div>
          )}
          <CheckOption
            name="precaution"
            value="pregnancy"
            label="I am pregnant"
            checked={draft.pregnancy.on}
            onChange={(on) => patch({ pregnancy: { ...draft.pregnancy, on } })}
          />
          {draft.pregnancy.on && (
            <div class="sc-details">
              <RadioGroup<'1' | '2' | '3'>
                name="trimester"
                legend="How far along are you?"
                options={entries(TRIMESTER_LABELS)}
                value={draft.pregnancy.trimester}
                onChange={(trimester) => patch({ pregnancy: { ...draft.pregnancy, trimester } })}
                error={errors.trimester}
              />
            </div>
          )}
          <CheckOption
            name="precaution"
            value="osteoporosis"
            label="I have osteoporosis (thin, weaker bones)"
            checked={draft.osteoporosis}
            onChange={(osteoporosis) => patch({ osteoporosis })}
          />
          <CheckOption
            name="precaution"
            value="vertebralFracture"
            label="I have had a broken bone in my spine (a vertebral fracture)"
            checked={draft.vertebralFracture}
            onChange={(vertebralFracture) => patch({ vertebralFracture })}
          />
          <CheckOption
            name="precaution"
            value="surgery"
            label="I have had another operation recently, for example on my back or tummy"
            checked={draft.surgery.on}
            onChange={(on) => patch({ surgery: { ...draft.surgery, on } })}
          />
          {draft.surgery.on && (
            <div class="sc-details">
              <InputField
                name="surgeryUntil"
                label="Until when did your surgeon ask you to take care?"
                optional
                hint="If you do not know, leave it empty and we will keep to gentle exercises for a safe period."
                type="date"
                width="medium"
                value={draft.surgery.until}
                onInput={(until) => patch({ surgery: { ...draft.surgery, until } })}
                error={errors.surgeryUntil}
              />
            </div>
          )}
        </div>
      </Group>
    </>
  );
}

// ── Step 4 ───────────────────────────────────────────────────────────────

const MAX_ACTIVITIES = 3;

export function ActivityStep({ draft, patch, errors }: StepProps) {
  const setActivity = (i: number, change: Partial<Draft['activities'][number]>) =>
    patch({ activities: draft.activities.map((a, j) => (j === i ? { ...a, ...change } : a)) });
  return (
    <>
      <InputField
        name="minutes"
        label="Last week, about how many minutes did you spend walking, cycling or swimming in total?"
        hint="Count anything that got you moving at an easy or steady pace. For example, three 20-minute walks make 60. 0 is fine."
        type="number"
        width="short"
        suffix="minutes"
        value={draft.minutes}
        onInput={(minutes) => patch({ minutes })}
        error={errors.minutes}
      />
      <RadioGroup<PreferredActivity | 'none'>
        name="preferred"
        legend={
          <>
            Which would you most like to do? <span class="sc-optional">optional</span>
          </>
        }
        inline
        options={[...entries(ACTIVITY_LABELS), ['none', 'No preference']]}
        value={draft.preferred}
        onChange={(preferred) => patch({ preferred })}
        error={errors.preferred}
      />
      <Group
        name="breaks"
        legend="When do you usually sit for long spells, for example at work?"
        hint="We will suggest short movement breaks during these hours. Clear both times if you rarely sit for long."
      >
        <div class="sc-times">
          <InputField
            name="breakStart"
            label="From"
            type="time"
            width="medium"
            value={draft.breakStart}
            onInput={(breakStart) => patch({ breakStart })}
            error={errors.breakStart}
          />
          <InputField
            name="breakEnd"
            label="Until"
            type="time"
            width="medium"
            value={draft.breakEnd}
            onInput={(breakEnd) => patch({ breakEnd })}
            error={errors.breakEnd}
          />
        </div>
      </Group>
      <Group
        name="activities"
        legend={
          <>
            Everyday things your pain makes hard <span class="sc-optional">optional</span>
          </>
        }
        hint="Name up to 3, such as putting on socks, gardening or getting out of a car, and say how well you can do each today. We use them to see how you improve."
      >
        {draft.activities.map((a, i) => (
          <div key={i} class="sc-activity">
            <InputField
              name={`activity${i}Name`}
              label={`Activity ${i + 1}`}
              placeholder={
                ['For example, putting on socks', 'For example, gardening', 'For example, lifting a child'][i]
              }
              value={a.name}
              onInput={(name) => setActivity(i, { name })}
              error={errors[`activity${i}Name`]}
            />
            <Scale
              name={`activity${i}Score`}
              legend={`How well can you do activity ${i + 1} today?`}
              low="Cannot do it at all"
              high="As well as before the pain"
              value={a.score}
              onChange={(score) => setActivity(i, { score })}
              error={errors[`activity${i}Score`]}
            />
            {i > 0 && (
              <button
                type="button"
                class="btn btn-quiet sc-remove"
                onClick={() => patch({ activities: draft.activities.filter((_, j) => j !== i) })}
              >
                Remove activity {i + 1}
              </button>
            )}
          </div>
        ))}
        {draft.activities.length < MAX_ACTIVITIES && (
          <button
            type="button"
            class="btn btn-secondary"
            onClick={() => patch({ activities: [...draft.activities, { name: '', score: null }] })}
          >
            Add another activity
          </button>
        )}
      </Group>
    </>
  );
}

// ── Step 5 ───────────────────────────────────────────────────────────────

const REVIEW_TITLES = ['Warning signs', 'Your pain', 'Conditions', 'Your activity'];

function Answer(props: { label: string; value: string }) {
  return (
    <div class="sc-answer">
      <dt>{props.label}</dt>
      <dd>{props.value}</dd>
    </div>
  );
}

export function ReviewStep(props: { draft: Draft; onEdit: (step: Step) => void }) {
  const d = props.draft;
  const none = 'None';
  const precautions = [
    d.hip.on &&
      `Hip replacement${d.hip.side ? ` (${d.hip.side === 'both' ? 'both hips' : `${d.hip.side} hip`})` : ''}`,
    d.pregnancy.on && 'Pregnancy',
    d.osteoporosis && 'Osteoporosis',
    d.vertebralFracture && 'Broken bone in the spine',
    d.surgery.on && 'Recent operation',
  ].filter((x): x is string => Boolean(x));
  const activities = d.activities
    .filter((a) => a.name.trim())
    .map((a) => `${a.name.trim()} (${a.score ?? '?'}/10)`);
  const section = (step: Step, rows: [string, string][]) => (
    <section class="sc-review" aria-labelledby={`review-${step}`}>
      <div class="sc-review-head">
        <h3 id={`review-${step}`}>{REVIEW_TITLES[step - 1]}</h3>
        <button type="button" class="btn btn-quiet sc-edit" onClick={() => props.onEdit(step)}>
          Change<span class="visually-hidden"> {(REVIEW_TITLES[step - 1] ?? '').toLowerCase()}</span>
        </button>
      </div>
      <dl>
        {rows.map(([label, value]) => (
          <Answer key={label} label={label} value={value} />
        ))}
      </dl>
    </section>
  );
  return (
    <>
      <p class="sc-intro">Make sure these are right. You can change anything before you see your result.</p>
      {section(1, [
        [
          'Signs you ticked',
          d.noSigns || d.signs.length === 0
            ? 'None of these'
            : d.signs.map((s) => SIGN_LABELS[s].label).join('; '),
        ],
      ])}
      {section(2, [
        ['Age', d.age ? `${d.age} years` : '—'],
        ['Where it hurts', d.painAreas.map((a) => PAIN_AREA_LABELS[a]).join(', ') || '—'],
        ['Started', d.weeks === '' ? '—' : d.weeks === '0' ? 'This week' : `${d.weeks} weeks ago`],
        ['Pain now', d.painNow === null ? '—' : `${d.painNow} out of 10`],
        ['Worst in the last week', d.painWorst === null ? '—' : `${d.painWorst} out of 10`],
      ])}
      {section(3, [['Conditions you ticked', precautions.join(', ') || none]])}
      {section(4, [
        ['Activity last week', d.minutes === '' ? '—' : `${d.minutes} minutes`],
        ['Hard things', activities.join(', ') || none],
      ])}
    </>
  );
}
