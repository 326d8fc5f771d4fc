/**
 * The harness's one proxy. It sits in front of a target's origin (a gateway, an MCP server, a
 * vendor's MCP server behind the gateway) and records every exchange; the protocol checks are
 * computed from that record. Options make it each proxy the harness needs:
 * - `rewrite` (default on): requests are forwarded with the proxy's origin swapped for the target's
 *   (query strings, form and JSON bodies), answers the other way (headers, JSON, HTML) — so a client
 *   given the proxy as its MCP server is observed whole. Off when the target was started with the
 *   proxy as its public URL (it already speaks in the proxy's origin) or for a relay.
 * - `follow`: an authorization server (or an endpoint) that discovery names on another origin gets a
 *   sibling proxy, started before the answer naming it is passed on; the one record holds both
 *   origins (AS on another host is the normal case for Keycloak, Auth0, Okta, Entra).
 * - `defect` / setDefect: a known failure (defects/catalog.ts) or a played upstream failure alters
 *   or answers a request — the target itself never carries test-only code paths.
 * - `addHeaders`: headers a forwarded request gets when it lacks them (the conformance suite's bearer).
 * - `streamAnswers`: every event-stream answer passes as it comes, not only GET streams (relays).
 * - `record: false`: keep no exchanges (a long run whose checks need none).
 * The record (headers and bodies) lives in memory for the checks only; reports redact it, and a
 * secret is compared through `fingerprint` (wire/fingerprint.ts), never shown.
 */
import { createServer, type Server } from 'node:http';
import { createFingerprinter } from '../../../wire/fingerprint.ts';
import { listen } from '../../../web/listen.ts';
import type { Defect } from '../../defects/defect.ts';
import type { Exchange } from './exchange.ts';
import { closeServer, proxyHost } from './forwarding.ts';
import { reversed, swapOrigins } from './originSwap.ts';
import { proxyHandler, type Observation } from './proxyHandler.ts';
import type { ProxyOptions } from './proxyOptions.ts';

export interface ObservingProxy {
  readonly url: string;
  /** Every real origin observed and the proxy origin standing in for it (the target's first). */
  origins(): ReadonlyMap<string, string>;
  /** The proxied form of a real URL (unchanged when its origin is not observed). */
  proxied(url: string): string;
  /** `text` with every proxy origin put back to the real one, for what a person reads. */
  real(text: string): string;
  /** Points the proxy at the target (when the target could only start after the proxy). */
  setTarget(target: string): void;
  readonly exchanges: readonly Exchange[];
  /** Secret-free fingerprint of a value, comparable with the recorded ones. */
  fingerprint(value: string): string;
  setDefect(defect: Defect | undefined): void;
  clear(): void;
  close(): Promise<void>;
}

export async function startObservingProxy(target: string | undefined, options: ProxyOptions = {}): Promise<ObservingProxy> {
  const observation: Observation = { pairs: new Map(), exchanges: [], servers: [], inFlight: new Set(), fingerprint: createFingerprinter(), active: options.defect, seq: 0 };
  const entry = await startProxyServer(observation, target, options);
  return {
    url: entry.origin,
    exchanges: observation.exchanges,
    fingerprint: observation.fingerprint,
    origins: () => observation.pairs,
    proxied: (url) => swapOrigins(url, observation.pairs),
    real: (text) => swapOrigins(text, reversed(observation.pairs)),
    setTarget: entry.setTarget,
    setDefect: (next) => {
      observation.active = next;
    },
    clear: () => {
      observation.exchanges.length = 0;
    },
    close: async () => {
      // Requests still waiting on a target (a stream nobody reads any more) end with the proxy.
      for (const aborter of observation.inFlight) aborter.abort();
      await Promise.all(observation.servers.map(closeServer));
    },
  };
}

/** One proxy server in front of one real origin, recording into the shared observation. */
async function startProxyServer(observation: Observation, target: string | undefined, options: ProxyOptions): Promise<{ origin: string; setTarget(next: string): void }> {
  const route = { target: target ? new URL(target).origin : '', proxy: '' };
  const following = new Map<string, Promise<unknown>>();
  // Other origins that discovery names get their own proxy before the answer naming them is passed on.
  const follow = async (origins: readonly string[]) => {
    for (const origin of new Set(origins)) {
      if (observation.pairs.has(origin) || [...observation.pairs.values()].includes(origin)) continue;
      if (!following.has(origin)) following.set(origin, startProxyServer(observation, origin, options));
      await following.get(origin);
    }
  };
  const handle = proxyHandler(observation, route, options, follow);
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'proxy_error', error_description: (error as Error).message }));
    });
  });
  const host = proxyHost(target);
  const { port } = await listen(server, 0, host.listen);
  observation.servers.push(server);
  route.proxy = `http://${host.name}:${port}`;
  if (route.target) observation.pairs.set(route.target, route.proxy);
  return {
    origin: route.proxy,
    setTarget: (next) => {
      if (route.target) observation.pairs.delete(route.target);
      route.target = new URL(next).origin;
      observation.pairs.set(route.target, route.proxy);
    },
  };
}
