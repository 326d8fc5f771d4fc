/**
 * A plain node:http GET for these tests: fetch (undici) hides hop-by-hop headers such as
 * `Connection`, which is exactly what a draining gateway's answers are checked for.
 */
import { Agent, request } from 'node:http';

export interface PlainResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** Asks as a keep-alive client would (`Connection: keep-alive`), so a `Connection: close` answer is the server's choice. */
export function httpGet(url: string, method = 'GET'): Promise<PlainResponse> {
  const agent = new Agent({ keepAlive: true });
  return new Promise<PlainResponse>((resolve, reject) => {
    const req = request(url, { method, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  }).finally(() => agent.destroy());
}
