/**
 * Form controls for the self-check: labelled, grouped with fieldsets and
 * legends, errors tied to their field with aria-describedby, and tap targets
 * of at least 44 px.
 */
import type { ComponentChildren } from 'preact';

const describedBy = (...ids: (string | false | undefined | null)[]) =>
  ids.filter((x): x is string => Boolean(x)).join(' ') || undefined;

/** Moves focus to a field (the checked option of a group, or its first control). */
export function focusField(key: string): void {
  const el = document.getElementById(`fld-${key}`);
  if (!el) return;
  const target =
    el instanceof HTMLInputElement
      ? el
      : (el.querySelector<HTMLElement>('input:checked') ??
        el.querySelector<HTMLElement>('input, select, textarea, button'));
  target?.focus();
}

export function ErrorText(props: { id: string; message: string | undefined }) {
  if (!props.message) return null;
  return (
    <p class="field-error sc-error" id={props.id}>
      <span aria-hidden="true" class="sc-error-icon">
        !
      </span>
      {props.message}
    </p>
  );
}

export function InputField(props: {
  name: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  error?: string | undefined;
  hint?: string;
  type?: 'text' | 'number' | 'date' | 'time';
  inputMode?: 'numeric' | 'text';
  suffix?: string;
  autoComplete?: string;
  width?: 'short' | 'medium' | 'full';
  placeholder?: string;
  optional?: boolean;
}) {
  const id = `fld-${props.name}`;
  const hintId = props.hint ? `hint-${props.name}` : null;
  const errId = props.error ? `err-${props.name}` : null;
  return (
    <div class={`field sc-field sc-width-${props.width ?? 'full'}`}>
      <label for={id}>
        {props.label}
        {props.optional && <span class="sc-optional">optional</span>}
      </label>
      {props.hint && (
        <span class="hint" id={hintId ?? undefined}>
          {props.hint}
        </span>
      )}
      <ErrorText id={`err-${props.name}`} message={props.error} />
      <div class="sc-input-row">
        <input
          id={id}
          name={props.name}
          // The number pad on phones without the spinner quirks of type=number.
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- preact's input types are a union per type
          type={(props.type === 'number' ? 'text' : (props.type ?? 'text')) as 'text'}
          inputMode={props.type === 'number' ? 'numeric' : props.inputMode}
          pattern={props.type === 'number' ? '[0-9]*' : undefined}
          value={props.value}
          placeholder={props.placeholder}
          autoComplete={props.autoComplete ?? 'off'}
          onInput={(e) => props.onInput(e.currentTarget.value)}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy(hintId, errId)}
        />
        {props.suffix && (
          <span class="sc-suffix" aria-hidden="true">
            {props.suffix}
          </span>
        )}
      </div>
    </div>
  );
}

/** A fieldset with a legend, an optional hint and its error, around a group of controls. */
export function Group(props: {
  name: string;
  legend: ComponentChildren;
  hint?: ComponentChildren;
  error?: string | undefined;
  children: ComponentChildren;
  class?: string;
}) {
  const hintId = props.hint ? `hint-${props.name}` : null;
  const errId = props.error ? `err-${props.name}` : null;
  return (
    <fieldset
      id={`fld-${props.name}`}
      class={`sc-fieldset${props.class ? ` ${props.class}` : ''}${props.error ? ' sc-invalid' : ''}`}
      aria-describedby={describedBy(hintId, errId)}
    >
      <legend>{props.legend}</legend>
      {props.hint && (
        <p class="hint" id={hintId ?? undefined}>
          {props.hint}
        </p>
      )}
      <ErrorText id={`err-${props.name}`} message={props.error} />
      {props.children}
    </fieldset>
  );
}

/** One checkbox as a large, tappable row. */
export function CheckOption(props: {
  name: string;
  value: string;
  label: ComponentChildren;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
  class?: string;
}) {
  const id = `opt-${props.name}-${props.value}`;
  return (
    <div class={`sc-option${props.class ? ` ${props.class}` : ''}${props.checked ? ' is-checked' : ''}`}>
      <input
        type="checkbox"
        id={id}
        name={props.name}
        value={props.value}
        checked={props.checked}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      <label for={id}>
        {props.label}
        {props.hint && <span class="hint">{props.hint}</span>}
      </label>
    </div>
  );
}

/** A group of checkboxes over a list of values. */
export function CheckGroup<T extends string>(props: {
  name: string;
  legend: ComponentChildren;
  hint?: ComponentChildren;
  options: readonly (readonly [T, string])[];
  values: readonly T[];
  onChange: (values: T[]) => void;
  error?: string | undefined;
  columns?: boolean;
}) {
  return (
    <Group name={props.name} legend={props.legend} hint={props.hint} error={props.error}>
      <div class={`sc-options${props.columns ? ' sc-options-2' : ''}`}>
        {props.options.map(([value, label]) => (
          <CheckOption
            key={value}
            name={props.name}
            value={value}
            label={label}
            checked={props.values.includes(value)}
            onChange={(on) =>
              props.onChange(on ? [...props.values, value] : props.values.filter((v) => v !== value))
            }
          />
        ))}
      </div>
    </Group>
  );
}

/** A group of radio buttons as large rows (or a row of pills when `inline`). */
export function RadioGroup<T extends string>(props: {
  name: string;
  legend: ComponentChildren;
  hint?: ComponentChildren;
  options: readonly (readonly [T, string])[];
  value: T | '';
  onChange: (value: T) => void;
  error?: string | undefined;
  inline?: boolean;
}) {
  return (
    <Group name={props.name} legend={props.legend} hint={props.hint} error={props.error}>
      <div class={props.inline ? 'sc-pills' : 'sc-options'}>
        {props.options.map(([value, label]) => {
          const id = `opt-${props.name}-${value}`;
          const checked = props.value === value;
          return (
            <div
              key={value}
              class={`${props.inline ? 'sc-pill' : 'sc-option'}${checked ? ' is-checked' : ''}`}
            >
              <input
                type="radio"
                id={id}
                name={props.name}
                value={value}
                checked={checked}
                onChange={() => props.onChange(value)}
              />
              <label for={id}>{label}</label>
            </div>
          );
        })}
      </div>
    </Group>
  );
}

const SCALE = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/**
 * A 0-10 scale as a row of radio buttons: the numbers are visible, the words
 * at the ends say what 0 and 10 mean, and arrow keys move along the row.
 */
export function Scale(props: {
  name: string;
  legend: ComponentChildren;
  hint?: ComponentChildren;
  value: number | null;
  onChange: (value: number) => void;
  error?: string | undefined;
  low?: string;
  high?: string;
}) {
  const low = props.low ?? 'No pain';
  const high = props.high ?? 'Worst pain imaginable';
  const endsId = `ends-${props.name}`;
  const hintId = props.hint ? `hint-${props.name}` : null;
  const errId = props.error ? `err-${props.name}` : null;
  return (
    <fieldset
      id={`fld-${props.name}`}
      class={`sc-fieldset sc-scale-set${props.error ? ' sc-invalid' : ''}`}
      aria-describedby={describedBy(hintId, endsId, errId)}
    >
      <legend>{props.legend}</legend>
      {props.hint && (
        <p class="hint" id={hintId ?? undefined}>
          {props.hint}
        </p>
      )}
      <ErrorText id={`err-${props.name}`} message={props.error} />
      <div class="sc-scale">
        {SCALE.map((n) => {
          const id = `opt-${props.name}-${n}`;
          return (
            <div key={n} class={`sc-scale-item${props.value === n ? ' is-checked' : ''}`}>
              <input
                type="radio"
                id={id}
                name={props.name}
                value={String(n)}
                checked={props.value === n}
                onChange={() => props.onChange(n)}
              />
              <label for={id}>{n}</label>
            </div>
          );
        })}
      </div>
      <p class="sc-scale-ends" id={endsId}>
        <span>0 = {low}</span>
        <span>10 = {high}</span>
      </p>
    </fieldset>
  );
}
