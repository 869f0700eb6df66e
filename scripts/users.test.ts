import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "@/lib/auth/sign-in";
import { findUser } from "@/lib/auth/users";
import { openDatabase } from "@/lib/db";
import { createPostgresDatabase, tempDataDir, testDatabaseUrl } from "@/test/support/databases";
import { type CommandRun, runCommand } from "@/test/support/run-command";

/** `npm run users` as a person runs it: a child process, arguments, a password on stdin. */

type Location = { dataDir: string } | { databaseUrl: string };

function runUsers(location: Location, args: string[], stdin = ""): Promise<CommandRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "silent" };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  if ("dataDir" in location) env.DATA_DIR = location.dataDir;
  else env.DATABASE_URL = location.databaseUrl;
  return runCommand("scripts/users.ts", args, env, stdin);
}

type Target = { kind: string; make(): Promise<{ location: Location; cleanup(): Promise<void> }> };

const targets: Target[] = [
  {
    kind: "pglite",
    async make() {
      const dataDir = await tempDataDir();
      return { location: { dataDir }, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
    },
  },
];
const serverUrl = testDatabaseUrl();
if (serverUrl !== undefined) {
  targets.push({
    kind: "postgres",
    async make() {
      const created = await createPostgresDatabase(serverUrl);
      return { location: { databaseUrl: created.databaseUrl }, cleanup: () => created.drop() };
    },
  });
}

const openAt = (location: Location) => openDatabase(location);
const config = { secret: "z".repeat(40), ttlHours: 1 };
// Every step starts a process that compiles TypeScript and opens the database: seconds each.
const SLOW = 240_000;

describe("users command usage", () => {
  it(
    "answers wrong usage with exit code 2 and the usage text, without a password on the command line",
    async () => {
      for (const args of [
        [],
        ["frobnicate"],
        ["add", "--username", "frank", "--role", "agent"],
        ["add", "--username", "frank", "--role", "boss", "--password-stdin"],
        ["set-role", "frank"],
        ["add", "--username", "frank", "--password", "in-argv-123", "--role", "agent"],
      ]) {
        const r = await runUsers({ dataDir: "/nonexistent/never-opened" }, args);
        expect(r.code, args.join(" ")).toBe(2);
        expect(r.stderr).toContain("Usage: npm run users");
      }
    },
    SLOW,
  );
});

describe.each(targets)("users command on $kind", ({ kind, make }) => {
  let location: Location;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ location, cleanup } = await make());
  });
  afterAll(async () => {
    await cleanup?.();
  });

  it(
    "adds a user from a password on stdin, refuses a second of the same name, and lists them",
    async () => {
      const add = await runUsers(
        location,
        ["add", "--username", "Carol", "--role", "supervisor", "--work-no", "2042", "--password-stdin"],
        "carol-password-1\n",
      );
      expect(add.stderr).toBe("");
      expect(add).toMatchObject({ code: 0 });
      expect(add.stdout).toContain("added carol (supervisor, work no. 2042)");

      const again = await runUsers(
        location,
        ["add", "--username", "carol", "--role", "agent", "--password-stdin"],
        "another-password\n",
      );
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("A user named carol already exists");

      const short = await runUsers(
        location,
        ["add", "--username", "dave", "--role", "agent", "--password-stdin"],
        "short\n",
      );
      expect(short.code).toBe(1);
      expect(short.stderr).toContain("at least 10 characters");

      const list = await runUsers(location, ["list"]);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(/^carol\tsupervisor\t2042\tenabled$/m);
      expect(list.stdout).not.toContain("dave");

      const opened = await openAt(location);
      try {
        const signedIn = await signIn(
          opened.db,
          { username: "carol", password: "carol-password-1", address: "t" },
          config,
        );
        expect(signedIn.ok).toBe(true);
      } finally {
        await opened.close();
      }
    },
    SLOW,
  );

  it(
    "sets role, password and disabled state, each visible in the database",
    async () => {
      expect((await runUsers(location, ["set-role", "carol", "admin"])).code).toBe(0);
      const pw = await runUsers(
        location,
        ["set-password", "carol", "--password-stdin"],
        "carol-password-2\n",
      );
      expect(pw.code).toBe(0);
      expect(pw.stdout).toContain("sessions are ended");
      const disable = await runUsers(location, ["disable", "carol"]);
      // The only admin cannot be disabled: nobody could manage accounts from the page.
      expect(disable.code).toBe(1);
      expect(disable.stderr).toContain("only enabled admin");
      expect((await runUsers(location, ["set-role", "carol", "agent"])).code).toBe(1);

      const opened = await openAt(location);
      try {
        expect(await findUser(opened.db, "carol")).toMatchObject({ role: "admin", disabled: false });
        const old = await signIn(
          opened.db,
          { username: "carol", password: "carol-password-1", address: "t" },
          config,
        );
        expect(old.ok).toBe(false);
        const fresh = await signIn(
          opened.db,
          { username: "carol", password: "carol-password-2", address: "t" },
          config,
        );
        expect(fresh.ok).toBe(true);
      } finally {
        await opened.close();
      }

      await runUsers(
        location,
        ["add", "--username", "erin", "--role", "agent", "--password-stdin"],
        "erin-password-1",
      );
      expect((await runUsers(location, ["disable", "erin"])).code).toBe(0);
      expect((await runUsers(location, ["list"])).stdout).toMatch(/^erin\tagent\t-\tdisabled$/m);
      expect((await runUsers(location, ["enable", "erin"])).code).toBe(0);
      expect((await runUsers(location, ["disable", "nobody"])).stderr).toContain(
        "There is no user named nobody",
      );
    },
    SLOW,
  );

  if (kind === "pglite") {
    it(
      "is refused, with the lock message, while another process holds the embedded database",
      async () => {
        const opened = await openAt(location);
        try {
          const r = await runUsers(location, ["list"]);
          expect(r.code).toBe(1);
          expect(r.stderr).toContain("is in use by another Preview Desk process");
        } finally {
          await opened.close();
        }
      },
      SLOW,
    );
  }
});
