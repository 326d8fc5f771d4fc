/**
 * Live progress of a running tool, from the `notifications/progress` the server sends for the
 * call's progressToken: a progress bar (determinate when the server gives a total) and a status
 * line such as "2 of 5 — Set up job", announced politely to screen readers.
 */
import type { Progress } from '@modelcontextprotocol/sdk/types.js';

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export class ToolProgress {
  readonly #box = element<HTMLDivElement>('tool-progress');
  readonly #bar = element<HTMLProgressElement>('tool-progress-bar');
  readonly #status = element<HTMLParagraphElement>('tool-progress-status');

  reset(): void {
    this.#box.hidden = true;
    this.#bar.removeAttribute('value');
    this.#status.textContent = '';
  }

  show({ progress, total, message }: Progress): void {
    this.#box.hidden = false;
    if (total && total > 0) {
      this.#bar.max = total;
      this.#bar.value = Math.min(progress, total);
    } else {
      this.#bar.removeAttribute('value');
    }
    const count = total ? `${progress} of ${total}` : `${progress}`;
    this.#status.textContent = message ? `${count} — ${message}` : count;
  }
}
