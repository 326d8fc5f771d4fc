/**
 * The vendor's seeded API keys (fixtures/vendors) with their scopes and revocation state. A key
 * seeded as `revoked` starts revoked; the revoke knob can revoke more; reset restores the seed.
 */
import type { ApiKeyFixture } from '../../fixtures/vendors/types.ts';
import { sameSecret } from './constantTime.ts';

export interface ApiKeyRecord {
  readonly key: ApiKeyFixture;
  readonly revoked: boolean;
}

export class ApiKeyRegistry {
  readonly #keys: readonly ApiKeyFixture[];
  #revoked = new Set<string>();

  constructor(keys: readonly ApiKeyFixture[]) {
    this.#keys = keys;
    this.reset();
  }

  #record(key: ApiKeyFixture | undefined): ApiKeyRecord | undefined {
    return key && { key, revoked: this.#revoked.has(key.secret) };
  }

  /** A Bearer-presented key (GitHub PATs, Slack tokens). */
  findBearer(token: string): ApiKeyRecord | undefined {
    return this.#record(this.#keys.find((k) => k.username === undefined && sameSecret(k.secret, token)));
  }

  /** A Basic-presented key (Atlassian: account e-mail + API token). */
  findBasic(username: string, token: string): ApiKeyRecord | undefined {
    return this.#record(this.#keys.find((k) => k.username !== undefined && k.username.toLowerCase() === username.toLowerCase() && sameSecret(k.secret, token)));
  }

  /** Knob: revoke every key of an account (or all keys); returns how many changed. */
  revoke(accountId?: string): number {
    let count = 0;
    for (const key of this.#keys) {
      if (accountId !== undefined && key.accountId !== accountId) continue;
      if (!this.#revoked.has(key.secret)) count++;
      this.#revoked.add(key.secret);
    }
    return count;
  }

  reset(): void {
    this.#revoked = new Set(this.#keys.filter((k) => k.purpose === 'revoked').map((k) => k.secret));
  }
}
