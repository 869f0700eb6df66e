import { describe, expect, it } from "vitest";
import { DatabaseInUseError } from "./index";
import { databaseOpenFailure } from "./open-error";

const errno = (code: string, message = code) => Object.assign(new Error(message), { code });

describe("databaseOpenFailure", () => {
  it("one line per cause, naming the setting and never the password", () => {
    const url = "postgres://desk:s3cret@db.example:6543/desk";
    const cases: [unknown, RegExp][] = [
      [errno("ECONNREFUSED"), /at db\.example:6543\/desk \(DATABASE_URL\): nothing answers there/],
      [errno("ENOTFOUND"), /host name is unknown/],
      [errno("28P01", 'password authentication failed for user "desk"'), /refused the user or password/],
      [errno("3D000"), /that database does not exist/],
      [errno("XX000", "odd failure with 13912345678"), /it failed \(XX000: odd failure with …\)/],
    ];
    for (const [error, pattern] of cases) {
      const line = databaseOpenFailure(error, { databaseUrl: url });
      expect(line).toMatch(pattern);
      expect(line).not.toContain("s3cret");
      expect(line).not.toContain("\n");
    }
  });

  it("the embedded folder: in use, not writable, full", () => {
    expect(databaseOpenFailure(new DatabaseInUseError("/d"), { dataDir: "/d" })).toMatch(
      /^Preview Desk cannot start: The embedded database in \/d is in use/,
    );
    expect(databaseOpenFailure(errno("EACCES"), { dataDir: "/d" })).toMatch(
      /in \/d \(DATA_DIR\): the folder is not writable/,
    );
    expect(databaseOpenFailure(errno("EROFS"), { dataDir: "/d" })).toMatch(/not writable \(EROFS\)/);
    expect(databaseOpenFailure(errno("ENOSPC"), { dataDir: "/d" })).toMatch(/disk is full/);
  });
});
