/** Our own words for every email hipback sends. Plain text first; the HTML is the same text, lightly formatted. */

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function render(paragraphs: string[], link: { href: string; label: string }) {
  const text = [...paragraphs.slice(0, 1), `${link.label}: ${link.href}`, ...paragraphs.slice(1)].join(
    '\n\n',
  );
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1c2b33">${paragraphs
    .slice(0, 1)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join(
      '',
    )}<p><a href="${escapeHtml(link.href)}" style="display:inline-block;padding:10px 18px;background:#0f6e6e;color:#fff;border-radius:8px;text-decoration:none">${escapeHtml(
    link.label,
  )}</a></p>${paragraphs
    .slice(1)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('')}</body></html>`;
  return { text, html };
}

export function resetEmail(p: { name: string; clinicName: string; link: string; minutes: number }) {
  return {
    subject: `Reset your ${p.clinicName} password`,
    ...render(
      [
        `Hello ${p.name}, someone (hopefully you) asked to reset the password for your ${p.clinicName} account.`,
        `The link works once and for ${p.minutes} minutes. If you did not ask for this, you can ignore this email: your password stays as it is.`,
      ],
      { href: p.link, label: 'Choose a new password' },
    ),
  };
}

export function inviteEmail(p: {
  inviterName: string;
  clinicName: string;
  role: string;
  link: string;
  days: number;
}) {
  const what =
    p.role === 'patient'
      ? `to follow your home exercise program with ${p.clinicName} on hipback`
      : `to join ${p.clinicName} on hipback as a ${p.role === 'admin' ? 'clinic admin' : 'clinician'}`;
  return {
    subject: `${p.inviterName} invited you to ${p.clinicName}`,
    ...render(
      [
        `${p.inviterName} has invited you ${what}.`,
        `The invitation works once and expires in ${p.days} days. If you were not expecting it, you can ignore this email.`,
      ],
      { href: p.link, label: 'Accept the invitation' },
    ),
  };
}

/** A reminder the patient asked for by email: what to do, a link back to the app, and how to change or stop these. */
export function reminderEmail(p: {
  title: string;
  body: string;
  clinicName: string;
  link: string;
  settingsLink: string;
}) {
  return {
    subject: `${p.title}: a reminder from ${p.clinicName}`,
    ...render(
      [
        p.body,
        `You get these emails because you turned on email reminders. To change which reminders you get, when, or how, or to stop the emails: ${p.settingsLink}`,
      ],
      { href: p.link, label: 'Open your day' },
    ),
  };
}

/** The weekly summary: last week's figures, one line of encouragement, a link to Progress and to the settings. */
export function weeklySummaryEmail(p: {
  title: string;
  lines: string[];
  encouragement: string;
  clinicName: string;
  link: string;
  settingsLink: string;
}) {
  // The figures first, one per line, then the link: the email is read top to bottom.
  const intro = [`${p.title}. Here is how last week went, from what you recorded:`, ...p.lines];
  const { text, html } = render(
    [
      intro.join('\n'),
      p.encouragement,
      `You get this summary on Monday mornings because weekly summaries and email reminders are on. To change the time, or to stop these emails: ${p.settingsLink}`,
    ],
    { href: p.link, label: 'See your progress' },
  );
  return {
    subject: `${p.title}: your weekly summary from ${p.clinicName}`,
    text,
    // Keep the figures on separate lines in HTML too.
    html: html.replace(escapeHtml(intro.join('\n')), intro.map(escapeHtml).join('<br>')),
  };
}
