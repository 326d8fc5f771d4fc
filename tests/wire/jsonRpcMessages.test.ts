/**
 * The one JSON-RPC reader and the one fingerprint every part of Gangway uses on the MCP wire: JSON
 * bodies and batches, SSE events (multi-line data, CRLF, priming events without data), a body
 * whose type is unknown, what a request names, and prints that compare without revealing.
 */
import { describe, expect, it } from 'vitest';
import { createFingerprinter } from '../../wire/fingerprint.ts';
import { jsonRpcMessages, rpcMessages, rpcRequestFacts } from '../../wire/jsonRpcMessages.ts';

describe('jsonRpcMessages', () => {
  it('reads a JSON object, a batch, and skips what is not an object', () => {
    expect(jsonRpcMessages('{"jsonrpc":"2.0","id":1,"result":{}}', 'application/json')).toEqual([{ jsonrpc: '2.0', id: 1, result: {} }]);
    expect(jsonRpcMessages('[{"id":1},{"id":2},3]', 'application/json')).toEqual([{ id: 1 }, { id: 2 }]);
    expect(jsonRpcMessages('not json', 'application/json')).toEqual([]);
  });

  it('reads SSE events: multi-line data joined, CRLF, events without data skipped', () => {
    const body = 'id: 0\r\ndata:\r\n\r\nevent: message\r\ndata: {"id":1,\r\ndata: "result":{}}\r\n\r\ndata: {"id":2}\n\n';
    expect(jsonRpcMessages(body, 'text/event-stream; charset=utf-8')).toEqual([{ id: 1, result: {} }, { id: 2 }]);
  });

  it('tells JSON from SSE by the body when no content type is at hand', () => {
    expect(rpcMessages(' {"id":1}')).toEqual([{ id: 1 }]);
    expect(rpcMessages('data: {"id":3}\n\n')).toEqual([{ id: 3 }]);
  });
});

describe('rpcRequestFacts', () => {
  it('names method, id and, for tools/call only, the tool', () => {
    expect(rpcRequestFacts({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'search' } })).toEqual({ method: 'tools/call', id: 7, tool: 'search' });
    expect(rpcRequestFacts([{ method: 'prompts/get', id: 'a', params: { name: 'x' } }])).toEqual({ method: 'prompts/get', id: 'a' });
    expect(rpcRequestFacts(undefined)).toEqual({});
  });
});

describe('createFingerprinter', () => {
  it('gives equal secrets equal prints within one fingerprinter, and a different key elsewhere', () => {
    const seen: string[] = [];
    const fp = createFingerprinter((secret) => seen.push(secret));
    expect(fp('token-1')).toMatch(/^fp:[\w-]{22}$/);
    expect(fp('token-1')).toBe(fp('token-1'));
    expect(fp('token-2')).not.toBe(fp('token-1'));
    expect(createFingerprinter()('token-1')).not.toBe(fp('token-1'));
    expect(seen).toContain('token-1');
  });
});
