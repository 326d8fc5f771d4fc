/**
 * The MCP specification revisions Gangway knows, oldest first, and what sets them apart on the
 * wire. One list for the doctor, the checks, the mock clients and the mocks: a revision is added
 * here once. 2026-07-28 is stateless (no initialize, no Mcp-Session-Id; `server/discover` and a
 * per-request `_meta` instead); the SDK's v1 line stops at 2025-11-25.
 */
export const SPEC_REVISIONS = ['2025-06-18', '2025-11-25', '2026-07-28'] as const;
export type SpecRevision = (typeof SPEC_REVISIONS)[number];

/** The newest revision with an `initialize` handshake: what a stateful client asks for. */
export const LATEST_STATEFUL_REVISION: SpecRevision = '2025-11-25';
export const STATELESS_REVISION: SpecRevision = '2026-07-28';

export const isSpecRevision = (value: unknown): value is SpecRevision => typeof value === 'string' && (SPEC_REVISIONS as readonly string[]).includes(value);

/** `_meta` keys a 2026-07-28 request carries on every call (basic/index of that revision). */
export const META_PROTOCOL_VERSION = 'io.modelcontextprotocol/protocolVersion';
export const META_CLIENT_CAPABILITIES = 'io.modelcontextprotocol/clientCapabilities';
export const META_CLIENT_INFO = 'io.modelcontextprotocol/clientInfo';
