/**
 * The core's validation reasons in the user's language. A SpecError made from a REASONS template
 * is shown with the host's translation of that template (`reason.<name>` in the panel's strings);
 * any other reason (torch's own error text) is shown as it is.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { REASONS, type SpecError } from '../../src/core/errors';
import { fillTemplate } from '../../src/core/template';

/** The panel's strings (only the `reason.*` keys are read); empty: English. */
export const ReasonStrings = createContext<Readonly<Record<string, string>>>({});

export function reasonText(error: SpecError, strings: Readonly<Record<string, string>>): string {
  const t = error.template;
  return t ? fillTemplate(strings[`reason.${t.name}`] ?? REASONS[t.name], t.args) : error.reason;
}

/** `field: reason`, translated. */
export function errorText(error: SpecError, strings: Readonly<Record<string, string>>): string {
  const reason = reasonText(error, strings);
  return error.field ? `${error.field}: ${reason}` : reason;
}

/** Both, with the strings of the nearest ReasonStrings provider. */
export function useReasons(): { reason(error: SpecError): string; message(error: SpecError): string } {
  const strings = useContext(ReasonStrings);
  return { reason: (e) => reasonText(e, strings), message: (e) => errorText(e, strings) };
}
