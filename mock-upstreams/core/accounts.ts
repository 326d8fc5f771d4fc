/**
 * A vendor's seeded accounts (fixtures/vendors) and the password check of its sign-in page.
 * E-mail is matched case-insensitively; passwords in constant time.
 */
import type { VendorAccountFixture } from '../../fixtures/vendors/types.ts';
import { sameSecret } from './constantTime.ts';

export class AccountDirectory {
  readonly #accounts: readonly VendorAccountFixture[];

  constructor(accounts: readonly VendorAccountFixture[]) {
    this.#accounts = accounts;
  }

  byId(id: string): VendorAccountFixture | undefined {
    return this.#accounts.find((a) => a.id === id);
  }

  signIn(email: string, password: string): VendorAccountFixture | undefined {
    const account = this.#accounts.find((a) => a.email.toLowerCase() === email.trim().toLowerCase());
    return account && sameSecret(account.password, password) ? account : undefined;
  }
}
