import "server-only";
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";
import { PASSWORD_MAX_LENGTH } from "./schemas";

/**
 * Password hashing with scrypt (memory-hard, in node:crypto, so no native add-on to build).
 * A hash is stored as `scrypt$N=32768,r=8,p=1$<salt>$<key>` (base64url) so the parameters
 * can be raised later: `verifyPassword` reads them from the string and says when a stored
 * hash is weaker than today's and should be replaced.
 */

export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** A stored N above this is refused: a tampered row must not make sign-in eat the memory. */
const MAX_N = 2 ** 20;

function scryptAsync(
  password: string,
  salt: Buffer,
  keylen: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, keylen, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

// scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is exactly N=2^15, r=8 and refuses it.
const maxmem = (N: number, r: number) => 128 * N * r + 16 * 1024 * 1024;

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = SCRYPT_PARAMS;
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, KEY_BYTES, { N, r, p, maxmem: maxmem(N, r) });
  return `scrypt$N=${N},r=${r},p=${p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

const storedHashPattern = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

type ParsedHash = { N: number; r: number; p: number; salt: Buffer; key: Buffer };

function parseStoredHash(stored: string): ParsedHash | null {
  const m = storedHashPattern.exec(stored);
  if (!m) return null;
  const [, n, r, p, salt, key] = m;
  const parsed = {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    salt: Buffer.from(salt ?? "", "base64url"),
    key: Buffer.from(key ?? "", "base64url"),
  };
  const powerOfTwo = parsed.N > 1 && (parsed.N & (parsed.N - 1)) === 0;
  if (!powerOfTwo || parsed.N > MAX_N || parsed.r < 1 || parsed.r > 32 || parsed.p < 1 || parsed.p > 16)
    return null;
  if (parsed.salt.length < 8 || parsed.key.length < 16) return null;
  return parsed;
}

export type PasswordCheck = { ok: boolean; needsRehash: boolean };

/** Compare in constant time; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<PasswordCheck> {
  const parsed = parseStoredHash(stored);
  if (!parsed || password.length > PASSWORD_MAX_LENGTH) return { ok: false, needsRehash: false };
  const key = await scryptAsync(password, parsed.salt, parsed.key.length, {
    N: parsed.N,
    r: parsed.r,
    p: parsed.p,
    maxmem: maxmem(parsed.N, parsed.r),
  });
  const ok = timingSafeEqual(key, parsed.key);
  const needsRehash = parsed.N < SCRYPT_PARAMS.N || parsed.r < SCRYPT_PARAMS.r || parsed.p < SCRYPT_PARAMS.p;
  return { ok, needsRehash: ok && needsRehash };
}

let dummyHash: Promise<string> | undefined;

/**
 * Spend the same time as a real check when the username is unknown or disabled, so the
 * answer's timing does not tell whether an account exists.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  await verifyPassword(password, await dummyHash);
}
