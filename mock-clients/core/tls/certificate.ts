/**
 * The look-alikes' TLS certificate: self-signed, valid for chatgpt.com, claude.ai (and claude.com),
 * localhost and 127.0.0.1, and marked as a CA so the same PEM can be handed to the gateway as
 * GANGWAY_OUTBOUND_CA_FILE — then the gateway's fetch of ChatGPT's metadata document verifies like
 * a real site. Browsers are told to ignore it instead (Playwright ignoreHTTPSErrors).
 * One certificate (an EC P-256 key: quick to make) per process, reused by every startMockClients.
 */
import { generate } from 'selfsigned';

export interface TlsMaterial {
  readonly cert: string;
  readonly key: string;
}

export const CERTIFICATE_HOSTS = ['chatgpt.com', 'claude.ai', 'claude.com', 'localhost'] as const;

let shared: Promise<TlsMaterial> | undefined;

async function create(): Promise<TlsMaterial> {
  const pems = await generate([{ name: 'commonName', value: 'Gangway mock clients' }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 30 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', keyCertSign: true, digitalSignature: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, ...CERTIFICATE_HOSTS.map((value) => ({ type: 2 as const, value }))] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

export function mockCertificate(): Promise<TlsMaterial> {
  shared ??= create().catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}
