/**
 * startMockClients options, checked before any port is taken: a bad value stops start-up with a
 * message naming the option.
 */
import { CLIENT_PROFILE_IDS, type ClientProfileId } from './profileTypes.ts';
import type { TlsMaterial } from './tls/certificate.ts';

export interface StartMockClientsOptions {
  /** Loopback interface to listen on: 127.x.y.z or localhost (default 127.0.0.1). Never a public interface. */
  readonly host?: string;
  /** Port per profile; 0 or absent picks a free port. */
  readonly ports?: Partial<Record<ClientProfileId, number>>;
  /** A certificate (and key) to serve instead of the generated one; it must cover chatgpt.com and claude.ai. */
  readonly tls?: TlsMaterial;
  /**
   * Leak tests only: called with every secret the recording replaced by a fingerprint (tokens,
   * codes, verifiers, client secrets), so a test can grep its artifacts for them.
   */
  readonly onSecret?: (secret: string) => void;
}

export interface CheckedOptions {
  readonly host: string;
  readonly ports: Readonly<Record<ClientProfileId, number>>;
  readonly tls: TlsMaterial | undefined;
  readonly onSecret: ((secret: string) => void) | undefined;
}

const LOOPBACK_V4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function checkOptions(options: StartMockClientsOptions): CheckedOptions {
  const requested = options.host ?? '127.0.0.1';
  const host = requested === 'localhost' ? '127.0.0.1' : requested;
  const octets = LOOPBACK_V4.exec(host);
  if (!octets || octets.slice(1).some((octet) => Number(octet) > 255)) {
    throw new Error(`mock-clients: host must be a loopback IPv4 address (127.x.y.z) or localhost, got ${JSON.stringify(options.host)}`);
  }
  const ports = {} as Record<ClientProfileId, number>;
  for (const id of CLIENT_PROFILE_IDS) {
    const port = options.ports?.[id] ?? 0;
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`mock-clients: ports.${id} must be an integer 0–65535, got ${String(port)}`);
    ports[id] = port;
  }
  const fixed = Object.values(ports).filter((port) => port !== 0);
  if (new Set(fixed).size !== fixed.length) throw new Error('mock-clients: ports must differ between profiles');
  for (const key of Object.keys(options.ports ?? {})) {
    if (!(CLIENT_PROFILE_IDS as readonly string[]).includes(key)) throw new Error(`mock-clients: unknown profile in ports: ${key} (expected ${CLIENT_PROFILE_IDS.join(', ')})`);
  }
  if (options.tls !== undefined) {
    const { cert, key } = options.tls;
    if (typeof cert !== 'string' || !cert.includes('-----BEGIN CERTIFICATE-----')) throw new Error('mock-clients: tls.cert must be a PEM certificate');
    if (typeof key !== 'string' || !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key)) throw new Error('mock-clients: tls.key must be a PEM private key');
  }
  if (options.onSecret !== undefined && typeof options.onSecret !== 'function') throw new Error('mock-clients: onSecret must be a function');
  return { host, ports, tls: options.tls, onSecret: options.onSecret };
}
