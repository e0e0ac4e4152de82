/** Today's open reminders, at the top of Today: each with a way to act on it and a way to dismiss it. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';

interface Item {
  id: string;
  kind: string;
  title: string;
  body: string;
  url: string;
}

const ACTION: Record<string, string> = {
  checkin: 'Check in',
  stretch: 'Start stretching',
  session: 'Start the session',
  activity: 'Log activity',
  breaks: 'Break ideas',
  weekly: 'See your progress',
};

export function ReminderInbox() {
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const load = () =>
      api<{ reminders: Item[] }>('GET', '/api/me/reminders/inbox')
        .then((r) => live && setItems(r.reminders))
        // Offline or not reachable: Today works without reminders.
        .catch(() => live && setItems((x) => x ?? []));
    // In a task of its own, after the screen is up.
    const first = setTimeout(() => void load(), 0);
    // New reminders appear while Today stays open.
    const timer = setInterval(() => void load(), 60_000);
    return () => {
      live = false;
      clearTimeout(first);
      clearInterval(timer);
    };
  }, []);

  const dismiss = async (item: Item) => {
    setError(null);
    try {
      await api('POST', `/api/me/reminders/${item.id}/dismiss`);
      setItems((xs) => (xs ?? []).filter((x) => x.id !== item.id));
      setTimeout(() => document.querySelector<HTMLElement>('main h1')?.focus(), 0);
    } catch (e) {
      setError((e as { message?: string }).message ?? 'We could not dismiss that reminder.');
    }
  };

  if (!items || items.length === 0) {
    return (
      <p class="rm-settings-link">
        <a href="/app/reminders">Reminder settings</a>
      </p>
    );
  }
  return (
    <section class="rm-inbox" aria-labelledby="rm-inbox-title">
      <h2 id="rm-inbox-title" class="visually-hidden">
        Reminders
      </h2>
      <ul class="rm-inbox-list">
        {items.map((item) => (
          <li key={item.id} class="card rm-reminder" data-kind={item.kind}>
            <div>
              <p class="rm-reminder-title">{item.title}</p>
              <p class="rm-reminder-body">{item.body}</p>
            </div>
            <div class="rm-reminder-actions">
              <a class="btn" href={item.url}>
                {ACTION[item.kind] ?? 'Open'}
              </a>
              <button
                type="button"
                class="btn btn-quiet"
                onClick={() => void dismiss(item)}
                aria-label={`Dismiss reminder: ${item.title}`}
              >
                Dismiss
              </button>
            </div>
          </li>
        ))}
      </ul>
      {error && (
        <p class="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <p class="rm-settings-link">
        <a href="/app/reminders">Reminder settings</a>
      </p>
    </section>
  );
}
