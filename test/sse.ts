/**
 * Reads a Server-Sent Events body's text until `done(text)` holds, or the stream ends, or `ms`
 * pass; then cancels it. For the live-events tests, in process (a route's stream) and over HTTP
 * (`res.body`).
 */
export async function readSse(stream: ReadableStream<Uint8Array>, done: (text: string) => boolean, ms = 5000): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = setTimeout(() => void reader.cancel(), ms);
  try {
    while (!done(text)) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    clearTimeout(deadline);
    await reader.cancel().catch(() => {});
  }
  return text;
}
