import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiFailure, type ApiError } from './api';

/** Any thrown value as an ApiError, with a sentence a person can read. */
export function toApiError(err: unknown): ApiError {
  return err instanceof ApiFailure
    ? err.error
    : { code: 'unknown', message: 'Something went wrong. Please try again.', path: null, status: 0 };
}

/** A spinner with a sentence, announced to screen readers. */
export function Loading(props: { label: string }) {
  return (
    <div class="loading" role="status">
      <span class="spinner" aria-hidden="true" /> {props.label}
    </div>
  );
}

/** Form state: busy flag, the error from the last submit, and a submit wrapper. */
export function useForm() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = (fn: () => Promise<void>) => async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(toApiError(err));
      // Move focus to the error so screen-reader users hear it.
      setTimeout(() => document.getElementById('form-error')?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, submit };
}

export function FormError(props: { error: ApiError | null }) {
  if (!props.error) return null;
  return (
    <div class="alert alert-error" id="form-error" role="alert" tabIndex={-1}>
      {props.error.message}
    </div>
  );
}

export function Field(props: {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'time' | 'search' | 'tel';
  value: string;
  onInput: (v: string) => void;
  error: ApiError | null;
  hint?: string;
  autoComplete?: string;
  required?: boolean;
  autoFocus?: boolean;
  children?: ComponentChildren;
  inputMode?: 'numeric' | 'decimal' | 'email' | 'text' | 'tel';
}) {
  const id = `f-${props.name}`;
  const invalid = props.error?.path === props.name;
  const describedBy = [props.hint ? `${id}-hint` : null, invalid ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint && (
        <span class="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      )}
      <input
        id={id}
        name={props.name}
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- preact's input types are a union per type
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        autoComplete={props.autoComplete}
        required={props.required}
        autoFocus={props.autoFocus}
        inputMode={props.inputMode}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
      {invalid && (
        <span class="field-error" id={`${id}-error`}>
          {props.error?.message}
        </span>
      )}
    </div>
  );
}

export function SubmitButton(props: {
  busy: boolean;
  children: ComponentChildren;
  busyLabel?: string;
  block?: boolean;
}) {
  return (
    <button
      type="submit"
      class={`btn${props.block === false ? '' : ' btn-block'}`}
      aria-busy={props.busy ? 'true' : 'false'}
      disabled={props.busy}
    >
      {props.busy ? (props.busyLabel ?? 'Please wait…') : props.children}
    </button>
  );
}

/** A labelled text area with a hint under the label (the hint is its description). */
export function TextAreaField(props: {
  id: string;
  label: ComponentChildren;
  hint: string;
  value: string;
  onInput: (v: string) => void;
  rows?: number;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <span class="hint" id={`${props.id}-hint`}>
        {props.hint}
      </span>
      <textarea
        id={props.id}
        rows={props.rows ?? 3}
        value={props.value}
        aria-describedby={`${props.id}-hint`}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </div>
  );
}
