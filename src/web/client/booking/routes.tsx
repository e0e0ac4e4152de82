import type { VNode } from 'preact';
import type { Boot } from '../types';
import { AvailabilityPage } from './AvailabilityPage';
import { BookPage } from './BookPage';
import { InboxPage } from './InboxPage';
import { ManagePage } from './ManagePage';

/** The client pages of the clinic's front door (booking) and the staff inbox; null for other paths. */
export function frontDoorPage(path: string, boot: Boot): VNode | null {
  if (path === '/book') return <BookPage boot={boot} />;
  if (path === '/consultation/manage') return <ManagePage />;
  const user = boot.user;
  if (user && user.role !== 'patient') {
    if (path === '/app/inbox') return <InboxPage user={user} boot={boot} />;
    if (path === '/app/availability') return <AvailabilityPage user={user} />;
  }
  return null;
}
