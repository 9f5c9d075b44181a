/**
 * Fills `{name}` placeholders, the form every translatable template of the project uses (analyser
 * messages, validation reasons, hover texts): the English template or its translation, the same
 * arguments. A placeholder without an argument stays visible rather than printing "undefined".
 */
export function fillTemplate(template: string, args: Readonly<Record<string, string | number | undefined>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = Object.prototype.hasOwnProperty.call(args, name) ? args[name] : undefined;
    return value === undefined ? whole : String(value);
  });
}
