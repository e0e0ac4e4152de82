import { brandOf } from './brand';
import type { Clinic } from '../../storage/schema';
import { Page, type NavUser } from '../ui/Layout';
import { renderDocument } from './html';

export interface GuideListing {
  slug: string;
  title: string;
  summary: string;
  exercises: string[];
}

/** The free resources: printable guides, the self-check, and a free consultation. Works without JavaScript. */
export function renderResources(
  clinic: Clinic,
  user: NavUser | null,
  publicUrl: string,
  guides: GuideListing[],
): string {
  return renderDocument({
    title: `Free resources for hip and lower back pain · ${clinic.name}`,
    description: `Free printable exercise guides, a free self-check and a free consultation with a physical therapist at ${clinic.name}.`,
    url: `${publicUrl}/resources`,
    siteName: clinic.name,
    body: (
      <Page brand={brandOf(clinic)} user={user} current="/resources">
        <h1>Free resources</h1>
        <p class="lede">
          Everything on this page is free: guides to print and keep, a self-check that tells you whether it is
          safe to start on your own, and a conversation with one of our physical therapists.
        </p>
        <section aria-labelledby="guides-title" class="stack">
          <h2 id="guides-title">Printable guides</h2>
          <div class="grid fd-guides">
            {guides.map((g) => (
              <article class="card fd-guide" key={g.slug}>
                <h3>{g.title}</h3>
                <p class="muted">{g.summary}</p>
                <p class="small">Includes: {g.exercises.join(', ')}.</p>
                <a
                  class="btn btn-secondary"
                  href={`/guides/${g.slug}.pdf`}
                  download
                  aria-label={`Download PDF: ${g.title}`}
                >
                  Download PDF
                </a>
              </article>
            ))}
          </div>
        </section>
        <section aria-labelledby="more-title" class="stack fd-more">
          <h2 id="more-title">Not sure where to start?</h2>
          <div class="grid">
            <article class="card">
              <h3>Take the free self-check</h3>
              <p class="muted">
                A few minutes of questions. We check for warning signs first, then suggest a starter plan for
                you.
              </p>
              <a class="btn" href="/check">
                Start the self-check
              </a>
            </article>
            <article class="card">
              <h3>Book a free consultation</h3>
              <p class="muted">
                A short phone call or a visit at the clinic with a physical therapist. No cost, no commitment.
              </p>
              <a class="btn btn-accent" href="/book">
                Book a free consultation
              </a>
            </article>
            <article class="card">
              <h3>Learn how it works</h3>
              <p class="muted">Short pages on why hips and backs hurt together and what helps.</p>
              <a class="btn btn-secondary" href="/learn">
                Read the guides online
              </a>
            </article>
          </div>
        </section>
        <p class="muted small disclaimer">
          Our guides give general advice and are not a diagnosis. If you have new numbness between your legs,
          new trouble passing urine or controlling your bowels, or weakness in both legs, go to an emergency
          department now.
        </p>
      </Page>
    ),
  });
}

/** The privacy notice for consultation bookings, in plain words. */
export function renderPrivacy(
  clinic: Clinic,
  user: NavUser | null,
  publicUrl: string,
  consentVersion: string,
): string {
  const contact = [clinic.contact_email, clinic.contact_phone].filter(Boolean).join(' or ');
  return renderDocument({
    title: `Privacy notice · ${clinic.name}`,
    description: `What ${clinic.name} stores when you book a free consultation or use this website, why, for how long, and how to have it deleted.`,
    url: `${publicUrl}/privacy`,
    siteName: clinic.name,
    body: (
      <Page brand={brandOf(clinic)} user={user} current="/privacy">
        <article class="prose fd-privacy">
          <h1>Privacy notice</h1>
          <p class="lede">
            This notice explains, in plain words, what {clinic.name} keeps about you when you use this
            website, and what you can ask us to do with it.
          </p>
          <h2>When you book a free consultation</h2>
          <p>We store:</p>
          <ul>
            <li>your name, email address and, if you give it, your phone number;</li>
            <li>the reason you wrote in the booking form, and how you prefer us to contact you;</li>
            <li>the time you booked, any changes you make, and when you agreed to this notice.</li>
          </ul>
          <h2>Why we store it</h2>
          <p>
            Only to arrange your consultation: to send your confirmation and reminder, to let a physical
            therapist prepare, and to contact you if something changes. We do not sell it, share it for
            advertising, or add you to a mailing list.
          </p>
          <h2>Who can see it</h2>
          <p>
            The physical therapists and administrators of {clinic.name}. Your details are kept on the clinic's
            own server, and our emails go through the clinic's email provider.
          </p>
          <h2>How long we keep it</h2>
          <p>
            If you do not become a patient, we delete your booking details within 12 months of your
            consultation. If you do, they become part of your patient record, which the clinic keeps for as
            long as the law requires.
          </p>
          <h2>Your choices</h2>
          <ul>
            <li>Cancel or move a booking at any time with the link in your confirmation email.</li>
            <li>
              Ask us for a copy of what we hold about you, to correct it, or to delete it
              {contact ? (
                <>
                  : contact us at <strong>{contact}</strong>
                </>
              ) : null}
              . We reply within 30 days.
            </li>
          </ul>
          <h2>The self-check and guides</h2>
          <p>
            Your answers to the free self-check are used to work out your result and are not saved unless you
            create an account. Downloading a guide does not ask for any details.
          </p>
          <p class="muted small">Version {consentVersion}.</p>
        </article>
      </Page>
    ),
  });
}
