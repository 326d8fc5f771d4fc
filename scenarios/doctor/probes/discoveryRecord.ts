/**
 * What discovery found (discovery.ts walks it): the challenge, Protected Resource Metadata at each
 * location, the authorization server's metadata, the scope, and everything fetched. Its own module
 * because the probe session holds it and discovery.ts uses the probe session: neither imports the
 * other's file for it, so there is no import cycle.
 */
export interface Fetched {
  /** The URL as the doctor fetched it (through a proxy); reports show the real one. */
  readonly url: string;
  readonly role: string;
  /** 0 when no answer came. */
  readonly status: number;
  /** The answer as a JSON object, when it was a 200 with one. */
  readonly document: Record<string, unknown> | undefined;
}

export type PrmLocation = 'challenge' | 'path' | 'root';
export type AsLocationKind = 'rfc8414' | 'oidc';

export interface Challenge {
  readonly status: number;
  readonly header: string;
  readonly resourceMetadata: string | undefined;
  readonly scope: string | undefined;
}

export interface Discovery {
  challenge: Challenge | undefined;
  readonly prmAt: Partial<Record<PrmLocation, Fetched>>;
  /** The document a client goes on with: the first location that answered, in the client's order. */
  prm: (Fetched & { readonly via: PrmLocation }) | undefined;
  /** The authorization server a client picks: the first PRM names. */
  issuer: string | undefined;
  readonly asLocations: (Fetched & { readonly kind: AsLocationKind })[];
  as: (Fetched & { readonly kind: AsLocationKind }) | undefined;
  /** The scope a client asks for: the challenge's, else Protected Resource Metadata's scopes_supported. */
  scope: string | undefined;
  readonly trail: Fetched[];
}

export const emptyDiscovery = (): Discovery => ({ challenge: undefined, prmAt: {}, prm: undefined, issuer: undefined, asLocations: [], as: undefined, scope: undefined, trail: [] });

/** The metadata a client goes on with, as typed fields. */
export interface AsMetadata {
  readonly issuer?: string;
  readonly authorization_endpoint?: string;
  readonly token_endpoint?: string;
  readonly registration_endpoint?: string;
  readonly code_challenge_methods_supported?: string[];
  readonly client_id_metadata_document_supported?: boolean;
  readonly scopes_supported?: string[];
  readonly grant_types_supported?: string[];
  readonly token_endpoint_auth_methods_supported?: string[];
  readonly authorization_response_iss_parameter_supported?: boolean;
}
