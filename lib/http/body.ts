/**
 * Reading a request body with a size limit: over it, the answer is 413 with a message, never
 * a body cut short and then refused as malformed. Content-Length is checked first (nothing is
 * read); a body without one (chunked) is counted as it arrives and dropped once over.
 *
 * next.config.ts sets experimental.proxyClientMaxBodySize above every limit here: Next.js
 * hands a handler only the first proxyClientMaxBodySize bytes of a body (proxy.ts runs for
 * every path), and a cut body must still be seen to be over the limit.
 */
export type BodyResult = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; response: Response };

const megabytes = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

export function bodyTooLargeResponse(maxBytes: number, advice: string): Response {
  return Response.json(
    { error: `The request body is larger than ${megabytes(maxBytes)}: ${advice}` },
    { status: 413 },
  );
}

export async function readBodyLimited(
  request: Request,
  maxBytes: number,
  advice: string,
): Promise<BodyResult> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return { ok: false, response: bodyTooLargeResponse(maxBytes, advice) };
  }
  if (!request.body) return { ok: true, bytes: new Uint8Array() };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, response: bodyTooLargeResponse(maxBytes, advice) };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}
