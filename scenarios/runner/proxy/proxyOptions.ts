/**
 * How a caller makes the harness proxy into the proxy it needs (observingProxy.ts says what each
 * is for): an observer in front of a gateway, a relay in front of a vendor, a bearer-adding front
 * for the conformance suite.
 */
import type { Defect } from '../../defects/defect.ts';
import type { ExchangeRequest } from './exchange.ts';

export interface ProxyOptions {
  readonly defect?: Defect;
  /** Swap the target's origin and the proxy's in what passes (default on). */
  readonly rewrite?: boolean;
  /** Observe authorization servers and endpoints that discovery names on other origins, each through a sibling proxy. */
  readonly follow?: boolean;
  /** Headers added to a forwarded request that lacks them; the record keeps what the client sent. */
  readonly addHeaders?: (request: ExchangeRequest) => Record<string, string>;
  /** Pass every event-stream answer through as it comes (POST answers too); their bodies are not recorded. */
  readonly streamAnswers?: boolean;
  /** Keep the exchanges (default on). */
  readonly record?: boolean;
}
