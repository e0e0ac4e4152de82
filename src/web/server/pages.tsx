import { bootClinicOf, brandOf } from './brand';
import type { PublicUser } from '../../services/auth';
import type { Clinic } from '../../storage/schema';
import { Page, type NavUser } from '../ui/Layout';
import { escapeHtml, renderDocument } from './html';
import { areaFor } from './assets';
import { GUIDES } from '../../documents/guides';

/** Only colours that are plain hex codes reach the stylesheet. */
const safeColor = (c: string, fallback: string) => (/^#[0-9a-fA-F]{6}$/.test(c) ? c : fallback);

/** The clinic's colours as CSS custom properties, served as /theme.css (no inline styles under our CSP). */
export function themeCss(clinic: Pick<Clinic, 'primary_color' | 'accent_color'>): string {
  const brand = safeColor(clinic.primary_color, '#0f6466');
  const accent = safeColor(clinic.accent_color, '#c2562f');
  return `:root{--brand:${brand};--accent:${accent};--brand-soft:color-mix(in srgb, ${brand} 12%, #ffffff);}\n`;
}

/** The shell the client app mounts into, with a server-rendered loading state and the boot data it needs. */
export function renderAppShell(
  clinic: Clinic,
  user: PublicUser | null,
  title: string,
  route: string,
): string {
  return renderDocument({
    title: `${title} · ${clinic.name}`,
    description:
      route === '/check'
        ? `A free, 3-minute check from ${clinic.name}: warning signs first, then a starter plan for your hips and lower back.`
        : `${clinic.name}: your hip and lower back program.`,
    siteName: clinic.name,
    script: true,
    area: areaFor(route, user?.role ?? null),
    // The free self-check is a public page people should find; the rest of the app is private.
    robots: route === '/check' ? 'index' : 'noindex',
    boot: {
      clinic: bootClinicOf(clinic),
      user,
      route,
    },
    body: (
      <Page brand={brandOf(clinic)} user={user}>
        <div class="loading" role="status">
          <span class="spinner" aria-hidden="true" />
          Loading…
        </div>
        <noscript>
          <div class="alert alert-warn">
            This part of the site needs JavaScript. Please turn it on and reload.
          </div>
        </noscript>
      </Page>
    ),
  });
}

const PILLARS: { title: string; text: string; href: string; more: string }[] = [
  {
    title: 'Strengthen core and hips',
    text: 'Bridges, planks, squats and lunges, each starting at a level that suits you and growing with you, two or three days a week.',
    href: '/exercises?pillar=strength',
    more: 'See the strength exercises',
  },
  {
    title: 'Stretch every day',
    text: 'A few minutes for the hip flexors, hamstrings and the muscles deep in the buttock, made into a daily habit.',
    href: '/exercises?pillar=stretch',
    more: 'See the stretches',
  },
  {
    title: 'Move often through the day',
    text: 'No single posture is the right one. Changing position and taking short movement breaks is what helps.',
    href: '/learn/posture-and-movement-breaks',
    more: 'Read about posture and breaks',
  },
  {
    title: 'Low-impact activity',
    text: 'Walking, cycling or swimming, built up gently towards 30 minutes on most days of the week.',
    href: '/learn/building-up-activity',
    more: 'How to build up',
  },
  {
    title: 'Get guidance when you need it',
    text: 'We check for warning signs first, and a physical therapist can step in, review your progress and tailor your plan.',
    href: '/learn/warning-signs',
    more: 'Know the warning signs',
  },
];

export function renderHome(clinic: Clinic, user: NavUser | null, publicUrl: string): string {
  return renderDocument({
    title: `${clinic.name} · Relief for hip and lower back pain`,
    description: `Why hip and lower back pain often go together, five practical ways to manage them, free guides, a free self-check and a free consultation with the physical therapists at ${clinic.name}.`,
    url: `${publicUrl}/`,
    siteName: clinic.name,
    body: (
      <Page brand={brandOf(clinic)} user={user} current="/">
        <section class="hero" aria-labelledby="hero-title">
          <div class="container">
            <h1 id="hero-title">Your hips and lower back work as a team. So should your care.</h1>
            <p class="lede">
              Stiff or weak hips make the lower back work harder, and a sore back changes how you move your
              hips. That is why pain in one so often shows up in the other, and why the best plan looks after
              both.
            </p>
            <div class="row">
              <a class="btn" href="/check">
                Take the free self-check
              </a>
              <a class="btn btn-secondary" href="/book">
                Book a free consultation
              </a>
            </div>
            <p class="small home-account">
              {user ? (
                <a href="/app">Go to my program</a>
              ) : (
                <>
                  Ready to begin? <a href="/signup">Start my program</a> ·{' '}
                  <a href="/login">I have an account</a>
                </>
              )}
            </p>
          </div>
        </section>
        <section class="home-why" aria-labelledby="why-title">
          <h2 id="why-title">Why hip and lower back pain go together</h2>
          <div class="grid">
            <p>
              Your pelvis is the link between them. The big hip muscles steady the pelvis with every step, and
              the lower back sits right on top of it. When those muscles are tight or tired, the back picks up
              the slack.
            </p>
            <p>
              It works the other way too: when the back hurts, people tend to move their hips less, which
              leaves them stiffer and weaker. Looking after both breaks the cycle. Most back and hip pain is
              not a sign of damage and gets better with the right kind of movement.
            </p>
          </div>
          <p>
            <a href="/learn/hip-and-back-connection">Read more about the hip and back connection</a>
          </p>
        </section>
        <section aria-labelledby="pillars-title">
          <h2 id="pillars-title">Five ways to manage hip and lower back pain</h2>
          <div class="grid">
            {PILLARS.map((p, i) => (
              <article class="card pillar-card" key={p.title}>
                <h3>
                  {i + 1}. {p.title}
                </h3>
                <p class="muted">{p.text}</p>
                <a href={p.href}>
                  {p.more}
                  <span class="visually-hidden"> ({p.title})</span>
                </a>
              </article>
            ))}
          </div>
        </section>
        <section class="home-free" aria-labelledby="free-title">
          <h2 id="free-title">Free resources to help you get started</h2>
          <div class="grid">
            <article class="card">
              <h3>Free self-check</h3>
              <p class="muted">
                A few questions that check for warning signs first, then suggest a starter plan made for you.
              </p>
              <a class="btn" href="/check">
                Start the self-check
              </a>
            </article>
            <article class="card">
              <h3>Printable guides</h3>
              <ul class="home-guides">
                {GUIDES.map((g) => (
                  <li key={g.slug}>
                    <a href={`/guides/${g.slug}.pdf`}>{g.title}</a> <span class="muted small">(PDF)</span>
                  </li>
                ))}
              </ul>
              <a href="/resources">All free resources</a>
            </article>
            <article class="card">
              <h3>Free consultation</h3>
              <p class="muted">
                Talk to one of our physical therapists by phone or at the clinic. No cost and no commitment.
              </p>
              <a class="btn btn-accent" href="/book">
                Book a free consultation
              </a>
            </article>
          </div>
        </section>
        <p class="muted small disclaimer">
          hipback gives general guidance and is not a diagnosis. If you have new numbness between your legs,
          new problems passing urine or controlling your bowels, or weakness in both legs, go to an emergency
          department now.
        </p>
      </Page>
    ),
  });
}

export function renderNotFound(): string {
  return renderDocument({
    title: 'Page not found',
    description: 'This page does not exist.',
    siteName: 'hipback',
    robots: 'noindex',
    body: (
      <Page brand={{ name: 'hipback', tagline: '' }} user={null}>
        <div class="card empty">
          <h1>We could not find that page</h1>
          <p>The link may be old or mistyped.</p>
          <a class="btn" href="/">
            Go to the home page
          </a>
        </div>
      </Page>
    ),
  });
}

export interface DevMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  status: string;
  createdAt: string;
}

/** Turns bare links in a mail's text into clickable ones. */
function linkify(text: string) {
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return parts.map((p, i) =>
    i % 2 === 1 ? (
      <a href={p} key={i}>
        {p}
      </a>
    ) : (
      p
    ),
  );
}

export function renderDevMail(clinic: Clinic, messages: DevMail[]): string {
  return renderDocument({
    title: 'Sent mail (development)',
    description: 'Mail the app has sent, for development.',
    siteName: clinic.name,
    robots: 'noindex',
    body: (
      <Page brand={brandOf(clinic)} user={null}>
        <h1>Sent mail</h1>
        <p class="muted">
          Development only: the emails hipback has sent, newest first, so you can click their links. This page
          does not exist in production.
        </p>
        {messages.length === 0 ? (
          <div class="card empty">
            <h3>No mail yet</h3>
            <p>Ask for a password reset or send an invitation, and the email appears here.</p>
          </div>
        ) : (
          <div class="stack">
            {messages.map((m) => (
              <article class="card mail-item" key={m.id}>
                <div class="card-title">
                  <h2>{m.subject}</h2>
                  <span class="badge badge-muted">{m.status}</span>
                </div>
                <p class="muted small">
                  To {m.to} · {new Date(m.createdAt).toLocaleString('en-US', { timeZone: clinic.timezone })}
                </p>
                <pre>{linkify(m.text)}</pre>
              </article>
            ))}
          </div>
        )}
      </Page>
    ),
  });
}

export { escapeHtml };
