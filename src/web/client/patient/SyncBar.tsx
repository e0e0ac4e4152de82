/** The unobtrusive "offline / waiting to sync" line at the top of the patient's screens. */
import { useEffect, useState } from 'preact/hooks';
import { type SyncState, subscribe, syncNow } from './offline';
import { plural } from './data';

export function useSync(): SyncState {
  const [s, setS] = useState<SyncState>({ online: true, queued: 0, syncing: false, refused: 0 });
  useEffect(() => subscribe(setS), []);
  return s;
}

export function SyncBar() {
  const s = useSync();
  const waiting = s.queued > 0 ? ` (${plural(s.queued, 'change')} waiting)` : '';
  let text = '';
  if (!s.online) text = `Offline — your changes will sync${waiting}`;
  else if (s.queued > 0) text = s.syncing ? `Syncing${waiting}…` : `Not synced yet${waiting}`;
  return (
    <div class="pt-sync" role="status" data-state={!s.online ? 'offline' : s.queued > 0 ? 'pending' : 'ok'}>
      {text && (
        <p class="pt-sync-line">
          <span class="pt-sync-dot" aria-hidden="true" />
          <span>{text}</span>
          {s.online && s.queued > 0 && !s.syncing && (
            <button type="button" class="pt-linkbtn" onClick={() => void syncNow()}>
              Sync now
            </button>
          )}
        </p>
      )}
    </div>
  );
}
