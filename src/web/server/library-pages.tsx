import { brandOf } from './brand';
import type { ExerciseQuery } from '../../core/library/library';
import { BODY_REGIONS, EQUIPMENT, PILLARS, type Exercise } from '../../core/library/types';
import type { RenderedEducationPage } from '../../services/content';
import type { Clinic } from '../../storage/schema';
import { Page, type NavUser } from '../ui/Layout';
import {
  EQUIPMENT_LABELS,
  MUSCLE_LABELS,
  PILLAR_LABELS,
  PILLAR_SHORT,
  PRECAUTION_LABELS,
  REGION_LABELS,
  formatDose,
} from '../ui/labels';
import { renderDocument } from './html';

const img = (slug: string, frame?: 'start' | 'end') =>
  `/api/exercises/${slug}/illustration.svg${frame ? `?frame=${frame}` : ''}`;

function Select<T extends string>(props: {
  name: string;
  label: string;
  value: T | undefined;
  options: readonly T[];
  labels: Record<T, string>;
  all: string;
}) {
  return (
    <div class="field">
      <label for={`f-${props.name}`}>{props.label}</label>
      <select id={`f-${props.name}`} name={props.name}>
        <option value="">{props.all}</option>
        {props.options.map((o) => (
          <option value={o} selected={o === props.value} key={o}>
            {props.labels[o]}
          </option>
        ))}
      </select>
    </div>
  );
}

export function renderLibrary(
  clinic: Clinic,
  user: NavUser | null,
  publicUrl: string,
  query: ExerciseQuery,
  exercises: Exercise[],
): string {
  const filtered = Object.values(query).some((v) => v !== undefined && v !== '');
  const pillars = PILLARS.filter((p) => p !== 'guidance');
  return renderDocument({
    title: `Exercise library · ${clinic.name}`,
    description:
      'Illustrated, step-by-step exercises for hip and lower back pain: strength, daily stretches, movement breaks and low-impact activity.',
    url: `${publicUrl}/exercises`,
    siteName: clinic.name,
    body: (
      <Page brand={brandOf(clinic)} user={user} current="/exercises">
        <h1>Exercise library</h1>
        <p class="lede">
          Every exercise in our programs, with pictures, steps, a starting dose and what to watch for. Filter
          by what you want to work on.
        </p>
        <form class="card filters" method="get" action="/exercises" role="search">
          <div class="field">
            <label for="f-q">Search</label>
            <input
              id="f-q"
              type="search"
              name="q"
              value={query.q ?? ''}
              placeholder="e.g. bridge, hamstring, chair"
            />
          </div>
          <Select
            name="pillar"
            label="Pillar"
            value={query.pillar}
            options={pillars}
            labels={PILLAR_SHORT}
            all="All"
          />
          <Select
            name="region"
            label="Body area"
            value={query.region}
            options={BODY_REGIONS}
            labels={REGION_LABELS}
            all="All"
          />
          <Select
            name="equipment"
            label="Equipment"
            value={query.equipment}
            options={EQUIPMENT}
            labels={EQUIPMENT_LABELS}
            all="Any"
          />
          <button type="submit" class="btn">
            Show
          </button>
        </form>
        <p class="muted" role="status">
          {exercises.length === 1 ? '1 exercise' : `${exercises.length} exercises`}
          {filtered && (
            <>
              {' '}
              match · <a href="/exercises">Clear filters</a>
            </>
          )}
        </p>
        {exercises.length === 0 ? (
          <div class="card empty">
            <h2>No exercises match</h2>
            <p>Try fewer filters or another word.</p>
            <a class="btn btn-secondary" href="/exercises">
              Show all exercises
            </a>
          </div>
        ) : (
          <ul class="grid" aria-label="Exercises">
            {exercises.map((e) => (
              <li key={e.slug} class="card exercise-card-li">
                <a class="exercise-card" href={`/exercises/${e.slug}`}>
                  <img
                    src={img(e.slug, 'end')}
                    alt=""
                    width={320}
                    height={240}
                    loading="lazy"
                    decoding="async"
                  />
                  <span class="body">
                    <span class="badge">{PILLAR_SHORT[e.pillar]}</span>
                    <h2>{e.name}</h2>
                    <p>{e.summary}</p>
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </Page>
    ),
  });
}

export function renderExercise(
  clinic: Clinic,
  user: NavUser | null,
  publicUrl: string,
  e: Exercise,
  ladder: Exercise[],
  bySlug: (slug: string) => Exercise | undefined,
): string {
  const easier = e.easier ? bySlug(e.easier) : undefined;
  const harder = e.harder ? bySlug(e.harder) : undefined;
  return renderDocument({
    title: `${e.name} · ${clinic.name}`,
    description: e.summary,
    url: `${publicUrl}/exercises/${e.slug}`,
    siteName: clinic.name,
    body: (
      <Page brand={brandOf(clinic)} user={user} current="/exercises">
        <nav class="breadcrumb" aria-label="Breadcrumb">
          <a href="/exercises">Exercise library</a> › {PILLAR_LABELS[e.pillar]}
        </nav>
        <div class="exercise-layout">
          <div>
            <div class="figure-main">
              <img
                src={img(e.slug)}
                width={320}
                height={240}
                alt={`Animation of ${e.name}, moving between the start and end positions`}
              />
            </div>
            <div class="frames">
              <figure>
                <img
                  src={img(e.slug, 'start')}
                  width={320}
                  height={240}
                  alt={`${e.name}: start position`}
                  loading="lazy"
                />
                <figcaption>Start</figcaption>
              </figure>
              <figure>
                <img
                  src={img(e.slug, 'end')}
                  width={320}
                  height={240}
                  alt={`${e.name}: end position`}
                  loading="lazy"
                />
                <figcaption>End</figcaption>
              </figure>
            </div>
          </div>
          <div>
            <ul class="tags" aria-label="About this exercise">
              <li class="badge">{PILLAR_SHORT[e.pillar]}</li>
              {e.regions.map((r) => (
                <li class="badge badge-muted" key={r}>
                  {REGION_LABELS[r]}
                </li>
              ))}
              {e.ladder && <li class="badge badge-muted">Level {e.level}</li>}
            </ul>
            <h1>{e.name}</h1>
            <p class="lede">{e.summary}</p>
            <section class="card" aria-labelledby="dose-title">
              <h2 id="dose-title">How much</h2>
              <p class="dose">{formatDose(e.type, e.defaultDose)}</p>
              <p class="muted small">
                A starting point. Your own plan may set a different amount.{' '}
                {e.equipment.filter((q) => q !== 'none').length > 0 &&
                  `You need: ${e.equipment
                    .filter((q) => q !== 'none')
                    .map((q) => EQUIPMENT_LABELS[q].toLowerCase())
                    .join(', ')}.`}
              </p>
            </section>
            <section aria-labelledby="steps-title">
              <h2 id="steps-title">Steps</h2>
              <ol class="steps">
                {e.steps.map((s, i) => (
                  <li key={i}>{s}</li>
                ))}
              </ol>
            </section>
            {e.cues.length > 0 && (
              <section aria-labelledby="cues-title">
                <h2 id="cues-title">Tips</h2>
                <ul class="steps">
                  {e.cues.map((s, i) => (
                    <li key={i}>{s}</li>
                  ))}
                </ul>
              </section>
            )}
            {e.mistakes.length > 0 && (
              <section aria-labelledby="mistakes-title">
                <h2 id="mistakes-title">Common mistakes</h2>
                <ul class="steps">
                  {e.mistakes.map((s, i) => (
                    <li key={i}>{s}</li>
                  ))}
                </ul>
              </section>
            )}
            <section aria-labelledby="feel-title">
              <h2 id="feel-title">What you should feel</h2>
              <p>{e.feel}</p>
            </section>
            <section class="alert alert-warn" aria-labelledby="stop-title">
              <h2 id="stop-title">Stop if</h2>
              <ul class="steps">
                {e.stopIf.map((s, i) => (
                  <li key={i}>{s}</li>
                ))}
              </ul>
            </section>
            {ladder.length > 1 && (
              <section aria-labelledby="ladder-title">
                <h2 id="ladder-title">Easier and harder versions</h2>
                <ol class="ladder">
                  {ladder.map((l) => (
                    <li key={l.slug}>
                      {l.slug === e.slug ? (
                        <span aria-current="true">
                          {l.level}. {l.name}
                        </span>
                      ) : (
                        <a href={`/exercises/${l.slug}`}>
                          {l.level}. {l.name}
                        </a>
                      )}
                    </li>
                  ))}
                </ol>
                <p class="small">
                  {easier && (
                    <>
                      Too hard? Try <a href={`/exercises/${easier.slug}`}>{easier.name}</a>.{' '}
                    </>
                  )}
                  {harder && (
                    <>
                      Too easy for two sessions running? Move on to{' '}
                      <a href={`/exercises/${harder.slug}`}>{harder.name}</a>.
                    </>
                  )}
                </p>
              </section>
            )}
            {e.precautions.length > 0 && (
              <section aria-labelledby="care-title">
                <h2 id="care-title">Check with your therapist first if you have been told to avoid</h2>
                <ul class="steps">
                  {e.precautions.map((p) => (
                    <li key={p}>{PRECAUTION_LABELS[p]}</li>
                  ))}
                </ul>
              </section>
            )}
            <section aria-labelledby="muscles-title">
              <h2 id="muscles-title">Muscles worked</h2>
              <p>{e.muscles.map((m) => MUSCLE_LABELS[m]).join(', ')}</p>
            </section>
            <p class="muted small">
              Text and illustration: {e.author}, {e.licence}. Version {e.version}.
            </p>
          </div>
        </div>
      </Page>
    ),
  });
}

export function renderLearnIndex(
  clinic: Clinic,
  user: NavUser | null,
  publicUrl: string,
  pages: RenderedEducationPage[],
) {
  return renderDocument({
    title: `Learn about hip and lower back pain · ${clinic.name}`,
    description: 'Short, plain-language guides on hip and lower back pain from our physical therapists.',
    url: `${publicUrl}/learn`,
    siteName: clinic.name,
    body: (
      <Page brand={brandOf(clinic)} user={user} current="/learn">
        <h1>Learn</h1>
        <p class="lede">
          Short guides, in plain words, on what helps hip and lower back pain and when to get help.
        </p>
        <ul class="learn-list">
          {pages.map((p) => (
            <li class="card" key={p.slug}>
              <a href={`/learn/${p.slug}`}>
                <h2>{p.title}</h2>
                <p class="muted">{p.description}</p>
              </a>
            </li>
          ))}
        </ul>
      </Page>
    ),
  });
}

export function renderLearnPage(
  clinic: Clinic,
  user: NavUser | null,
  publicUrl: string,
  page: RenderedEducationPage,
  next: RenderedEducationPage | undefined,
) {
  return renderDocument({
    title: `${page.title} · ${clinic.name}`,
    description: page.description,
    url: `${publicUrl}/learn/${page.slug}`,
    siteName: clinic.name,
    body: (
      <Page brand={brandOf(clinic)} user={user} current="/learn">
        <nav class="breadcrumb" aria-label="Breadcrumb">
          <a href="/learn">Learn</a>
        </nav>
        <article class="prose">
          <h1>{page.title}</h1>
          <div dangerouslySetInnerHTML={{ __html: stripFirstHeading(page.html) }} />
          <section class="sources" aria-labelledby="sources-title">
            <h2 id="sources-title">Where this comes from</h2>
            <ul>
              {page.sources.map((s, i) => (
                <li key={i}>{s}</li>
              ))}
            </ul>
          </section>
          {next && (
            <p>
              Next: <a href={`/learn/${next.slug}`}>{next.title}</a>
            </p>
          )}
        </article>
      </Page>
    ),
  });
}

/** The page title is rendered by the layout, so a leading "# Title" in the Markdown is dropped. */
function stripFirstHeading(html: string): string {
  return html.replace(/^\s*<h1[^>]*>[\s\S]*?<\/h1>\s*/, '');
}
