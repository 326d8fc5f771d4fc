/**
 * Reads a response body as text for the recording, never more than `maxChars` and never longer
 * than `timeoutMs`: a server that keeps a stream open must not keep the recording waiting.
 */
export async function readCappedText(response: Response, maxChars: number, timeoutMs = 10_000): Promise<string | undefined> {
  if (!response.body) return undefined;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const timer = setTimeout(() => void reader.cancel().catch(() => undefined), timeoutMs);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (text.length > maxChars) {
        await reader.cancel().catch(() => undefined);
        return text.slice(0, maxChars);
      }
    }
    return text + decoder.decode();
  } catch {
    return text || undefined;
  } finally {
    clearTimeout(timer);
  }
}
