/**
 * The login and consent pages a browser clicks through, shared by the three vendors and branded
 * per vendor. Labels and buttons are real accessible names (`Email`, `Password`, `Sign in`, `Allow`,
 * `Deny`), so Playwright's getByLabel/getByRole find them as a user would.
 */
import { html } from '../../../web/html.ts';
import { vendorPage, type Brand } from '../http/vendorPage.ts';
import type { PendingAuthorization } from './authorizationRequests.ts';

export function loginPage(brand: Brand, pending: PendingAuthorization, error?: string): string {
  return vendorPage(
    brand,
    'Sign in',
    html`<h1>Sign in to ${brand.name}</h1>
<p class="muted">to continue to <strong>${pending.client.name}</strong></p>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="/login">
  <input type="hidden" name="transaction" value="${pending.id}">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="username" required>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <div class="actions"><button class="primary" type="submit">Sign in</button></div>
</form>`,
  );
}

export interface ConsentView {
  readonly accountName: string;
  readonly accountEmail: string;
  readonly csrf: string;
}

export function consentPage(brand: Brand, pending: PendingAuthorization, view: ConsentView): string {
  const redirectHost = new URL(pending.redirectUri).host;
  return vendorPage(
    brand,
    'Authorize application',
    html`<h1>${pending.client.name} wants to access your ${brand.name} account</h1>
<p>Signed in as <strong>${view.accountName}</strong> (${view.accountEmail})</p>
${pending.client.origin === 'metadata-document' ? html`<p class="muted">Application identified by its metadata document at <strong>${new URL(pending.client.clientId).host}</strong></p>` : ''}
${pending.scopeGroups.map(
  (group) => html`<section aria-label="${group.label}">
  <h2>${group.label}</h2>
  ${group.scopes.length > 0 ? html`<ul>${group.scopes.map((scope) => html`<li><code>${scope}</code></li>`)}</ul>` : html`<p class="muted">None</p>`}
</section>`,
)}
<p class="muted">After you decide you will be sent to <strong>${redirectHost}</strong>.</p>
<form method="post" action="/consent">
  <input type="hidden" name="transaction" value="${pending.id}">
  <input type="hidden" name="csrf" value="${view.csrf}">
  <div class="actions">
    <button class="primary" type="submit" name="decision" value="allow">Allow</button>
    <button type="submit" name="decision" value="deny">Deny</button>
  </div>
</form>`,
  );
}

export function problemPage(brand: Brand, title: string, message: string): string {
  return vendorPage(brand, title, html`<h1>${title}</h1><p role="alert">${message}</p>`);
}
