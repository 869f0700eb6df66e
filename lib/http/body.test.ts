import { describe, expect, it } from "vitest";
import { readBodyLimited } from "./body";

const stream = (sizes: number[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const n of sizes) controller.enqueue(new Uint8Array(n).fill(65));
      controller.close();
    },
  });

describe("readBodyLimited", () => {
  it("reads a body within the limit whole", async () => {
    const r = await readBodyLimited(
      new Request("http://x/", { method: "POST", body: "hello" }),
      10,
      "split it",
    );
    expect(r.ok && new TextDecoder().decode(r.bytes)).toBe("hello");
  });

  it("answers 413 with a message from Content-Length alone", async () => {
    const r = await readBodyLimited(
      new Request("http://x/", { method: "POST", body: "x".repeat(11), headers: { "content-length": "11" } }),
      10,
      "split it",
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.response.status).toBe(413);
    expect((await r.response.json()).error).toMatch(/larger than .*split it/);
  });

  it("answers 413 for a chunked body that grows past the limit", async () => {
    const r = await readBodyLimited(
      new Request("http://x/", { method: "POST", body: stream([6, 6]), duplex: "half" } as RequestInit),
      10,
      "split it",
    );
    expect(r.ok ? 200 : r.response.status).toBe(413);
  });
});
