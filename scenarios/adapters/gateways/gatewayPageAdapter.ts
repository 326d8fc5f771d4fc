/**
 * How the harness does the seed's gateway steps on a gateway's own pages. The UI differs per
 * gateway; the steps do not: sign in, tick a tool, save a key, connect via OAuth, authorize. The
 * generic adapter (genericGatewayAdapter.ts) finds the controls of ordinary pages by label and role;
 * a gateway with unusual pages gets its own small module implementing this and is run with
 * `gangway run --target URL --adapter ./its-adapter.ts`. A tool is named as the credentials name it
 * (the reference seed: `github`, `atlassian`, `slack`), matched against the page's labels.
 */
import type { Page } from '@playwright/test';

export interface Person {
  /** The sign-in name: an email or a username. */
  readonly email: string;
  readonly password: string;
}

export interface GatewayPageAdapter {
  readonly name: string;
  /** Whether the page asks someone to sign in (without it: a visible "Sign in" button). */
  showsSignIn?(page: Page): Promise<boolean>;
  /** On the gateway's sign-in page (when it shows one). */
  signIn(page: Page, person: Person): Promise<void>;
  /** The consent page is showing (after sign-in). */
  waitForConsent(page: Page, clientName: string): Promise<void>;
  selectTool(page: Page, connectorId: string): Promise<void>;
  enterApiKey(page: Page, connectorId: string, key: string, username?: string): Promise<void>;
  /** Clicks "Connect via OAuth"; the browser leaves for the vendor. */
  connectOAuth(page: Page, connectorId: string): Promise<void>;
  expectConnected(page: Page, connectorId: string): Promise<void>;
  authorize(page: Page): Promise<void>;
  /** Whether "Authorize tools" can be clicked now, and which ticked tools are not connected. */
  authorizeState?(page: Page): Promise<{ enabled: boolean; notConnected: string[] }>;
  /** The error the gateway shows on a tool's row (a refused key, a declined OAuth), if any. */
  rowError?(page: Page, connectorId: string): Promise<string | undefined>;
}
