import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiFailure, type ApiError, api } from '../api';
import { FormError, TextAreaField } from '../forms';
import type { SessionUser } from '../types';
import { PILLAR_LABELS } from '../../ui/labels';
import type { Pillar } from '../../../core/library/types';
import { type PrecautionOut, PrecautionList } from './PatientPage';
import { LoadError, Loading, PortalNav, useLoad } from './shared';

interface Dose {
  sets: number;
  reps?: number;
  holdSeconds?: number;
  durationSeconds?: number;
  restSeconds: number;
  eachSide: boolean;
  daysPerWeek: number;
  source?: string;
}

interface Item {
  id: string;
  pillar: Pillar;
  exercise: string | null;
  title: string;
  dose: Dose | null;
  schedule: { daysPerWeek: number; [k: string]: unknown };
  reason: string;
  locked?: boolean;
  override?: { reason: string; byName?: string; at?: string };
  [k: string]: unknown;
}

interface PlanResponse {
  version: number | null;
  plan: { items: Item[]; locked?: boolean; note?: string };
  precautions: PrecautionOut[];
}

interface LibExercise {
  slug: string;
  name: string;
  pillar: Pillar;
  summary: string;
  easier: string | null;
  harder: string | null;
  level: number;
  precautions: string[];
  defaultDose: Dose;
}

const PILLARS: Pillar[] = ['strength', 'stretch', 'movementBreaks', 'activity', 'guidance'];

function newItem(ex: LibExercise, taken: Set<string>): Item {
  let id = `${ex.pillar}:${ex.slug}`;
  for (let n = 2; taken.has(id); n++) id = `${ex.pillar}:${ex.slug}-${n}`;
  const { source: _source, ...dose } = ex.defaultDose;
  void _source;
  return {
    id,
    pillar: ex.pillar,
    exercise: ex.slug,
    title: ex.name,
    dose: { ...dose },
    schedule: { daysPerWeek: ex.defaultDose.daysPerWeek },
    reason: 'Chosen for you by your physical therapist.',
  };
}

function NumberInput(props: {
  id: string;
  label: string;
  value: number | undefined;
  min: number;
  max: number;
  onChange: (v: number) => void;
}) {
  return (
    <div class="pp-num">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        value={props.value ?? ''}
        onInput={(e) => {
          const v = Number(e.currentTarget.value);
          if (Number.isFinite(v)) props.onChange(v);
        }}
      />
    </div>
  );
}

/**
 * The plan editor: reorder, add, remove and swap exercises, set their dose,
 * step along a ladder, lock items from automatic changes, and write a note.
 * Every save goes through the server's precaution check: a conflicting
 * exercise needs an override reason.
 */
export function PlanEditorPage(props: { user: SessionUser; patientId: string; current: string }) {
  const loaded = useLoad<PlanResponse>(`/api/clinic/patients/${props.patientId}/plan`);
  const lib = useLoad<{ exercises: LibExercise[] }>('/api/exercises');
  const patient = useLoad<{ patient: { displayName: string } }>(`/api/clinic/patients/${props.patientId}`);
  const templates = useLoad<{ templates: { id: string; name: string; items: number }[] }>(
    '/api/clinic/templates',
  );
  const [items, setItems] = useState<Item[]>([]);
  const [version, setVersion] = useState<number | null>(null);
  const [locked, setLocked] = useState(false);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [q, setQ] = useState('');
  const [pillar, setPillar] = useState<'' | Pillar>('');
  const [swapIndex, setSwapIndex] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [templateName, setTemplateName] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [templateMsg, setTemplateMsg] = useState<string | null>(null);

  useEffect(() => {
    const d = loaded.data;
    if (!d) return;
    setItems(d.plan.items);
    setVersion(d.version);
    setLocked(d.plan.locked === true);
    setNote(d.plan.note ?? '');
  }, [loaded.data]);

  const bySlug = useMemo(() => new Map((lib.data?.exercises ?? []).map((e) => [e.slug, e])), [lib.data]);
  const forbidden = useMemo(() => {
    const m = new Map<string, string>();
    for (const p of loaded.data?.precautions ?? []) for (const f of p.forbidden) m.set(f.tag, p.label);
    return m;
  }, [loaded.data]);
  const conflictOf = (slug: string | null): string | null => {
    if (!slug) return null;
    const ex = bySlug.get(slug);
    if (!ex) return null;
    const hit = ex.precautions.find((t) => forbidden.has(t));
    return hit ? (forbidden.get(hit) ?? null) : null;
  };

  if (loaded.error) return <LoadError error={loaded.error} />;
  if (!loaded.data || !lib.data) return <Loading label="Loading the plan…" />;

  const errorIndex = (() => {
    const m = /^items\[(\d+)\]/.exec(error?.path ?? '');
    return m ? Number(m[1]) : null;
  })();

  const update = (i: number, patch: Partial<Item>) =>
    setItems((xs) => xs.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const updateDose = (i: number, patch: Partial<Dose>) =>
    setItems((xs) =>
      xs.map((x, j) =>
        j === i && x.dose
          ? {
              ...x,
              dose: { ...x.dose, ...patch },
              ...(patch.daysPerWeek !== undefined
                ? { schedule: { ...x.schedule, daysPerWeek: patch.daysPerWeek } }
                : {}),
            }
          : x,
      ),
    );
  const move = (i: number, by: -1 | 1) =>
    setItems((xs) => {
      const j = i + by;
      if (j < 0 || j >= xs.length) return xs;
      const copy = [...xs];
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      return copy;
    });
  const replaceWith = (i: number, slug: string) => {
    const ex = bySlug.get(slug);
    if (!ex) return;
    setItems((xs) => {
      const taken = new Set(xs.filter((_, j) => j !== i).map((x) => x.id));
      return xs.map((x, j) =>
        j === i ? { ...newItem(ex, taken), ...(x.locked ? { locked: true } : {}) } : x,
      );
    });
  };
  const add = (ex: LibExercise) => {
    if (swapIndex !== null) {
      replaceWith(swapIndex, ex.slug);
      setSwapIndex(null);
      setTimeout(() => document.getElementById(`item-${swapIndex}`)?.focus(), 0);
      return;
    }
    setItems((xs) => [...xs, newItem(ex, new Set(xs.map((x) => x.id)))]);
  };

  const results = lib.data.exercises
    .filter(
      (e) =>
        (pillar === '' || e.pillar === pillar) &&
        (q.trim() === '' || `${e.name} ${e.summary}`.toLowerCase().includes(q.trim().toLowerCase())),
    )
    .slice(0, 12);

  const save = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const res = await api<{ version: number; plan: PlanResponse['plan']; warnings: string[] }>(
        'PUT',
        `/api/clinic/patients/${props.patientId}/plan`,
        {
          basedOnVersion: version,
          reason: reason.trim() || 'Plan edited by the physical therapist.',
          items: items.map((it) => {
            const { override, ...rest } = it;
            return override?.reason.trim() ? { ...rest, override: { reason: override.reason } } : rest;
          }),
          locked,
          note,
        },
      );
      setVersion(res.version);
      setItems(res.plan.items);
      setReason('');
      setSaved(
        `Saved as version ${res.version}. The patient sees it in their app now.${res.warnings.length ? ` Take care: ${res.warnings.join(' ')}` : ''}`,
      );
      setTimeout(() => document.getElementById('pp-saved')?.focus(), 0);
    } catch (err) {
      const apiErr =
        err instanceof ApiFailure
          ? err.error
          : { code: 'unknown', message: 'Something went wrong. Please try again.', path: null, status: 0 };
      setError(apiErr);
      setTimeout(() => {
        const m = /^items\[(\d+)\]/.exec(apiErr.path ?? '');
        const target = m ? document.getElementById(`override-${m[1]}`) : null;
        (target ?? document.getElementById('form-error'))?.focus();
      }, 0);
    } finally {
      setBusy(false);
    }
  };

  const name = patient.data?.patient.displayName ?? 'this patient';
  return (
    <div class="stack">
      <PortalNav user={props.user} current={props.current} />
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <a href={props.user.role === 'clinician' ? '/app' : '/app/patients'}>Patients</a> ›{' '}
        <a href={`/app/patients/${props.patientId}`}>{name}</a> › Plan
      </nav>
      <h1>Plan for {name}</h1>
      <p class="muted">
        {version === null ? 'No plan yet: add exercises to build one.' : `Editing version ${version}.`} Every
        change is checked against {name}’s precautions when you save.
      </p>
      <section class="card" aria-labelledby="prec-title">
        <h2 id="prec-title">Active precautions</h2>
        <PrecautionList precautions={loaded.data.precautions} />
      </section>
      <div class="pp-editor">
        <form class="card stack" onSubmit={save} noValidate aria-labelledby="items-title">
          <h2 id="items-title">Exercises and items</h2>
          <FormError error={error} />
          {saved && (
            <div class="alert alert-ok" role="status" id="pp-saved" tabIndex={-1}>
              {saved}
            </div>
          )}
          {items.length === 0 && <p class="muted">No items yet. Add exercises from the library.</p>}
          <ol class="pp-items">
            {items.map((it, i) => {
              const ex = it.exercise ? bySlug.get(it.exercise) : undefined;
              const conflict = conflictOf(it.exercise);
              const prefix = `it-${i}`;
              return (
                <li
                  key={it.id}
                  id={`item-${i}`}
                  tabIndex={-1}
                  class={`pp-item${errorIndex === i ? ' pp-item-error' : ''}${swapIndex === i ? ' pp-item-swapping' : ''}`}
                  aria-label={it.title}
                >
                  <div class="pp-item-head">
                    <div>
                      <span class="pp-pillar">{PILLAR_LABELS[it.pillar]}</span>
                      <h3>{it.title}</h3>
                      {ex && <p class="small muted">{ex.summary}</p>}
                    </div>
                    <div class="pp-item-buttons">
                      <button
                        type="button"
                        class="btn btn-quiet"
                        onClick={() => move(i, -1)}
                        disabled={i === 0}
                        aria-label={`Move ${it.title} up`}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        class="btn btn-quiet"
                        onClick={() => move(i, 1)}
                        disabled={i === items.length - 1}
                        aria-label={`Move ${it.title} down`}
                      >
                        ↓
                      </button>
                      {ex?.easier && (
                        <button
                          type="button"
                          class="btn btn-quiet"
                          onClick={() => replaceWith(i, ex.easier!)}
                        >
                          Easier
                        </button>
                      )}
                      {ex?.harder && (
                        <button
                          type="button"
                          class="btn btn-quiet"
                          onClick={() => replaceWith(i, ex.harder!)}
                        >
                          Harder
                        </button>
                      )}
                      {it.exercise && (
                        <button
                          type="button"
                          class="btn btn-quiet"
                          aria-pressed={swapIndex === i ? 'true' : 'false'}
                          onClick={() => {
                            setSwapIndex(swapIndex === i ? null : i);
                            setPillar(it.pillar);
                            setTimeout(() => document.getElementById('pp-lib-q')?.focus(), 0);
                          }}
                        >
                          Swap
                        </button>
                      )}
                      <button
                        type="button"
                        class="btn btn-quiet pp-remove"
                        onClick={() => {
                          setItems((xs) => xs.filter((_, j) => j !== i));
                          setSwapIndex(null);
                        }}
                        aria-label={`Remove ${it.title}`}
                      >
                        Remove
                      </button>
                    </div>
                  </div>
                  {it.dose && (
                    <fieldset class="pp-dose">
                      <legend class="visually-hidden">Dose for {it.title}</legend>
                      <NumberInput
                        id={`${prefix}-sets`}
                        label="Sets"
                        value={it.dose.sets}
                        min={1}
                        max={10}
                        onChange={(v) => updateDose(i, { sets: v })}
                      />
                      {it.dose.reps !== undefined && (
                        <NumberInput
                          id={`${prefix}-reps`}
                          label="Reps"
                          value={it.dose.reps}
                          min={1}
                          max={50}
                          onChange={(v) => updateDose(i, { reps: v })}
                        />
                      )}
                      {it.dose.holdSeconds !== undefined && (
                        <NumberInput
                          id={`${prefix}-hold`}
                          label="Hold (s)"
                          value={it.dose.holdSeconds}
                          min={0}
                          max={300}
                          onChange={(v) => updateDose(i, { holdSeconds: v })}
                        />
                      )}
                      <NumberInput
                        id={`${prefix}-rest`}
                        label="Rest (s)"
                        value={it.dose.restSeconds}
                        min={0}
                        max={600}
                        onChange={(v) => updateDose(i, { restSeconds: v })}
                      />
                      <NumberInput
                        id={`${prefix}-days`}
                        label="Days/week"
                        value={it.dose.daysPerWeek}
                        min={1}
                        max={7}
                        onChange={(v) => updateDose(i, { daysPerWeek: v })}
                      />
                    </fieldset>
                  )}
                  <label class="pp-check">
                    <input
                      type="checkbox"
                      checked={it.locked === true}
                      onChange={(e) => update(i, { locked: e.currentTarget.checked })}
                    />{' '}
                    Keep this item as it is (no automatic changes)
                  </label>
                  {conflict && (
                    <div class="pp-conflict">
                      <p class="small">
                        <strong>Conflicts with {conflict}.</strong> It can only be prescribed with a reason,
                        which is recorded.
                      </p>
                      <label for={`override-${i}`}>Override reason for {it.title}</label>
                      <input
                        id={`override-${i}`}
                        type="text"
                        value={it.override?.reason ?? ''}
                        aria-invalid={errorIndex === i ? 'true' : undefined}
                        onInput={(e) =>
                          update(i, { override: { ...it.override, reason: e.currentTarget.value } })
                        }
                      />
                      {it.override?.byName && (
                        <p class="small muted">
                          Overridden by {it.override.byName}
                          {it.override.at
                            ? ` on ${new Date(it.override.at).toLocaleDateString('en-US')}`
                            : ''}
                          .
                        </p>
                      )}
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
          <label class="pp-check">
            <input type="checkbox" checked={locked} onChange={(e) => setLocked(e.currentTarget.checked)} />{' '}
            Lock the whole plan from automatic changes
          </label>
          <TextAreaField
            id="pp-note"
            label={`Personal note to ${name}`}
            hint="Stored with the plan and printed at the top of the handout."
            value={note}
            onInput={setNote}
          />
          <div class="field">
            <label for="pp-reason">Reason for this change</label>
            <span class="hint" id="pp-reason-hint">
              Kept in the plan history.
            </span>
            <input
              id="pp-reason"
              type="text"
              value={reason}
              aria-describedby="pp-reason-hint"
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          </div>
          <div class="pp-actions">
            <button type="submit" class="btn" disabled={busy} aria-busy={busy ? 'true' : 'false'}>
              {busy ? 'Saving…' : 'Save plan'}
            </button>
            <a class="btn btn-secondary" href={`/app/patients/${props.patientId}`}>
              Back to {name}
            </a>
          </div>
        </form>
        <aside class="stack">
          <section class="card" aria-labelledby="lib-title">
            <h2 id="lib-title">
              {swapIndex !== null ? `Swap ${items[swapIndex]?.title ?? ''} for…` : 'Add from the library'}
            </h2>
            {swapIndex !== null && (
              <button type="button" class="btn btn-secondary" onClick={() => setSwapIndex(null)}>
                Cancel swap
              </button>
            )}
            <div class="field">
              <label for="pp-lib-q">Search the library</label>
              <input
                id="pp-lib-q"
                type="search"
                value={q}
                onInput={(e) => setQ(e.currentTarget.value)}
                autoComplete="off"
              />
            </div>
            <div class="field">
              <label for="pp-lib-pillar">Part of the plan</label>
              <select
                id="pp-lib-pillar"
                value={pillar}
                onChange={(e) => setPillar(e.currentTarget.value as '' | Pillar)}
              >
                <option value="">All</option>
                {PILLARS.map((p) => (
                  <option key={p} value={p}>
                    {PILLAR_LABELS[p]}
                  </option>
                ))}
              </select>
            </div>
            <ul class="pp-lib">
              {results.map((ex) => {
                const c = conflictOf(ex.slug);
                return (
                  <li key={ex.slug}>
                    <div>
                      <strong>{ex.name}</strong>
                      <span class="small muted"> · level {ex.level}</span>
                      {c && <p class="small pp-conflict-note">Conflicts with {c}</p>}
                    </div>
                    <button
                      type="button"
                      class="btn btn-secondary"
                      onClick={() => add(ex)}
                      aria-label={`${swapIndex !== null ? 'Swap in' : 'Add'} ${ex.name}`}
                    >
                      {swapIndex !== null ? 'Swap in' : 'Add'}
                    </button>
                  </li>
                );
              })}
              {results.length === 0 && <li class="muted">Nothing matches.</li>}
            </ul>
          </section>
          <section class="card" aria-labelledby="tpl-title">
            <h2 id="tpl-title">Templates</h2>
            {templateMsg && (
              <p class="alert alert-ok" role="status">
                {templateMsg}
              </p>
            )}
            <div class="field">
              <label for="pp-tpl">Clinic template</label>
              <select id="pp-tpl" value={templateId} onChange={(e) => setTemplateId(e.currentTarget.value)}>
                <option value="">Choose a template…</option>
                {(templates.data?.templates ?? []).map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name} ({t.items} items)
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              class="btn btn-secondary"
              disabled={!templateId}
              onClick={() => {
                void api<{ template: { name: string; items: Item[] } }>(
                  'GET',
                  `/api/clinic/templates/${templateId}`,
                ).then((r) => {
                  setItems(r.template.items);
                  setReason(`Started from the clinic template "${r.template.name}".`);
                  setTemplateMsg(`Loaded "${r.template.name}" into the editor. Check it, then save.`);
                });
              }}
            >
              Load into the editor
            </button>
            <div class="field">
              <label for="pp-tpl-name">Save the saved plan as a template</label>
              <input
                id="pp-tpl-name"
                type="text"
                value={templateName}
                placeholder="Template name"
                onInput={(e) => setTemplateName(e.currentTarget.value)}
              />
            </div>
            <button
              type="button"
              class="btn btn-secondary"
              disabled={!templateName.trim() || version === null}
              onClick={() => {
                void api('POST', '/api/clinic/templates', {
                  patientId: props.patientId,
                  name: templateName.trim(),
                }).then(() => {
                  setTemplateMsg(`Saved the template "${templateName.trim()}".`);
                  setTemplateName('');
                  templates.reload();
                });
              }}
            >
              Save as template
            </button>
          </section>
        </aside>
      </div>
    </div>
  );
}
