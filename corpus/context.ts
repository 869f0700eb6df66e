import type { NewCall } from "@/lib/db/schema";

/** What global-setup.ts hands the tests (vitest provide/inject). */
export type CorpusContext = {
  appUrl: string;
  simUrl: string;
  databaseUrl: string;
  /** An API key for every task. */
  apiKey: string;
  /** Session cookie values of agent1, super1 and admin1. */
  cookies: Record<string, string>;
  /** When the seed was made (ISO); the seeded calls were fetched 30 minutes before. */
  seedAt: string;
  /** A folder for the import files the cases write. */
  workDir: string;
};

declare module "vitest" {
  export interface ProvidedContext {
    corpus: CorpusContext;
  }
}

export const SIM_TOKEN = "corpus-token";
/** ISALES_TIME_ZONE of the server and the agent's zone: it has daylight-saving changes. */
export const TIME_ZONE = "Europe/Berlin";
export const TASK = "corpus-task";
/** Calls of agent1 that write-back cases use, one each, so every case starts from version 0. */
export const WRITE_BACK_CALLS = 800;
export const FETCHED_BEFORE_SEED_MS = 30 * 60_000;

export const wbUniqueId = (n: number) => `CORPUS-WB-${String(n).padStart(4, "0")}`;
export const wbPhone = (n: number) => `1380000${String(n).padStart(4, "0")}`;
/** The account the admin cases change (work number, role, password...), so agent1 stays as it is. */
export const TARGET_USER = "target1";
export const DRAFT_CALL = "CORPUS-DRAFT-1";
export const CONTROL_CALL = "CORPUS-CONTROL-1";

export function corpusSeed(at: Date): { at: Date; calls: NewCall[] } {
  const fetchTime = new Date(at.getTime() - FETCHED_BEFORE_SEED_MS);
  const call = (uniqueId: string, phone: string): NewCall => ({
    subCcNo: 1,
    vdnId: 1,
    serviceId: TASK,
    uniqueId,
    phoneNumbers: [phone],
    callData: '{"name":"Corpus"}',
    callerNumber: "",
    fetchTime,
  });
  const calls = Array.from({ length: WRITE_BACK_CALLS }, (_, i) => call(wbUniqueId(i + 1), wbPhone(i + 1)));
  calls.push(call(DRAFT_CALL, "13900000001"), call(CONTROL_CALL, "13900000002"));
  return { at, calls };
}
