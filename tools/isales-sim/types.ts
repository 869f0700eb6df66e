import { z } from "zod";
import type { SimTask } from "./data";
import { resultCodes } from "./validate";

/**
 * The simulator's shapes: the interfaces it plays, its options, what it keeps of each
 * request, and the schemas of its control interface (/__sim/). No behaviour here, so the
 * page, the routes, the control interface and the server can all import it.
 */

export const simInterfaces = ["login", "refresh", "tasks", "callnos", "midresult", "result"] as const;
export type SimInterface = (typeof simInterfaces)[number];

export const simPaths: Record<SimInterface, string> = {
  login: "/rest/isales/v1/openapi/obs/auth/login",
  refresh: "/rest/isales/v1/openapi/obs/auth/refresh",
  tasks: "/rest/isales/v1/openapi/obs/business/tasks",
  callnos: "/rest/isales/v1/openapi/obs/business/callnos",
  midresult: "/rest/isales/v1/openapi/obs/business/push/midresult",
  result: "/rest/isales/v1/openapi/obs/business/call/result",
};

export const errorKinds = [
  "http400",
  "http401",
  "http403",
  "http404",
  "http500",
  "http429",
  "http503",
  "refuse",
] as const;
export type ErrorKind = (typeof errorKinds)[number];

const rate = z.number().min(0).max(1);

/** What POST /__sim/faults accepts. It replaces the faults: a field left out is "no fault". */
export const faultsInputSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(600_000).default(0),
    errorRate: rate.default(0),
    errorKind: z.enum(errorKinds).default("http500"),
    /** The result code of errorKind "refuse". */
    resultCode: z.string().min(1).max(32).default(resultCodes.dataNotFound),
    dropRate: rate.default(0),
    nonJsonRate: rate.default(0),
    hangRate: rate.default(0),
    faultPaths: z.array(z.enum(simInterfaces)).default(["midresult", "result"]),
    /** One-shot action, not kept: invalidate every issued token now. */
    expireTokens: z.boolean().optional(),
  })
  .strict();
export type SimFaultsInput = z.input<typeof faultsInputSchema>;
export type SimFaults = Omit<z.output<typeof faultsInputSchema>, "expireTokens">;

export type SimOptions = {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Tokens accepted without log-in; they never expire. */
  fixedTokens: string[];
  tokenTtlS: number;
  refreshTtlS: number;
  /** Send the lifetimes as numeric strings (the table types them as String). */
  lifetimesAsStrings: boolean;
  authHeaders: ("Authorization" | "Authentication")[];
  subCCNo: number;
  vdnId: number;
  taskCount: number;
  callsPerTask: number;
  callnosShape: "auto" | "array" | "nested";
  /** Seed of the generated data and of the default fault random. */
  seed: number;
  faults: SimFaultsInput;
  /** Fault rolls; defaults to a random seeded by `seed`. */
  random: () => number;
  /** Milliseconds since the epoch, for token expiry. */
  now: () => number;
  /** Makes tokens and refresh tokens; random by default, injectable so tests know them. */
  makeToken: () => string;
};

export type ReceivedRequest = {
  seq: number;
  at: string;
  method: string;
  path: string;
  interface: SimInterface | null;
  /** Request headers; the auth header's value is replaced by "[redacted]". */
  headers: Record<string, string>;
  bodyText: string;
  /** The parsed body, null when it was not JSON. */
  body: unknown;
  answer: {
    /** null: no answer (dropped, hanging, or not answered yet). */
    status: number | null;
    body: string | null;
    fault: "latency" | "hang" | "drop" | "error" | "nonJson" | "scripted" | null;
    /** Why the simulator answered as it did, when it was not a plain success. */
    reason: string | null;
    /**
     * The order in which requests were answered (1, 2, …; absent before the answer). With
     * latency a request can be answered after a later one: what iSales holds for a record
     * is what it applied last in this order, not in arrival order (`seq`).
     */
    answeredSeq?: number;
  };
};

/** A one-shot answer for the next request to an interface, for tests of odd shapes. */
export const scriptedAnswerSchema = z.object({
  interface: z.enum(simInterfaces),
  status: z.number().int().min(100).max(599).default(200),
  /** JSON value sent as JSON, or raw text when `raw` is true. */
  body: z.unknown(),
  raw: z.boolean().default(false),
  contentType: z.string().default("application/json"),
});
export type ScriptedAnswer = z.input<typeof scriptedAnswerSchema>;
export type ParsedScriptedAnswer = z.output<typeof scriptedAnswerSchema>;

export type Simulator = {
  url: string;
  port: number;
  options: Readonly<Omit<SimOptions, "random" | "now" | "makeToken">>;
  tasks(): readonly SimTask[];
  received(): ReceivedRequest[];
  /** Forget what was received (not the tokens or the handed-out records). */
  reset(): void;
  faults(): SimFaults;
  /** Replace the faults; a field left out is "no fault". */
  setFaults(input: SimFaultsInput): void;
  expireTokens(): void;
  scriptAnswer(answer: ScriptedAnswer): void;
  close(): Promise<void>;
};

/** An answer before it is written to the socket. */
export type Answer = { status: number; body: string; contentType: string };

export const json = (status: number, value: unknown): Answer => ({
  status,
  body: JSON.stringify(value),
  contentType: "application/json;charset=UTF-8",
});

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
