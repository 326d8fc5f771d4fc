/**
 * The mock vendors' admin API over loopback HTTP, as a test or scenario in another process would
 * use it: every call carries the admin secret header and returns status and parsed body.
 */
import { ADMIN_SECRET_HEADER, type FaultPatch, type MockVendorHandle, type RecordedRequest } from '../../../mock-upstreams/index.ts';

export interface AdminAnswer<T = unknown> {
  readonly status: number;
  readonly body: T;
}

export function adminClient(vendor: MockVendorHandle, secret: string) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<AdminAnswer<T>> => {
    const response = await fetch(`${vendor.adminUrl}${path}`, {
      method,
      headers: { [ADMIN_SECRET_HEADER]: secret, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
  };
  return {
    call,
    faults: () => call<Record<string, unknown>>('GET', '/faults'),
    setFaults: (patch: FaultPatch | Record<string, unknown>) => call<Record<string, unknown>>('POST', '/faults', patch),
    expireTokens: (action: Record<string, unknown> = {}) => call<{ expired: number }>('POST', '/tokens/expire', action),
    revokeTokens: (action: Record<string, unknown> = {}) => call<{ grants: number; apiKeys: number }>('POST', '/tokens/revoke', action),
    recording: (filter: Record<string, string> = {}) => call<{ requests: RecordedRequest[] }>('GET', `/recording?${new URLSearchParams(filter)}`),
    carrying: (secret: string) => call<{ requests: number[] }>('POST', '/recording/carrying', { secret }),
    clearRecording: () => call('DELETE', '/recording'),
    reset: () => call('POST', '/reset'),
  };
}
