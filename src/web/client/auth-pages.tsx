import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import { Field, FormError, Loading, SubmitButton, useForm } from './forms';
import { keptAnswers, saveKeptAnswersAsIntake } from './selfcheck/carry';
import type { Boot, SessionUser } from './types';

const browserTimezone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
};

/** Only same-site paths are followed after logging in. */
function nextPath(): string {
  const next = new URLSearchParams(location.search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/app';
}

export function LoginPage(props: { boot: Boot }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const f = useForm();
  return (
    <div class="auth-wrap">
      <div class="card">
        <h1>Log in</h1>
        <p class="muted">Welcome back to {props.boot.clinic.name}.</p>
        <FormError error={f.error} />
        <form
          noValidate
          onSubmit={f.submit(async () => {
            await api<{ user: SessionUser }>('POST', '/api/auth/login', { email, password });
            location.assign(nextPath());
          })}
        >
          <Field
            name="email"
            label="Email"
            type="email"
            value={email}
            onInput={setEmail}
            error={f.error}
            autoComplete="email"
            required
            autoFocus
          />
          <Field
            name="password"
            label="Password"
            type="password"
            value={password}
            onInput={setPassword}
            error={f.error}
            autoComplete="current-password"
            required
          />
          <SubmitButton busy={f.busy} busyLabel="Logging in…">
            Log in
          </SubmitButton>
        </form>
        <p class="small">
          <a href="/forgot">Forgot your password?</a>
        </p>
        <p class="small muted">
          New here? <a href="/signup">Create an account</a>
        </p>
      </div>
    </div>
  );
}

export function SignupPage(props: { boot: Boot }) {
  const [displayName, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const f = useForm();
  return (
    <div class="auth-wrap">
      <div class="card">
        <h1>Create your account</h1>
        <p class="muted">Start your hip and lower back program with {props.boot.clinic.name}. It is free.</p>
        <FormError error={f.error} />
        <form
          noValidate
          onSubmit={f.submit(async () => {
            await api('POST', '/api/auth/signup', {
              displayName,
              email,
              password,
              timezone: browserTimezone(),
            });
            // Answers from the free self-check in this tab become the new patient's intake.
            await saveKeptAnswersAsIntake();
            location.assign('/app');
          })}
        >
          {keptAnswers() !== null && (
            <p class="alert alert-info">Your self-check answers will be saved to your new account.</p>
          )}
          <Field
            name="displayName"
            label="Your name"
            value={displayName}
            onInput={setName}
            error={f.error}
            autoComplete="name"
            required
            autoFocus
          />
          <Field
            name="email"
            label="Email"
            type="email"
            value={email}
            onInput={setEmail}
            error={f.error}
            autoComplete="email"
            required
          />
          <Field
            name="password"
            label="Password"
            type="password"
            value={password}
            onInput={setPassword}
            error={f.error}
            autoComplete="new-password"
            hint="At least 10 characters. A short sentence is easy to remember."
            required
          />
          <SubmitButton busy={f.busy} busyLabel="Creating your account…">
            Create account
          </SubmitButton>
        </form>
        <p class="small muted">
          Already have an account? <a href="/login">Log in</a>
        </p>
      </div>
    </div>
  );
}

export function ForgotPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const f = useForm();
  return (
    <div class="auth-wrap">
      <div class="card">
        <h1>Forgot your password?</h1>
        {sent ? (
          <div class="alert alert-ok" role="status">
            {sent}
          </div>
        ) : (
          <>
            <p class="muted">
              Enter the email address you use here and we will send you a link to choose a new password.
            </p>
            <FormError error={f.error} />
            <form
              noValidate
              onSubmit={f.submit(async () => {
                const r = await api<{ message: string }>('POST', '/api/auth/password-reset', { email });
                setSent(r.message);
              })}
            >
              <Field
                name="email"
                label="Email"
                type="email"
                value={email}
                onInput={setEmail}
                error={f.error}
                autoComplete="email"
                required
                autoFocus
              />
              <SubmitButton busy={f.busy} busyLabel="Sending…">
                Send me a link
              </SubmitButton>
            </form>
          </>
        )}
        <p class="small">
          <a href="/login">Back to log in</a>
        </p>
      </div>
    </div>
  );
}

export function ResetPage() {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const f = useForm();
  return (
    <div class="auth-wrap">
      <div class="card">
        <h1>Choose a new password</h1>
        {done ? (
          <>
            <div class="alert alert-ok" role="status">
              Your password has been changed. For your safety we logged you out everywhere.
            </div>
            <a class="btn btn-block" href="/login">
              Log in
            </a>
          </>
        ) : !token ? (
          <div class="alert alert-error" role="alert">
            This link is incomplete. Open the link from your email again, or{' '}
            <a href="/forgot">ask for a new one</a>.
          </div>
        ) : (
          <>
            <FormError error={f.error} />
            {f.error?.code === 'link_expired' && (
              <p>
                <a href="/forgot">Ask for a new link</a>
              </p>
            )}
            <form
              noValidate
              onSubmit={f.submit(async () => {
                await api('POST', '/api/auth/password-reset/confirm', { token, password });
                setDone(true);
              })}
            >
              <Field
                name="password"
                label="New password"
                type="password"
                value={password}
                onInput={setPassword}
                error={f.error}
                autoComplete="new-password"
                hint="At least 10 characters."
                required
                autoFocus
              />
              <SubmitButton busy={f.busy} busyLabel="Saving…">
                Save new password
              </SubmitButton>
            </form>
          </>
        )}
      </div>
    </div>
  );
}

interface InviteInfo {
  email: string;
  role: 'patient' | 'clinician' | 'admin';
  displayName: string | null;
  clinicName: string;
  inviterName: string | null;
}

export function InvitePage() {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const [info, setInfo] = useState<InviteInfo | null>(null);
  const [problem, setProblem] = useState<string | null>(token ? null : 'This invitation link is incomplete.');
  const [displayName, setName] = useState('');
  const [password, setPassword] = useState('');
  const f = useForm();
  useEffect(() => {
    if (!token) return;
    api<InviteInfo>('POST', '/api/invites/describe', { token })
      .then((i) => {
        setInfo(i);
        setName(i.displayName ?? '');
      })
      .catch((e: { message?: string }) => setProblem(e.message ?? 'This invitation cannot be used.'));
  }, [token]);
  const roleText = (r: InviteInfo['role']) =>
    r === 'patient' ? 'as a patient' : r === 'admin' ? 'as a clinic admin' : 'as a clinician';
  return (
    <div class="auth-wrap">
      <div class="card">
        <h1>Accept your invitation</h1>
        {problem ? (
          <div class="alert alert-error" role="alert">
            {problem} Ask the person who invited you to send a new one.
          </div>
        ) : !info ? (
          <Loading label="Checking your invitation…" />
        ) : (
          <>
            <p>
              {info.inviterName ?? 'Your clinic'} invited you to join <strong>{info.clinicName}</strong>{' '}
              {roleText(info.role)}. Your account will use <strong>{info.email}</strong>.
            </p>
            <FormError error={f.error} />
            <form
              noValidate
              onSubmit={f.submit(async () => {
                await api('POST', '/api/invites/accept', {
                  token,
                  displayName,
                  password,
                  timezone: browserTimezone(),
                });
                location.assign('/app');
              })}
            >
              <Field
                name="displayName"
                label="Your name"
                value={displayName}
                onInput={setName}
                error={f.error}
                autoComplete="name"
                required
              />
              <Field
                name="password"
                label="Choose a password"
                type="password"
                value={password}
                onInput={setPassword}
                error={f.error}
                autoComplete="new-password"
                hint="At least 10 characters."
                required
              />
              <SubmitButton busy={f.busy} busyLabel="Setting up your account…">
                Create my account
              </SubmitButton>
            </form>
          </>
        )}
      </div>
    </div>
  );
}
