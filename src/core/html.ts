// A tagged template that escapes every interpolated value unless it is already
// markup made by this tag: the page cannot contain unescaped text by accident.

export class Html {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

type Value = Html | string | number | null | undefined | false | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  return new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]!) : ''), ''));
}

/** JSON inside a <script> element: `<` escaped so no value can close the element. */
export const jsonInScript = (value: unknown) => new Html(JSON.stringify(value).replace(/</g, '\\u003c'));

/** A stylesheet of ours for a <style> element, whose content is raw text: escaping would change it. */
export function styleText(css: string): Html {
  if (css.includes('</')) throw new Error('a stylesheet must not contain "</"');
  return new Html(css);
}
