import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTableName, isTable } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as enums from "@/lib/db/enums";
import * as schema from "@/lib/db/schema";
import { checkClientChunks, findServerCodeInChunk } from "./client-chunks";

const tableNames = Object.values(schema).flatMap((v) => (isTable(v) ? [getTableName(v)] : []));

describe("client chunk check", () => {
  it("knows every table of the schema", () => {
    expect(tableNames).toEqual(expect.arrayContaining(["calls", "users", "write_backs", "sessions"]));
  });

  it("flags Drizzle's table markers, a server-only guard and several table names", () => {
    expect(findServerCodeInChunk("a.js", 'Symbol.for("drizzle:IsDrizzleTable")', tableNames)).toHaveLength(1);
    expect(
      findServerCodeInChunk(
        "b.js",
        'throw Error("This module cannot be imported from a Client Component module.")',
        tableNames,
      ),
    ).toEqual([{ file: "b.js", reason: "a server-only module" }]);
    const names = findServerCodeInChunk("c.js", 'x("calls");y("users");z("write_backs")', tableNames);
    expect(names[0]?.reason).toContain("write_backs");
  });

  it("lets ordinary browser code through, the enums included", () => {
    const enumText = JSON.stringify(Object.values(enums));
    expect(findServerCodeInChunk("d.js", `const s=${enumText};fetch("/api/calls")`, tableNames)).toEqual([]);
  });

  it("walks a folder of chunks", () => {
    const dir = mkdtempSync(join(tmpdir(), "chunks-"));
    try {
      mkdirSync(join(dir, "chunks"));
      writeFileSync(join(dir, "chunks", "ok.js"), "console.log(1)");
      writeFileSync(join(dir, "chunks", "bad.js"), '"drizzle:IsDrizzleTable"');
      writeFileSync(join(dir, "chunks", "bad.css"), '"drizzle:IsDrizzleTable"');
      expect(checkClientChunks(dir, tableNames).map((f) => f.file)).toEqual([join(dir, "chunks", "bad.js")]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
