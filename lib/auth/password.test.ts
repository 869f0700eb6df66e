import { randomBytes, scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword, SCRYPT_PARAMS, verifyPassword } from "./password";

describe("password hashing", () => {
  it("stores scrypt with its parameters, a 16-byte salt and a 32-byte key", async () => {
    const stored = await hashPassword("correct horse battery");
    const m = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/.exec(stored);
    expect(m).not.toBeNull();
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(2 ** 15);
    expect(Number(m?.[2])).toBe(8);
    expect(Number(m?.[3])).toBe(1);
    expect(Buffer.from(m?.[4] ?? "", "base64url")).toHaveLength(16);
    expect(Buffer.from(m?.[5] ?? "", "base64url")).toHaveLength(32);
    expect(stored).not.toContain("correct horse");
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(await verifyPassword("correct horse battery", stored)).toEqual({ ok: true, needsRehash: false });
    expect((await verifyPassword("correct horse batterY", stored)).ok).toBe(false);
    expect((await verifyPassword("", stored)).ok).toBe(false);
  });

  it("salts every hash: the same password twice gives two different strings", async () => {
    const [a, b] = await Promise.all([hashPassword("same password 1"), hashPassword("same password 1")]);
    expect(a).not.toBe(b);
    expect((await verifyPassword("same password 1", a)).ok).toBe(true);
    expect((await verifyPassword("same password 1", b)).ok).toBe(true);
  });

  it("treats Unicode forms of the same text as one password", async () => {
    const stored = await hashPassword("caf\u00e9-password");
    expect((await verifyPassword("cafe\u0301-password", stored)).ok).toBe(true);
  });

  it("never matches a malformed or hostile stored hash", async () => {
    for (const stored of [
      "",
      "plain-text-password",
      "scrypt$N=32768,r=8,p=1$$",
      "scrypt$N=1000,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      // N far above the ceiling: must be refused before scrypt tries to allocate it.
      "scrypt$N=1073741824,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ]) {
      expect(await verifyPassword("anything at all", stored)).toEqual({ ok: false, needsRehash: false });
    }
  });

  it("accepts a hash made with weaker parameters and says it needs rehashing", async () => {
    const salt = randomBytes(16);
    const key = scryptSync("older password", salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    const stored = `scrypt$N=${2 ** 14},r=8,p=1$${salt.toString("base64url")}$${key.toString("base64url")}`;
    expect(await verifyPassword("older password", stored)).toEqual({ ok: true, needsRehash: true });
    expect(await verifyPassword("wrong password", stored)).toEqual({ ok: false, needsRehash: false });
    expect(SCRYPT_PARAMS.N).toBeGreaterThan(2 ** 14);
  });
});
