/**
 * The free self-check at /check: warning signs first, then the pain, the
 * precautions and activity, a review, and the result. Anyone can take it; a
 * logged-in patient's answers are saved as their intake.
 *
 * Steps live in browser history, so the phone's back button goes back a
 * step and the answers stay as they were.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SelfCheckResult } from '../../../core/plan/run';
import { triage } from '../../../core/triage/triage';
import { emergencyNumberFor } from '../../ui/plan-text';
import { ApiFailure, api } from '../api';
import type { Boot } from '../types';
import { focusField } from './controls';
import { keepAnswers } from './carry';
import {
  type Draft,
  type FieldErrors,
  STEP_COUNT,
  type Step,
  build,
  checkStep,
  emptyDraft,
  humanize,
  locate,
} from './draft';
import { ResultView } from './ResultView';
import { ActivityStep, PainStep, PrecautionsStep, ReviewStep, SignsStep } from './steps';
import { stepTitle } from './wording';

type View = Step | 'result';

interface Outcome {
  result: SelfCheckResult;
  answers: unknown;
  saved: boolean;
  /** True when the warning signs alone settled it, straight after step 1. */
  early: boolean;
}

/**
 * The warning signs are asked first so that someone who needs care now is
 * told at once, not after four more pages. A sign whose tier is emergency or
 * urgent settles the level on its own: the other answers only feed rules of
 * the `soon` tier (or `urgent` ones that cannot outrank it), so the core's
 * own triage, run on the signs with neutral placeholders that trigger no
 * rule, gives the level and advice the server would give.
 */
function triageFromSignsAlone(d: Draft): SelfCheckResult | null {
  if (d.noSigns || d.signs.length === 0) return null;
  const result = triage({ age: 40, painAreas: ['lowBack'], painStartedWeeksAgo: 0, warningSigns: d.signs });
  return result.level === 'emergency' || result.level === 'urgent' ? { triage: result, plan: null } : null;
}

/** Draft keys whose errors live under another name. */
const ERROR_ALIASES: Record<string, string> = {
  noSigns: 'signs',
  pregnancy: 'trimester',
  activities: 'activit',
};

function isView(v: unknown): v is View {
  return v === 'result' || v === 1 || v === 2 || v === 3 || v === 4 || v === 5;
}

export function SelfCheckPage(props: { boot: Boot }) {
  const { boot } = props;
  const patient = boot.user?.role === 'patient';
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [view, setView] = useState<View>(1);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Where focus goes after the next render: the step's heading, or a field.
  const [focus, setFocus] = useState<{ target: string; n: number } | null>(null);
  const outcomeRef = useRef<Outcome | null>(null);
  outcomeRef.current = outcome;

  useEffect(() => {
    history.replaceState({ hbStep: 1 }, '');
    const onPop = (e: PopStateEvent) => {
      const state = (e.state as { hbStep?: unknown } | null)?.hbStep;
      const next: View = isView(state) ? (state === 'result' && !outcomeRef.current ? 5 : state) : 1;
      setView(next);
      setErrors({});
      setFocus((f) => ({ target: 'heading', n: (f?.n ?? 0) + 1 }));
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    if (!focus) return;
    if (focus.target === 'heading') {
      const heading = document.getElementById(view === 'result' ? 'sc-result-title' : 'sc-step-title');
      heading?.focus();
      if (view !== 'result' && heading) heading.scrollIntoView({ block: 'center' });
      else scrollTo(0, 0);
    } else {
      focusField(focus.target);
    }
  }, [focus]);

  const go = (next: View, target = 'heading') => {
    history.pushState({ hbStep: next, prev: view }, '');
    setView(next);
    setFocus((f) => ({ target, n: (f?.n ?? 0) + 1 }));
  };

  /** Back a step: through history when that is where we came from, so the phone's back button agrees. */
  const back = (step: Step) => {
    const prev = (history.state as { prev?: unknown } | null)?.prev;
    if (prev === step - 1) history.back();
    else go((step - 1) as Step);
  };

  const patch = (p: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...p }));
    // An answer that is being fixed loses its old message.
    const keys = Object.keys(p).map((k) => ERROR_ALIASES[k] ?? k.replace(/s$/, ''));
    setErrors((e) => {
      const left = Object.entries(e).filter(([k]) => !keys.some((key) => k.startsWith(key)));
      return left.length === Object.keys(e).length ? e : Object.fromEntries(left);
    });
  };

  const submit = async () => {
    const built = build(draft);
    setBusy(true);
    setFormError(null);
    try {
      let result: SelfCheckResult;
      if (patient) {
        const r = await api<{ intake: { result: SelfCheckResult } }>('POST', '/api/me/intake', built.body);
        result = r.intake.result;
      } else {
        result = await api<SelfCheckResult>('POST', '/api/self-check', built.body);
        // Kept for this tab only, so a new account can take the answers over.
        if (!boot.user) keepAnswers(built.body);
      }
      setOutcome({ result, answers: built.body, saved: patient, early: false });
      setErrors({});
      go('result');
    } catch (err) {
      const e =
        err instanceof ApiFailure
          ? err.error
          : { code: 'unknown', message: 'Something went wrong. Please try again.', path: null, status: 0 };
      const where = e.status === 400 ? locate(e.path, built) : { step: 5 as Step, field: null };
      if (where.field) {
        setErrors({ [where.field]: humanize(e.message, e.path) });
        go(where.step, where.field);
      } else {
        setFormError(e.status === 400 ? humanize(e.message, e.path) : e.message);
        setTimeout(() => document.getElementById('sc-form-error')?.focus(), 0);
      }
    } finally {
      setBusy(false);
    }
  };

  const next = (e: Event) => {
    e.preventDefault();
    if (view === 'result' || busy) return;
    const found = checkStep(view, draft);
    const first = Object.keys(found)[0];
    if (first) {
      setErrors(found);
      setFocus((f) => ({ target: first, n: (f?.n ?? 0) + 1 }));
      return;
    }
    setErrors({});
    const settled = view === 1 ? triageFromSignsAlone(draft) : null;
    if (settled) {
      setOutcome({ result: settled, answers: null, saved: false, early: true });
      go('result');
    } else if (view === STEP_COUNT) void submit();
    else go((view + 1) as Step);
  };

  if (view === 'result' && outcome) {
    return (
      <div class="sc-wrap">
        <ResultView
          boot={boot}
          result={outcome.result}
          answers={outcome.answers}
          saved={outcome.saved}
          onRetake={() => {
            setDraft(emptyDraft());
            setOutcome(null);
            setErrors({});
            go(1);
          }}
          onChangeAnswers={() => go(outcome.early ? 1 : 5)}
        />
      </div>
    );
  }

  const step: Step = view === 'result' ? 5 : view;
  const stepProps = { draft, patch, errors };
  const errorCount = Object.keys(errors).length;
  return (
    <div class="sc-wrap">
      <header class="sc-header">
        <p class="sc-kicker">Free self-check</p>
        {step === 1 && (
          <>
            <h1>Is it safe to start exercising?</h1>
            <p class="lede">
              Five short steps, about 3 minutes. You get a starter plan for your hips and back, or clear
              advice on where to get care.{' '}
              {patient
                ? 'Your answers are saved to your record so your plan is built from them.'
                : 'Nothing is stored unless you create an account.'}
            </p>
          </>
        )}
      </header>
      <form class="card sc-card" noValidate onSubmit={next} aria-labelledby="sc-step-title">
        <div class="sc-progress" aria-hidden="true">
          {[1, 2, 3, 4, 5].map((n) => (
            <span key={n} class={n < step ? 'is-done' : n === step ? 'is-current' : ''} />
          ))}
        </div>
        <h2 id="sc-step-title" class="sc-step-title" tabIndex={-1}>
          <span class="sc-step-count">
            Step {step} of {STEP_COUNT}
          </span>{' '}
          <span class="sc-step-name">{stepTitle(step)}</span>
        </h2>
        {errorCount > 0 && (
          <p class="visually-hidden" role="alert">
            {errorCount === 1
              ? 'One answer needs your attention.'
              : `${errorCount} answers need your attention.`}
          </p>
        )}
        {step === 1 && <SignsStep {...stepProps} />}
        {step === 2 && <PainStep {...stepProps} />}
        {step === 3 && <PrecautionsStep {...stepProps} />}
        {step === 4 && <ActivityStep {...stepProps} />}
        {step === 5 && <ReviewStep draft={draft} onEdit={(s) => go(s)} />}
        {formError && (
          <div class="alert alert-error" id="sc-form-error" role="alert" tabIndex={-1}>
            {formError}
          </div>
        )}
        <div class="sc-nav">
          {step > 1 && (
            <button type="button" class="btn btn-secondary" onClick={() => back(step)}>
              Back
            </button>
          )}
          <button type="submit" class="btn sc-next" aria-busy={busy ? 'true' : 'false'} disabled={busy}>
            {step === STEP_COUNT ? (busy ? 'Checking your answers…' : 'See my result') : 'Next'}
          </button>
        </div>
      </form>
      {step === 1 && (
        <p class="small muted sc-footnote">
          If you feel very unwell or something is getting worse fast, do not wait for this check: call{' '}
          {emergencyNumberFor(boot.clinic.timezone)} or go to an emergency department.
        </p>
      )}
    </div>
  );
}
