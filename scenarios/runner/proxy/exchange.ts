/**
 * One HTTP exchange between a client (its backend or the browser, or the gateway talking to a vendor)
 * and a target, as the harness proxy saw it. Bodies are kept in memory only for the checks; reports
 * show a redacted summary. Reading bodies (JSON, JSON-RPC, SSE) is wire/jsonRpcMessages.ts's job.
 */
export interface ExchangeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface ExchangeResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly cookies?: readonly string[];
  readonly body: string;
  readonly binary?: boolean;
}

export interface Exchange {
  readonly seq: number;
  /** The real origin the request was forwarded to (the gateway's, or an authorization server's elsewhere). */
  readonly origin?: string;
  /** Set when the target gave no answer at all (connection refused or reset, timeout): the proxy answered 502 itself. */
  readonly failure?: string;
  readonly at: number;
  readonly durationMs: number;
  readonly request: ExchangeRequest;
  readonly response: Pick<ExchangeResponse, 'status' | 'headers' | 'body'>;
  /** A long-lived SSE stream (body not captured). */
  readonly stream: boolean;
  /** The defect active when it happened. */
  readonly defect: string | undefined;
  /** The defect answered in the target's place: the target never saw this request. */
  readonly answeredByDefect?: boolean;
  readonly fingerprint: (value: string) => string;
}

export function formOf(exchange: Exchange): URLSearchParams {
  return exchange.request.headers['content-type']?.includes('application/x-www-form-urlencoded') ? new URLSearchParams(exchange.request.body) : new URLSearchParams();
}

export const isTokenRequest = (request: ExchangeRequest) => request.method === 'POST' && /\/token$/.test(request.path);

/** An answer the proxy gives itself (a defect, a deployment condition): JSON, never cached. */
export const jsonAnswer = (status: number, body: unknown, headers: Record<string, string> = {}): ExchangeResponse => ({
  status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});
