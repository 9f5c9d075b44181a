/**
 * One scheduler's keywords, derived from the registry (`defaults` and `required`): a number field,
 * a checkbox, a choice, a comma-separated list or a lambda field per keyword, under torch's names.
 * Composites nest the same editor for each child. Errors are the core's own, at the field they name.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import type { SpecError } from '../../src/core/errors';
import { isObject } from '../../src/core/spec';
import { SCHEDULER_TYPES, type SchedulerType } from '../../src/core/schedule';
import type { SchedulesStrings } from '../../src/protocol';
import { NumberField } from '../shared/fields';
import { Icon } from '../shared/icons';
import { formatNumber } from '../shared/numbers';
import { format } from '../shared/strings';
import { childrenOf, errorIsAbout, fieldOf, isComposite, isSchedulerType, listText, paramsOf, readListText, unknownKeys, type Param, type SpecPath } from './model';
import { useReasons } from '../shared/reasons';

export interface EditorProps {
  readonly spec: unknown;
  readonly path: SpecPath;
  readonly error: SpecError | undefined;
  readonly strings: SchedulesStrings;
  readonly onType: (path: SpecPath, type: SchedulerType) => void;
  readonly onKwarg: (path: SpecPath, key: string, value: unknown) => void;
  readonly onAddChild: (path: SpecPath, type: SchedulerType) => void;
  readonly onRemoveChild: (path: SpecPath, index: number) => void;
  /** Composites refuse ReduceLROnPlateau (and SequentialLR a ChainedScheduler); the core says so if chosen. */
  readonly nested?: boolean;
}

function describeDefault(param: Param, strings: SchedulesStrings): string {
  if (param.required) return strings.required;
  const v = param.fallback;
  return format(strings.defaultValue, typeof v === 'number' ? formatNumber(v) : v === null ? 'None' : String(v));
}

export function SchedulerEditor(props: EditorProps) {
  const { spec, path, error, strings, onType, onKwarg } = props;
  const field = fieldOf(path);
  const typeId = useId();
  const reasons = useReasons();
  const type = isObject(spec) && isSchedulerType(spec.type) ? spec.type : undefined;
  const ownError = error && (error.field === field || error.field === `${field}.type` || error.field === `${field}.schedulers`) ? error : undefined;
  return (
    <div class="editor" data-testid="editor" data-path={path.join('.')} data-type={type ?? ''}>
      <div class="field">
        <label for={typeId} class="field-label">
          {strings.scheduler}
        </label>
        <select id={typeId} value={type ?? ''} data-testid="scheduler-type" onChange={(e) => onType(path, e.currentTarget.value as SchedulerType)}>
          {!type && <option value="">?</option>}
          {SCHEDULER_TYPES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      {!type && <p class="entry-error">{strings.badEntry}</p>}
      {ownError && (
        <p class="entry-error" role="alert">
          {reasons.reason(ownError)}
        </p>
      )}
      {type && isObject(spec) && (
        <div class="kwargs">
          {paramsOf(type).map((param) =>
            param.kind === 'schedulers' ? null : (
              <ParamField key={`${type}.${param.key}`} param={param} value={spec[param.key]} error={errorIsAbout(error, field, param.key) ? error : undefined} strings={strings} onChange={(v) => onKwarg(path, param.key, v)} />
            ),
          )}
          {unknownKeys(spec).map((key) => (
            <div class="unknown-kwarg" key={key}>
              <code>{key}</code>
              <span class="field-error">{format(strings.unknownKeyword, key)}</span>
              <button type="button" class="icon-button" aria-label={format(strings.removeKeyword, key)} title={format(strings.removeKeyword, key)} onClick={() => onKwarg(path, key, undefined)}>
                <Icon name="remove" />
              </button>
            </div>
          ))}
        </div>
      )}
      {type && isComposite(type) && isObject(spec) && <Children {...props} spec={spec} type={type} />}
    </div>
  );
}

function Children(props: EditorProps & { readonly type: SchedulerType; readonly spec: { readonly [key: string]: unknown } }) {
  const { spec, type, path, strings, onAddChild, onRemoveChild } = props;
  const [toAdd, setToAdd] = useState<SchedulerType>('CosineAnnealingLR');
  const children = childrenOf(spec);
  return (
    <fieldset class="children">
      <legend>{format(strings.children, type)}</legend>
      <ol class="child-list">
        {children.map((child, i) => (
          <li key={i} class="child" aria-label={format(strings.childN, i + 1, children.length)}>
            <div class="child-head">
              <span class="child-index">{i + 1}.</span>
              <button type="button" class="icon-button" aria-label={format(strings.removeChild, i + 1)} title={format(strings.removeChild, i + 1)} disabled={children.length <= 1} onClick={() => onRemoveChild(path, i)}>
                <Icon name="remove" />
              </button>
            </div>
            <SchedulerEditor {...props} spec={child} path={[...path, i]} nested />
          </li>
        ))}
      </ol>
      <div class="add-row">
        <select aria-label={format(strings.addChild, type)} value={toAdd} onChange={(e) => setToAdd(e.currentTarget.value as SchedulerType)}>
          {SCHEDULER_TYPES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => onAddChild(path, toAdd)} data-testid="add-child">
          {format(strings.addChild, type)}
        </button>
      </div>
    </fieldset>
  );
}

interface ParamFieldProps {
  readonly param: Param;
  readonly value: unknown;
  readonly error: SpecError | undefined;
  readonly strings: SchedulesStrings;
  readonly onChange: (value: unknown) => void;
}

function ParamField({ param, value, error, strings, onChange }: ParamFieldProps) {
  // `milestones[1]: expected a number…` names the element; the keyword itself is the field's label.
  const reasons = useReasons();
  const reason = error ? (error.field.endsWith(`.${param.key}`) ? reasons.reason(error) : `${error.field.split('.').pop() ?? ''}: ${reasons.reason(error)}`) : undefined;
  const description = describeDefault(param, strings);
  const id = useId();
  switch (param.kind) {
    case 'boolean':
      return (
        <label class="check" title={description}>
          <input type="checkbox" checked={(value ?? param.fallback) === true} onChange={(e) => onChange(e.currentTarget.checked === param.fallback ? undefined : e.currentTarget.checked)} data-testid={`kw-${param.key}`} />
          <code>{param.key}</code>
        </label>
      );
    case 'choice':
      return (
        <div class="field" title={description}>
          <label>
            <code class="field-label">{param.key}</code>
            <select value={String(value ?? param.fallback)} onChange={(e) => onChange(e.currentTarget.value === param.fallback ? undefined : e.currentTarget.value)} data-testid={`kw-${param.key}`}>
              {(param.choices ?? []).map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        </div>
      );
    case 'list':
    case 'lambda':
      return (
        <TextParam
          id={id}
          label={param.key}
          text={param.kind === 'list' ? listText(value) : typeof value === 'string' ? value : listText(value)}
          read={param.kind === 'list' ? readListText : (t: string) => t}
          same={(text) => (param.kind === 'list' ? JSON.stringify(readListText(text)) === JSON.stringify(value) : text === value)}
          hint={param.kind === 'list' ? strings.listHint : strings.lambdaHint}
          wide={param.kind === 'lambda'}
          error={reason}
          onChange={onChange}
        />
      );
    default:
      return (
        <NumberField
          label={<code>{param.key}</code>}
          value={value ?? (param.fallback === null ? '' : param.fallback)}
          description={param.kind === 'optional' ? `${description} · ${strings.none}` : description}
          error={reason}
          testId={`kw-${param.key}`}
          onInput={(v) => onChange(v === '' ? undefined : v)}
        />
      );
  }
}

interface TextParamProps {
  readonly id: string;
  readonly label: string;
  readonly text: string;
  readonly read: (text: string) => unknown;
  /** Whether the typed text already means the stored value (then it is left as typed). */
  readonly same: (text: string) => boolean;
  readonly hint: string;
  readonly wide: boolean;
  readonly error: string | undefined;
  readonly onChange: (value: unknown) => void;
}

/** A text field for a list or a lambda: what was typed stays; the core reads it and names what is wrong. */
function TextParam({ id, label, text, read, same, hint, wide, error, onChange }: TextParamProps) {
  const [typed, setTyped] = useState(text);
  useEffect(() => setTyped((current) => (same(current) ? current : text)), [text]);
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <div class={`field${wide ? ' wide' : ''}`}>
      <label>
        <code class="field-label">{label}</code>
        <input
          type="text"
          autoComplete="off"
          spellcheck={false}
          value={typed}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          data-testid={`kw-${label}`}
          onInput={(e) => {
            setTyped(e.currentTarget.value);
            onChange(read(e.currentTarget.value));
          }}
        />
      </label>
      <span id={hintId} class="hint">
        {hint}
      </span>
      {error && (
        <span id={errorId} class="field-error" aria-live="polite">
          {error}
        </span>
      )}
    </div>
  );
}
