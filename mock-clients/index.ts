/**
 * Entry point of the mock AI clients — ChatGPT, Claude and MCP Inspector look-alikes (issue 5).
 *
 * Each is a real web app on loopback (https for chatgpt.com and claude.ai, http for the
 * Inspector's localhost:6274). A browser reaches them under their real origins through Chromium's
 * `--host-resolver-rules` (hostResolverRules); the gateway reaches ChatGPT's Client ID Metadata
 * Documents through GANGWAY_OUTBOUND_CONNECT_TO (connectTo) trusting GANGWAY_OUTBOUND_CA_FILE
 * (caFile). Every exchange a client has with the gateway lands in `traffic`, secrets fingerprinted.
 * The mock clients never import the gateway or the mock upstreams: they talk to them over HTTP.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChatgptApp, chatgptErrorTexts, chatgptInfo } from './chatgpt/index.ts';
import { createClaudeApp, claudeErrorTexts, claudeInfo } from './claude/index.ts';
import type { ErrorTextTable } from './core/flowFailure.ts';
import { listen, type Listening } from './core/http/listen.ts';
import { checkOptions, type StartMockClientsOptions } from './core/options.ts';
import type { ClientProfileId, ClientProfileInfo } from './core/profileTypes.ts';
import { mockCertificate } from './core/tls/certificate.ts';
import { createFingerprinter } from '../wire/fingerprint.ts';
import { TrafficLog, type TrafficRecording } from './core/traffic/trafficLog.ts';
import { createInspectorApp, inspectorErrorTexts, inspectorInfo } from './inspector/index.ts';
import { INSPECTOR_ORIGIN } from './inspector/profile.ts';

export type { StartMockClientsOptions } from './core/options.ts';
export type { ClientProfileId, ClientProfileInfo, RegistrationStyle } from './core/profileTypes.ts';
export { CLIENT_PROFILE_IDS } from './core/profileTypes.ts';
export type { TrafficExchange, TrafficFilter, TrafficPhase, ExchangeKind, McpFacts, McpResultSummary } from './core/traffic/exchange.ts';
export type { TrafficRecording } from './core/traffic/trafficLog.ts';
export { FINGERPRINT_PREFIX } from '../wire/fingerprint.ts';
export type { ErrorText, ErrorTextTable, FailureReason, InputProblem } from './core/flowFailure.ts';
export { FAILURE_REASONS, INPUT_PROBLEMS } from './core/flowFailure.ts';
export { chatgptErrorTexts } from './chatgpt/errorTexts.ts';
export { claudeErrorTexts } from './claude/errorTexts.ts';
export { inspectorErrorTexts } from './inspector/errorTexts.ts';
export type { TlsMaterial } from './core/tls/certificate.ts';

export interface MockClients {
  readonly profiles: Readonly<Record<ClientProfileId, ClientProfileInfo>>;
  /** Chromium's --host-resolver-rules value: each real host (chatgpt.com, claude.ai, localhost:6274) → its loopback listener. */
  readonly hostResolverRules: string;
  /** The Chromium argument carrying hostResolverRules, ready to append to the launch args. */
  readonly chromiumArgs: readonly string[];
  /** GANGWAY_OUTBOUND_CONNECT_TO entries (`host:443=127.0.0.1:port`) for the https look-alikes. */
  readonly connectTo: readonly string[];
  /** The look-alikes' certificate (self-signed, a CA): the PEM, and a file holding it for GANGWAY_OUTBOUND_CA_FILE. */
  readonly caPem: string;
  readonly caFile: string;
  readonly traffic: TrafficRecording;
  /** Every user-visible error text, per profile and failure reason. */
  readonly errorTexts: Readonly<Record<ClientProfileId, ErrorTextTable>>;
  close(): Promise<void>;
}

export async function startMockClients(options: StartMockClientsOptions = {}): Promise<MockClients> {
  const checked = checkOptions(options);
  const log = new TrafficLog(createFingerprinter(checked.onSecret));
  const [tls, inspectorApp] = await Promise.all([checked.tls ? Promise.resolve(checked.tls) : mockCertificate(), createInspectorApp(log)]);
  const caDir = mkdtempSync(join(tmpdir(), 'gangway-mock-clients-'));
  const caFile = join(caDir, 'ca.pem');
  writeFileSync(caFile, tls.cert, { mode: 0o600 });
  const started: Listening[] = [];
  const closeAll = async () => {
    await Promise.all(started.map((server) => server.close()));
    rmSync(caDir, { recursive: true, force: true });
  };
  try {
    const chatgpt = await listen(createChatgptApp(log), checked.host, checked.ports.chatgpt, tls);
    started.push(chatgpt);
    const claude = await listen(createClaudeApp(log), checked.host, checked.ports.claude, tls);
    started.push(claude);
    const inspector = await listen(inspectorApp, checked.host, checked.ports.inspector, undefined);
    started.push(inspector);
    const profiles = { chatgpt: chatgptInfo(chatgpt.listenUrl), claude: claudeInfo(claude.listenUrl), inspector: inspectorInfo(inspector.listenUrl) };
    const hostResolverRules = [
      `MAP ${new URL(profiles.chatgpt.origin).hostname} ${checked.host}:${chatgpt.port}`,
      `MAP ${new URL(profiles.claude.origin).hostname} ${checked.host}:${claude.port}`,
      // Only the Inspector's port: other localhost ports (a gateway on localhost) stay untouched.
      `MAP ${new URL(INSPECTOR_ORIGIN).host} ${checked.host}:${inspector.port}`,
    ].join(', ');
    return {
      profiles,
      hostResolverRules,
      chromiumArgs: [`--host-resolver-rules=${hostResolverRules}`],
      connectTo: [`chatgpt.com:443=${checked.host}:${chatgpt.port}`, `claude.ai:443=${checked.host}:${claude.port}`],
      caPem: tls.cert,
      caFile,
      // A read-only face: callers list, clear and wait; only the look-alikes record.
      traffic: { list: (filter) => log.list(filter), clear: () => log.clear(), settled: () => log.settled(), fingerprint: (secret) => log.fingerprint(secret) },
      errorTexts: { chatgpt: chatgptErrorTexts, claude: claudeErrorTexts, inspector: inspectorErrorTexts },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
