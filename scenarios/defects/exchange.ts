/**
 * One HTTP exchange between a client (its backend or the browser) and the gateway, as the proxy saw
 * it. Bodies are kept in memory only for the checks; reports show a redacted summary.
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
  readonly at: number;
  readonly durationMs: number;
  readonly request: ExchangeRequest;
  readonly response: Pick<ExchangeResponse, 'status' | 'headers' | 'body'>;
  /** A long-lived SSE stream (body not captured). */
  readonly stream: boolean;
  /** The defect active when it happened. */
  readonly defect: string | undefined;
  readonly fingerprint: (value: string) => string;
}

/** The JSON body of a request or answer, or undefined. */
export function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** JSON-RPC messages of an MCP answer: a JSON body or the data lines of an SSE body. */
export function rpcMessages(text: string): Record<string, unknown>[] {
  const direct = jsonOf(text);
  if (direct && typeof direct === 'object') return (Array.isArray(direct) ? direct : [direct]) as Record<string, unknown>[];
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line.length > 7)
    .map((line) => jsonOf(line.slice(6)))
    .filter((value): value is Record<string, unknown> => typeof value === 'object' && value !== null);
}

export function formOf(exchange: Exchange): URLSearchParams {
  return exchange.request.headers['content-type']?.includes('application/x-www-form-urlencoded') ? new URLSearchParams(exchange.request.body) : new URLSearchParams();
}
