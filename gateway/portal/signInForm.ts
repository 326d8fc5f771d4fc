/** The one sign-in form, used by the User Portal and by the OAuth login step. */
import { html, type SafeHtml } from '../../web/html.ts';

export interface SignInFormOptions {
  readonly action: string;
  readonly csrf: string;
  readonly email?: string | undefined;
  readonly error?: string | undefined;
  /** Who is asking, e.g. "ChatGPT wants to connect to your tools". */
  readonly context?: SafeHtml | undefined;
}

export function signInForm({ action, csrf, email, error, context }: SignInFormOptions): SafeHtml {
  return html`<h1>Sign in to Gangway</h1>
${context ?? ''}
${error ? html`<p role="alert" class="error" id="sign-in-error">${error}</p>` : ''}
<form method="post" action="${action}" aria-label="Sign in">
  <input type="hidden" name="csrf" value="${csrf}">
  <label for="email">Work email</label>
  <input id="email" name="email" type="email" autocomplete="username" required value="${email ?? ''}" autofocus>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <div class="actions"><button class="primary" type="submit">Sign in</button></div>
</form>`;
}

export function signInErrorText(reason: 'invalid' | 'locked', retryAfterSeconds?: number): string {
  return reason === 'locked'
    ? `Too many failed attempts. Try again in ${retryAfterSeconds ?? 30} seconds.`
    : 'That email and password do not match a directory account.';
}
