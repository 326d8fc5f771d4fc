/**
 * Request parameters as a flat string map, the way OAuth endpoints read them: a form body
 * (application/x-www-form-urlencoded), a JSON object body (Atlassian's token endpoint) or the query.
 * A parameter sent twice, a non-string JSON value or an unreadable body is a `BadRequestBody` —
 * the endpoint answers it in its vendor's error shape instead of crashing.
 */
const MAX_BODY_BYTES = 256 * 1024;

export class BadRequestBody extends Error {
  override readonly name = 'BadRequestBody';
}

export type Params = ReadonlyMap<string, string>;

function fromSearchParams(search: URLSearchParams): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of search) {
    if (out.has(key)) throw new BadRequestBody(`parameter ${key} was sent more than once`);
    out.set(key, value);
  }
  return out;
}

export function queryParams(request: Request): Map<string, string> {
  return fromSearchParams(new URL(request.url).searchParams);
}

async function readText(request: Request): Promise<string> {
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new BadRequestBody('request body is too large');
  return text;
}

/** Body parameters by content type; an empty body gives an empty map. */
export async function bodyParams(request: Request): Promise<Map<string, string>> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const text = await readText(request);
  if (text === '') return new Map();
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new BadRequestBody('the JSON body could not be parsed');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BadRequestBody('the JSON body must be an object');
    const out = new Map<string, string>();
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value !== 'string') throw new BadRequestBody(`parameter ${key} must be a string`);
      out.set(key, value);
    }
    return out;
  }
  if (type === 'application/x-www-form-urlencoded' || type === '') return fromSearchParams(new URLSearchParams(text));
  throw new BadRequestBody(`unsupported content type ${type}`);
}

/** Body and query merged (GitHub accepts either); a name in both is ambiguous and refused. */
export async function allParams(request: Request): Promise<Map<string, string>> {
  const body = request.method === 'GET' || request.method === 'HEAD' ? new Map<string, string>() : await bodyParams(request);
  for (const [key, value] of queryParams(request)) {
    if (body.has(key)) throw new BadRequestBody(`parameter ${key} was sent in both the query and the body`);
    body.set(key, value);
  }
  return body;
}
