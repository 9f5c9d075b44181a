/** Form controls shared by the panel: number fields that keep what the user typed, with inline errors. */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import { SpecError } from '../../src/core/errors';
import { numberText, readNumberText } from './numbers';
import { useReasons } from './reasons';

function sameValue(a: unknown, b: unknown): boolean {
  return Object.is(a, b) || (typeof a === 'number' && typeof b === 'number' && a === b);
}

export interface NumberFieldProps {
  /** The stored JSON value (a number, or the text of an invalid entry). */
  readonly value: unknown;
  /** Called on every edit with a number when the text is one, else the text. */
  readonly onInput: (value: number | string) => void;
  /** The visible label. */
  readonly label: ComponentChildren;
  /** Accessible name when the visible label is not enough (e.g. `betas[0]` of Adam). */
  readonly ariaLabel?: string;
  /** Tooltip and accessible description. */
  readonly description?: string;
  readonly error?: string | undefined;
  readonly class?: string;
  readonly testId?: string;
}

/**
 * A text field for a number: `inputmode="decimal"` rather than `type="number"`, whose value reads
 * as "" for anything unparsable; here the text stays and the core says what is wrong with it.
 */
export function NumberField({ value, onInput, label, ariaLabel, description, error, class: className, testId }: NumberFieldProps) {
  const [text, setText] = useState(() => numberText(value));
  // Follow changes from outside (a preset, a click on the surface), not the echo of our own edits.
  useEffect(() => {
    setText((current) => (sameValue(readNumberText(current), value) ? current : numberText(value)));
  }, [value]);
  const errorId = useId();
  const descriptionId = useId();
  const describedBy = [error ? errorId : '', description ? descriptionId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field ${className ?? ''}`} title={description}>
      <label>
        <span class="field-label">{label}</span>
        <input
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellcheck={false}
          value={text}
          aria-label={ariaLabel}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
          data-testid={testId}
          onInput={(event) => {
            const next = event.currentTarget.value;
            setText(next);
            onInput(readNumberText(next));
          }}
        />
      </label>
      {description && (
        <span id={descriptionId} class="visually-hidden">
          {description}
        </span>
      )}
      {error && (
        <span id={errorId} class="field-error" aria-live="polite">
          {error}
        </span>
      )}
    </div>
  );
}

export interface CheckedNumberFieldProps extends Omit<NumberFieldProps, 'onInput' | 'error' | 'value'> {
  readonly value: number;
  /** Reads the field's JSON value with the core's readers; throws SpecError when it is not acceptable. */
  readonly check: (value: unknown) => number;
  readonly onValid: (value: number) => void;
}

/** A number field that reports only accepted values upwards and shows the core's reason for the rest. */
export function CheckedNumberField({ value, check, onValid, ...rest }: CheckedNumberFieldProps) {
  const [error, setError] = useState<string | undefined>();
  const reasons = useReasons();
  useEffect(() => setError(undefined), [value]);
  return (
    <NumberField
      {...rest}
      value={value}
      error={error}
      onInput={(raw) => {
        try {
          const accepted = check(raw);
          setError(undefined);
          onValid(accepted);
        } catch (caught) {
          setError(caught instanceof SpecError ? reasons.reason(caught) : String(caught));
        }
      }}
    />
  );
}
