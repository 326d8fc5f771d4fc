/** The "add a server" fields every client asks for, checked the same way: a name and an http(s) URL. */
import { invalidInput } from '../flowFailure.ts';

const MAX_NAME = 100;
const MAX_URL = 2048;

export function checkServerName(value: string | null): string {
  const name = (value ?? '').trim();
  if (name === '' || name.length > MAX_NAME) throw invalidInput('name-required', `a name of 1–${MAX_NAME} characters is required`);
  return name;
}

export function checkServerUrl(value: string | null): string {
  const text = (value ?? '').trim();
  const url = text.length <= MAX_URL ? URL.parse(text) : null;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.hash) {
    throw invalidInput('url-invalid', 'the MCP server URL must be an http(s) URL without credentials or fragment');
  }
  // A bare origin is kept without the "/" URL parsing adds, as people type it (and as PRM `resource` usually is).
  return url.pathname === '/' && !url.search ? url.origin : url.href;
}
