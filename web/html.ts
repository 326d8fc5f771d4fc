/**
 * HTML built only through the `html` tagged template: every interpolated value is escaped unless it
 * is itself SafeHtml produced by `html`. Every page Gangway serves — the gateway's, the mock
 * vendors', the mock clients' — shows strings that came from requests or from upstreams (client
 * names, redirect hosts, tool descriptions), so escaping is the default, not a habit (SEC-05).
 */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (ch) => ESCAPES[ch] ?? ch);
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** A boolean HTML attribute (` checked`, ` disabled`, ` hidden`) when `on`, else nothing. */
export function flag(name: 'checked' | 'disabled' | 'hidden', on: boolean): SafeHtml {
  return new SafeHtml(on ? ` ${name}` : '');
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}
