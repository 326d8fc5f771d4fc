/**
 * oidc-provider's persistence adapter over the gateway store, so registered clients, grants and
 * refresh tokens survive a restart (AS-07; real-world failure #7: "invalid_client after a restart").
 *
 * Bearer values never rest in plaintext: for token models the row key is a SHA-256 of the token
 * value and the `jti` (equal to the value) is stripped from the stored payload and restored on read.
 * consume() is atomic: when two requests race to redeem one code or rotate one refresh token, the
 * loser gets invalid_grant instead of a second token family (AUTH-11).
 *
 * Registered clients are stored with an expiry (`unusedClientTtlSeconds`) that is removed when the
 * first grant for them is saved: anonymous registrations nobody ever authorized do not pile up
 * (issue 11), while a client a user approved stays. Client ID Metadata Document clients are never
 * stored here (oidc-provider caches them itself).
 */
import { createHash } from 'node:crypto';
import { errors, type Adapter, type AdapterPayload } from 'oidc-provider';
import type { OidcModelStore } from './store.ts';

/** Models whose id is itself a bearer secret. */
const BEARER_MODELS = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'ClientCredentials',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'RegistrationAccessToken',
  'InitialAccessToken',
  'PushedAuthorizationRequest',
  'PreAuthorizedCode',
]);

/** The row key of a bearer value (exported for the refresh-reuse grace, which looks tokens up). */
export const digest = (value: string) => `sha256:${createHash('sha256').update(value).digest('base64url')}`;

export interface AdapterOptions {
  /** Lifetime of a registered client until its first grant, seconds. */
  readonly unusedClientTtlSeconds: number;
}

export function createOidcAdapterClass(store: OidcModelStore, { unusedClientTtlSeconds }: AdapterOptions): new (model: string) => Adapter {
  return class GatewayOidcAdapter implements Adapter {
    readonly #model: string;
    readonly #hashed: boolean;

    constructor(model: string) {
      this.#model = model;
      this.#hashed = BEARER_MODELS.has(model);
    }

    #key(id: string): string {
      return this.#hashed ? digest(id) : id;
    }

    #restore(id: string, payload: Record<string, unknown> | undefined): AdapterPayload | undefined {
      if (!payload) return undefined;
      return (this.#hashed ? { ...payload, jti: id } : payload) as AdapterPayload;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const stored: Record<string, unknown> = { ...payload };
      if (this.#hashed) delete stored.jti;
      const ttl = expiresIn > 0 ? expiresIn : this.#model === 'Client' ? unusedClientTtlSeconds : undefined;
      await store.upsert(this.#model, this.#key(id), stored, ttl);
      if (this.#model === 'Grant' && typeof payload.clientId === 'string') await store.keep('Client', payload.clientId);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return this.#restore(id, await store.find(this.#model, this.#key(id)));
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      const payload = await store.findByUid(this.#model, uid);
      return payload as AdapterPayload | undefined;
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      const payload = await store.findByUserCode(this.#model, userCode);
      return payload as AdapterPayload | undefined;
    }

    async consume(id: string): Promise<void> {
      const won = await store.consume(this.#model, this.#key(id));
      if (!won) throw new errors.InvalidGrant(`${this.#model === 'RefreshToken' ? 'refresh token' : 'grant'} already used`);
    }

    async destroy(id: string): Promise<void> {
      await store.destroy(this.#model, this.#key(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await store.revokeByGrantId(this.#model, grantId);
    }
  };
}
