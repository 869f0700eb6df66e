/**
 * Deterministic outbound call data for the simulator: the same seed gives the same tasks,
 * records and numbers on every run, so demos and tests can name them.
 */

/** mulberry32: tiny, seedable, good enough to pick names and fault rolls. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One record as iSales's callnos documents it, task id spelt `seviceId`. */
export type SimCallRecord = {
  version: string;
  seviceId: string;
  uniqueId: string;
  phoneNumber: string[];
  callData: string;
  callerNumber: string;
  ieData: string;
};

export type SimTask = { serviceId: string; records: SimCallRecord[] };

const firstNames = ["Amina", "Bao", "Carlos", "Dilnoza", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas"];
const lastNames = [
  "Okafor",
  "Nguyen",
  "Silva",
  "Karimova",
  "Petrova",
  "Haddad",
  "Kim",
  "Tanaka",
  "Costa",
  "Berg",
];
const plans = ["Basic 10", "Family 50", "Unlimited", "Business Pro", "Prepaid Plus"];
const callerNumber = "4008001234";

const digits = (random: () => number, count: number) =>
  Array.from({ length: count }, () => Math.floor(random() * 10)).join("");

const pick = <T>(random: () => number, list: readonly T[]): T => {
  const item = list[Math.floor(random() * list.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
};

/**
 * Tasks `1251250797`, `1251250798`, ... (the vendor example's task first). uniqueIds are
 * 20 digits: a fixed prefix, the task index (2 digits) and the record index (8 digits), so
 * they never collide.
 */
export function generateTasks(seed: number, taskCount: number, callsPerTask: number): SimTask[] {
  const random = seededRandom(seed);
  return Array.from({ length: taskCount }, (_, t) => {
    const serviceId = String(1251250797 + t);
    const records = Array.from({ length: callsPerTask }, (_, r): SimCallRecord => {
      const phoneCount = 1 + Math.floor(random() * 3);
      const phoneNumber = Array.from({ length: phoneCount }, () =>
        random() < 0.7 ? `13${digits(random, 9)}` : `8888${digits(random, 4)}`,
      );
      const callData = JSON.stringify({
        name: `${pick(random, firstNames)} ${pick(random, lastNames)}`,
        plan: pick(random, plans),
        balance: (random() * 200 - 40).toFixed(2),
      });
      return {
        version: "1",
        seviceId: serviceId,
        uniqueId: `2171367608${String(t).padStart(2, "0")}${String(r).padStart(8, "0")}`,
        phoneNumber,
        callData,
        callerNumber,
        ieData: `callerno:callernumber=${callerNumber}`,
      };
    });
    return { serviceId, records };
  });
}
