import { describe, expect, it } from "vitest";
import { startBackgroundLoop } from "./background-loop";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll until the condition holds; the waits under test are a minute, so 10 s tells them apart. */
async function until(what: string, condition: () => boolean) {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await tick(5);
  }
}

const MINUTE = 60_000;

describe("startBackgroundLoop", () => {
  it("waits what the round asks, and a wake ends the wait at once", async () => {
    let rounds = 0;
    const loop = startBackgroundLoop({
      round: async () => {
        rounds++;
        return MINUTE;
      },
      errorWaitMs: MINUTE,
    });
    await until("the first round", () => rounds === 1);
    loop.wake();
    await until("a second round after the wake", () => rounds === 2);
    await loop.stop();
    expect(rounds).toBe(2);
  });

  it("goes again at once after a round that returns 0", async () => {
    let rounds = 0;
    const loop = startBackgroundLoop({
      round: async () => {
        rounds++;
        return rounds < 5 ? 0 : MINUTE;
      },
      errorWaitMs: MINUTE,
    });
    await until("five rounds", () => rounds === 5);
    await loop.stop();
    expect(rounds).toBe(5);
  });

  it("reports a failed round and carries on after errorWaitMs", async () => {
    const errors: unknown[] = [];
    let rounds = 0;
    const loop = startBackgroundLoop({
      round: async () => {
        rounds++;
        if (rounds === 1) throw new Error("database hiccup");
        return MINUTE;
      },
      errorWaitMs: 10,
      onError: (e) => errors.push(e),
    });
    await until("the round after the failure", () => rounds === 2);
    await loop.stop();
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain("database hiccup");
  });

  it("stop waits for the round under way to finish", async () => {
    let started = false;
    let finished = false;
    const loop = startBackgroundLoop({
      round: async () => {
        started = true;
        await tick(50);
        finished = true;
        return MINUTE;
      },
      errorWaitMs: MINUTE,
    });
    await until("the round to start", () => started);
    await loop.stop();
    expect(finished).toBe(true);
  });
});
