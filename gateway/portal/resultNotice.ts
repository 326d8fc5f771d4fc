/**
 * The message the Connections page shows after a change. Only an outcome and ids travel in the URL
 * (`?result=…&connector=…` or `&client=…`); the words are the page's own, so no text is reflected.
 */
import type { ConnectionsView } from './connectionsPage.ts';

type Notice = NonNullable<ConnectionsView['notice']>;

export function resultNotice(result: string, connectorName: string | undefined, clientName: string | undefined): Notice | undefined {
  if (connectorName) {
    if (result === 'connected') return { kind: 'success', text: `${connectorName} is connected.` };
    if (result === 'failed') return { kind: 'error', text: `Connecting ${connectorName} did not complete. Try again.` };
    if (result === 'disconnected') return { kind: 'success', text: `${connectorName} is disconnected. Connect it again here whenever you need its tools.` };
  }
  if (clientName) {
    if (result === 'revoked') return { kind: 'success', text: `Access revoked: ${clientName} can no longer use your tools.` };
    if (result === 'tools-saved') return { kind: 'success', text: `Saved the tools ${clientName} may use.` };
  }
  return undefined;
}
