import type { ComponentChildren } from 'preact';

export interface BrandLogo {
  url: string;
  /** The image's own size in pixels: the page reserves its shape before it loads. */
  width: number;
  height: number;
}

export interface BrandInfo {
  name: string;
  tagline: string;
  /** The clinic's uploaded logo, shown instead of our mark; the name stays beside it as text. */
  logo?: BrandLogo | null | undefined;
}

export interface NavUser {
  displayName: string;
  role: 'patient' | 'clinician' | 'admin';
}

/** Our own mark: a spine curving into a hip, drawn as two strokes. */
export function BrandMark() {
  return (
    <span class="brand-mark" aria-hidden="true">
      <svg
        width="22"
        height="22"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        stroke-width="2.4"
        stroke-linecap="round"
      >
        <path d="M12 2.5c-2.2 2.6-2.2 5 0 7.6s2.2 5 0 7.6" />
        <path d="M6 14.5c2.2 1.2 4 1.8 6 1.8s3.8-.6 6-1.8" />
        <circle cx="12" cy="21" r="1.3" fill="currentColor" stroke="none" />
      </svg>
    </span>
  );
}

export function SiteHeader(props: {
  brand: BrandInfo;
  user: NavUser | null;
  current?: string;
  onLogout?: () => void;
}) {
  const { brand, user, current } = props;
  const link = (href: string, label: string) => (
    <a
      href={href}
      aria-current={current === href || (current?.startsWith(href + '/') ?? false) ? 'page' : undefined}
    >
      {label}
    </a>
  );
  return (
    <header class="site-header">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <div class="container">
        <a class={brand.logo ? 'brand has-logo' : 'brand'} href="/">
          {brand.logo ? (
            // The clinic's name follows as text, so the image itself needs no alt text.
            <img
              class="brand-logo"
              src={brand.logo.url}
              alt=""
              width={brand.logo.width}
              height={brand.logo.height}
              decoding="async"
            />
          ) : (
            <BrandMark />
          )}
          <span>
            {brand.name}
            <small>{brand.tagline || 'Hip and lower back care'}</small>
          </span>
        </a>
        <nav class="nav" aria-label="Main">
          {user ? (
            <>
              {link('/app', 'Home')}
              {user.role !== 'patient' && <span class="hide-mobile">{link('/app/inbox', 'Inbox')}</span>}
              <span class="muted small hide-mobile">{user.displayName}</span>
              {props.onLogout ? (
                <button type="button" class="btn btn-secondary" onClick={props.onLogout}>
                  Log out
                </button>
              ) : (
                <a class="btn btn-secondary" href="/app">
                  My account
                </a>
              )}
            </>
          ) : (
            <>
              {link('/login', 'Log in')}
              <a class="btn" href="/signup">
                Get started
              </a>
            </>
          )}
        </nav>
      </div>
      <nav class="subnav" aria-label="Resources">
        <div class="container">
          {user && user.role !== 'patient' && <span class="show-mobile">{link('/app/inbox', 'Inbox')}</span>}
          {link('/learn', 'Learn')}
          {link('/exercises', 'Exercises')}
          {link('/check', 'Free self-check')}
          {link('/resources', 'Resources')}
          {link('/book', 'Book a free visit')}
        </div>
      </nav>
    </header>
  );
}

export function SiteFooter(props: { brand: BrandInfo }) {
  return (
    <footer class="site-footer">
      <div class="container">
        <span>© {props.brand.name}. hipback gives general guidance and is not a diagnosis.</span>
        <span>Powered by hipback, open-source software your clinic runs itself.</span>
      </div>
    </footer>
  );
}

export function Page(props: {
  brand: BrandInfo;
  user: NavUser | null;
  current?: string;
  children: ComponentChildren;
  onLogout?: () => void;
}) {
  return (
    <>
      <SiteHeader brand={props.brand} user={props.user} current={props.current} onLogout={props.onLogout} />
      <main id="main" tabIndex={-1}>
        <div class="container">{props.children}</div>
      </main>
      <SiteFooter brand={props.brand} />
    </>
  );
}
