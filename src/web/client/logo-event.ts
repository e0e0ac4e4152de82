/**
 * The settings page tells the header when the clinic's logo changed, so the
 * admin sees the new logo at once, without reloading.
 */
import type { BrandLogo } from '../ui/Layout';

const LOGO_EVENT = 'hipback:clinic-logo';

interface LogoChange {
  clinicId: string;
  logo: BrandLogo | null;
}

export function announceLogo(change: LogoChange): void {
  window.dispatchEvent(new CustomEvent<LogoChange>(LOGO_EVENT, { detail: change }));
}

/** Calls `on` for each change; returns the function that stops listening. */
export function onLogoChange(on: (change: LogoChange) => void): () => void {
  const listener = (e: Event) => on((e as CustomEvent<LogoChange>).detail);
  window.addEventListener(LOGO_EVENT, listener);
  return () => window.removeEventListener(LOGO_EVENT, listener);
}
