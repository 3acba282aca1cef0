// What the editor has typed into a form, as name → text, the same way for the autosave, the
// dirty check and restoring: the form's machinery (ids, versions, the zone, React's action
// fields) is not typed, and a checkbox reads "on" or "".
const MACHINERY = new Set(['id', 'version', 'intent', 'publishAtZone']);

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function controls(form: HTMLFormElement): Control[] {
  return [...form.elements].filter(
    (el): el is Control =>
      (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) &&
      el.name !== '' &&
      !MACHINERY.has(el.name) &&
      !el.name.startsWith('$ACTION') &&
      !(el instanceof HTMLInputElement && ['submit', 'button', 'reset', 'file', 'image'].includes(el.type)),
  );
}

/**
 * The values now, or as the page rendered them (`rendered`: the HTML's own defaults, so text
 * typed before the script started still counts as typed).
 */
export function typedValues(form: HTMLFormElement, rendered = false): Record<string, string> {
  const values: Record<string, string> = {};
  for (const el of controls(form)) {
    if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
      const on = rendered ? el.defaultChecked : el.checked;
      if (el.type === 'checkbox') values[el.name] = on ? el.value || 'on' : '';
      else if (on) values[el.name] = el.value;
      else values[el.name] ??= '';
    } else if (el instanceof HTMLSelectElement) {
      // React selects an option by property, not attribute: its value is the rendered choice
      // (and a select is not something typed into before the script starts).
      values[el.name] = el.value;
    } else values[el.name] = rendered ? el.defaultValue : el.value;
  }
  return values;
}

/** Names whose values differ between two snapshots (only names in `next`). */
export function changedNames(base: Record<string, string>, next: Record<string, string>): string[] {
  return Object.keys(next).filter((name) => (base[name] ?? '') !== next[name]);
}

/** The field's visible label, for telling the editor what changed. */
export function labelOf(form: HTMLFormElement, name: string): string {
  const el = form.elements.namedItem(name);
  const id = el instanceof Element ? el.id : '';
  const label = id ? form.querySelector(`label[for="${CSS.escape(id)}"]`) : null;
  return label?.textContent?.trim() || name;
}

/**
 * Set a value as if typed: through the prototype's setter (React tracks the last value it saw and
 * only hears an input event for a value it did not set itself), then the events typing fires, so
 * the autosave, the leave warning and React all see it.
 */
export function setValue(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) {
  const proto = Object.getPrototypeOf(el) as object;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Put saved values back into the form, as if typed. */
export function fillForm(form: HTMLFormElement, values: Record<string, string>): void {
  for (const el of controls(form)) {
    if (!Object.hasOwn(values, el.name)) continue;
    const value = values[el.name]!;
    if (el instanceof HTMLInputElement && el.type === 'checkbox') {
      if (el.checked !== (value !== '')) el.click();
    } else if (el instanceof HTMLInputElement && el.type === 'radio') {
      if (el.value === value && !el.checked) el.click();
    } else setValue(el, value);
  }
}

/** A value as the editor reads it: a select's option label rather than its stored value. */
export function shownValue(form: HTMLFormElement, name: string, value: string): string {
  const el = form.elements.namedItem(name);
  if (el instanceof HTMLSelectElement) return [...el.options].find((o) => o.value === value)?.textContent?.trim() ?? value;
  return value;
}
