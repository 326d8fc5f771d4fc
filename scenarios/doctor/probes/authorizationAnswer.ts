/**
 * Reads an authorization endpoint's answer the way a browser ends up following it. Servers answer
 * the same request in different shapes: a 30x with Location; a 200 JSON `{"redirect": true, "url":
 * "…"}` to a request that does not look like a browser (better-auth and others); an HTML page
 * that auto-submits a form (response_mode=form_post) or refreshes to a URL; an error page. Where
 * the browser would go next, and any `error`, `error_description` and `iss` (RFC 9207) on the way
 * back to the client, are what the checks judge — whatever the status code.
 */

export interface AuthorizationAnswer {
  /** Where the browser goes next, when the answer sends it somewhere. */
  readonly next: URL | undefined;
  readonly via: '30x' | 'json' | 'form' | 'meta-refresh' | 'script' | 'page' | 'none';
  /** Parameters sent back to the client (query, or the auto-submitted form's fields). */
  readonly params: URLSearchParams;
  /** A refusal shown on the server's own page (4xx/5xx), in a line. */
  readonly errorPage: string | undefined;
}

const decodeEntities = (text: string) =>
  text.replace(/&(amp|quot|#39|#x27|lt|gt);/g, (_, name: string) => ({ amp: '&', quot: '"', '#39': "'", '#x27': "'", lt: '<', gt: '>' })[name] ?? '');

function jsonRedirect(text: string): string | undefined {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    for (const key of ['url', 'redirect_uri', 'redirect_to', 'redirectTo', 'location']) {
      if (typeof value[key] === 'string') return value[key];
    }
    return typeof value.redirect === 'string' ? value.redirect : undefined;
  } catch {
    return undefined;
  }
}

function formPost(html: string): { action: string; fields: URLSearchParams } | undefined {
  const form = /<form\b[^>]*\baction\s*=\s*["']([^"']+)["'][^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const fields = new URLSearchParams();
  for (const input of form[2]!.matchAll(/<input\b[^>]*>/gi)) {
    const name = /\bname\s*=\s*["']([^"']*)["']/i.exec(input[0])?.[1];
    const value = /\bvalue\s*=\s*["']([^"']*)["']/i.exec(input[0])?.[1] ?? '';
    if (name) fields.append(decodeEntities(name), decodeEntities(value));
  }
  return { action: decodeEntities(form[1]!), fields };
}

const textOf = (html: string) => html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();

export function readAuthorizationAnswer(status: number, headers: Headers, body: string, requestUrl: string): AuthorizationAnswer {
  const resolve = (target: string) => URL.parse(target, requestUrl) ?? undefined;
  const withParams = (next: URL | undefined, via: AuthorizationAnswer['via'], extra?: URLSearchParams): AuthorizationAnswer => {
    const params = new URLSearchParams(next?.search ?? '');
    // Implicit-style answers put them in the fragment.
    for (const [k, v] of new URLSearchParams(next?.hash.slice(1) ?? '')) params.append(k, v);
    for (const [k, v] of extra ?? []) params.append(k, v);
    return { next, via, params, errorPage: undefined };
  };
  const location = headers.get('location');
  if (status >= 300 && status < 400 && location) return withParams(resolve(location), '30x');
  const contentType = headers.get('content-type') ?? '';
  if (status < 400 && contentType.includes('json')) {
    const target = jsonRedirect(body);
    if (target) return withParams(resolve(target), 'json');
  }
  if (status < 400 && contentType.includes('html')) {
    const form = /onload\s*=|\.submit\(\)|form_post/i.test(body) ? formPost(body) : undefined;
    if (form) return withParams(resolve(form.action), 'form', form.fields);
    const refresh = /<meta\b[^>]*http-equiv\s*=\s*["']?refresh["']?[^>]*content\s*=\s*["'][^"']*url\s*=\s*([^"'>]+)["']/i.exec(body)?.[1];
    if (refresh) return withParams(resolve(decodeEntities(refresh.trim())), 'meta-refresh');
    const script = /(?:window\.)?location(?:\.href)?\s*=\s*["']([^"']+)["']|location\.(?:replace|assign)\(\s*["']([^"']+)["']\s*\)/.exec(body);
    if (script) return withParams(resolve(decodeEntities(script[1] ?? script[2]!)), 'script');
  }
  if (status >= 400) return { next: undefined, via: 'page', params: new URLSearchParams(), errorPage: `${status} ${textOf(body).slice(0, 160)}`.trim() };
  return { next: undefined, via: status === 200 ? 'page' : 'none', params: new URLSearchParams(), errorPage: undefined };
}

/** Whether an answer sends the browser back to the client's redirect URI (a code or an error). */
export const backToClient = (answer: AuthorizationAnswer, redirectUri: string): boolean => {
  if (!answer.next) return false;
  const target = new URL(redirectUri);
  return answer.next.origin === target.origin && answer.next.pathname === target.pathname;
};

/**
 * Why an authorization request was refused, or undefined when it went on (to sign-in, consent, or
 * back to the client with a code): an error page, or an `error` sent back to the client.
 */
export function refusal(answer: AuthorizationAnswer): string | undefined {
  if (answer.errorPage) return answer.errorPage;
  const error = answer.params.get('error');
  if (!error) return undefined;
  const description = answer.params.get('error_description');
  return `${error}${description ? `: ${description}` : ''}${answer.via !== '30x' ? ` (in a ${answer.via === 'json' ? 'JSON {redirect, url} answer' : answer.via} redirect)` : ''}`;
}
