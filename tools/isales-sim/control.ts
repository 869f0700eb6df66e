import { z } from "zod";
import { renderReceivedPage } from "./page";
import {
  type Answer,
  type ErrorKind,
  faultsInputSchema,
  json,
  type ParsedScriptedAnswer,
  type ReceivedRequest,
  type SimFaults,
  type SimFaultsInput,
  safeJson,
  scriptedAnswerSchema,
} from "./types";

/**
 * The simulator's own control interface, for tests and demos: the page of received
 * write-backs (GET /), what was received, reset, the faults (read, replace, expire tokens)
 * and one-shot scripted answers; and the fault rolls a request to an iSales interface gets.
 */

export const maxReceived = 5000;

/** What the control interface reads and changes in a running simulator. */
export type ControlTarget = {
  received(): ReceivedRequest[];
  reset(): void;
  faults(): SimFaults;
  setFaults(input: SimFaultsInput): void;
  expireTokens(): void;
  scriptAnswer(answer: ParsedScriptedAnswer): void;
};

/** The faults an input asks for, and whether it asks to expire every token now. */
export function parseFaults(input: unknown): { faults: SimFaults; expireTokens: boolean } {
  const { expireTokens, ...faults } = faultsInputSchema.parse(input);
  return { faults, expireTokens: expireTokens === true };
}

const badRequest = (error: z.ZodError) => json(400, { error: z.prettifyError(error) });

/** The answer to a request for / or /__sim/...; 404 for anything else there. */
export function controlAnswer(method: string, url: URL, bodyText: string, sim: ControlTarget): Answer {
  const route = `${method} ${url.pathname}`;
  if (route === "GET /") {
    return { status: 200, body: renderReceivedPage(sim.received()), contentType: "text/html;charset=utf-8" };
  }
  if (route === "GET /__sim/received") {
    const limit = z.coerce
      .number()
      .int()
      .min(1)
      .max(maxReceived)
      .optional()
      .safeParse(url.searchParams.get("limit") ?? undefined);
    if (!limit.success) return json(400, { error: "limit must be a whole number from 1" });
    const received = sim.received();
    return json(200, limit.data ? received.slice(-limit.data) : received);
  }
  if (route === "POST /__sim/reset") {
    sim.reset();
    return json(200, { ok: true });
  }
  if (route === "GET /__sim/faults") return json(200, sim.faults());
  if (route === "POST /__sim/faults") {
    const parsed = faultsInputSchema.safeParse(safeJson(bodyText));
    if (!parsed.success) return badRequest(parsed.error);
    sim.setFaults(parsed.data);
    return json(200, sim.faults());
  }
  if (route === "POST /__sim/expire-tokens") {
    sim.expireTokens();
    return json(200, { ok: true });
  }
  if (route === "POST /__sim/script") {
    const parsed = scriptedAnswerSchema.safeParse(safeJson(bodyText));
    if (!parsed.success) return badRequest(parsed.error);
    sim.scriptAnswer(parsed.data);
    return json(200, { ok: true });
  }
  return json(404, { error: "not found" });
}

/** The fault a request gets, rolled in the documented order (latency is applied before). */
export function rollFault(
  faults: SimFaults,
  random: () => number,
): "hang" | "drop" | "error" | "nonJson" | null {
  const roll = (r: number) => r > 0 && random() < r;
  if (roll(faults.hangRate)) return "hang";
  if (roll(faults.dropRate)) return "drop";
  if (roll(faults.errorRate)) return "error";
  if (roll(faults.nonJsonRate)) return "nonJson";
  return null;
}

export function errorAnswer(kind: ErrorKind, resultCode: string): Answer {
  if (kind === "refuse") return json(200, { result: resultCode });
  const status = Number(kind.slice(4));
  return json(status, { error: `simulated HTTP ${status}` });
}
