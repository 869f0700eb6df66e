import { describe, expect, it } from "vitest";
import { type Locale, locales } from "@/i18n/config";
import { makeAccountSchemas, makeSignInSchema, signInSchema, usernameSchema } from "@/lib/auth/schemas";
import { parseCallsFile } from "@/lib/calls/parse-file";
import { importOutcome } from "@/lib/import-jobs/jobs";
import { makeTaskChoiceSchema, taskChoiceSchema } from "@/lib/pull/tasks";
import { validationMessagesFor } from "@/lib/validation/messages-locale";
import enApiKeys from "@/messages/en/apiKeys.json";
import enImport from "@/messages/en/import.json";
import enOverview from "@/messages/en/overview.json";
import enQueue from "@/messages/en/queue.json";
import enReview from "@/messages/en/review.json";
import enSignIn from "@/messages/en/signIn.json";
import enTasks from "@/messages/en/tasks.json";
import enUsers from "@/messages/en/users.json";
import zhApiKeys from "@/messages/zh-CN/apiKeys.json";
import zhImport from "@/messages/zh-CN/import.json";
import zhOverview from "@/messages/zh-CN/overview.json";
import zhQueue from "@/messages/zh-CN/queue.json";
import zhReview from "@/messages/zh-CN/review.json";
import zhSignIn from "@/messages/zh-CN/signIn.json";
import zhTasks from "@/messages/zh-CN/tasks.json";
import zhUsers from "@/messages/zh-CN/users.json";
import { translatorFrom } from "./translate";

/**
 * Issue 10: what the server says to a user (an action's answer, a refused form, a lib
 * refusal) in both languages. scripts/messages.test.ts checks that the keys match; this
 * formats every key of the server's namespaces in each language, as the actions do, and
 * checks the lib schemas answer in the language they are given, English by default.
 */

const files: Record<string, Record<Locale, object>> = {
  tasks: { en: enTasks, "zh-CN": zhTasks },
  import: { en: enImport, "zh-CN": zhImport },
  apiKeys: { en: enApiKeys, "zh-CN": zhApiKeys },
  users: { en: enUsers, "zh-CN": zhUsers },
  signIn: { en: enSignIn, "zh-CN": zhSignIn },
  review: { en: enReview, "zh-CN": zhReview },
  queue: { en: enQueue, "zh-CN": zhQueue },
  overview: { en: enOverview, "zh-CN": zhOverview },
};

/** The namespaces whose words the server makes (server actions, lib refusals and schemas). */
const serverNamespaces = [
  "tasks.actions",
  "tasks.schema",
  "import.actions",
  "import.outcome",
  "import.upload.details",
  "import.rowErrors",
  "apiKeys.actions",
  "apiKeys.schema",
  "users.actions",
  "users.rules",
  "signIn.actions",
  "signIn.schema",
  "review.actions",
  "review.skip",
  "queue.actions",
  "review.filterProblem",
  "overview.rangeProblem",
] as const;

const translator = (locale: Locale, namespace: string) => {
  const top = namespace.split(".")[0] ?? "";
  const file = files[top]?.[locale];
  if (!file) throw new Error(`no file for ${namespace}`);
  return translatorFrom(locale, file, namespace);
};

function leafKeys(value: unknown, prefix = ""): string[] {
  if (typeof value === "string") return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    leafKeys(v, prefix ? `${prefix}.${k}` : k),
  );
}

function subtree(locale: Locale, namespace: string): unknown {
  const [top, ...rest] = namespace.split(".");
  let at: unknown = files[top ?? ""]?.[locale];
  for (const part of rest) at = (at as Record<string, unknown>)[part];
  return at;
}

/** A value for each placeholder, of the kind the actions pass. */
const sample: Record<string, string | number> = {
  task: "task-a",
  error: "timeout",
  username: "agent2",
  agent: "agent2",
  name: "crm",
  role: "agent",
  state: "accepted",
  workNo: "10077",
  filter: "state=failed",
  parameter: "from",
  encoding: "UTF-8",
  zone: "Asia/Shanghai",
  detail: "Unexpected token",
  fields: "Call status, Failure cause code",
};
/** Values for every placeholder of an English text (a number where no sample is named). */
const valuesFor = (text: string) =>
  Object.fromEntries([...text.matchAll(/\{\s*(\w+)/g)].map(([, name = ""]) => [name, sample[name] ?? 3]));

describe("the server's words in both languages", () => {
  for (const namespace of serverNamespaces) {
    it(`${namespace}: every key formats in every language, Chinese in Chinese`, () => {
      const keys = leafKeys(subtree("en", namespace));
      expect(keys.length).toBeGreaterThan(0);
      const english = subtree("en", namespace);
      const raw = (key: string) =>
        String(key.split(".").reduce<unknown>((at, part) => (at as Record<string, unknown>)[part], english));
      for (const locale of locales) {
        const t = translator(locale, namespace);
        for (const key of keys) {
          const text = t(key, valuesFor(raw(key)));
          // No placeholder left unformatted, no key shown instead ("{…}" is a JSON example).
          expect(text, `${locale} ${namespace}.${key}`).not.toMatch(
            /\{\s*\w+\s*[,}]|^[a-zA-Z]+\.[a-zA-Z.]+$/,
          );
          // Chinese characters, or Chinese punctuation alone (a list separator).
          if (locale === "zh-CN")
            expect(text, `${namespace}.${key}`).toMatch(/[\u3000-\u9fff\uff00-\uffef]/u);
        }
      }
    });
  }

  it("a role and a write-back state are named in Chinese, not as the code", () => {
    expect(translator("zh-CN", "users.actions")("roleSet", { username: "bob", role: "supervisor" })).toBe(
      "bob 现在的角色是班长。",
    );
    expect(translator("en", "users.actions")("added", { username: "bob", role: "agent" })).toBe(
      "Added bob (agent).",
    );
    expect(translator("zh-CN", "review.skip")("notFailed", { state: "accepted" })).toBe(
      "既未失败也未被拒绝（已接受）",
    );
  });
});

describe("lib schemas answer in the language they are given", () => {
  const zhText = validationMessagesFor("zh-CN");
  const messages = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    result.error?.issues.map((i) => [String(i.path[0]), i.message]);

  it("the task choice: English by default (as before), Chinese when asked", () => {
    const input = { serviceId: "", lowWater: "-1", batchCount: "5000" };
    expect(messages(taskChoiceSchema.safeParse(input))).toEqual([
      ["serviceId", "Choose a task"],
      ["lowWater", "At least 0"],
      ["batchCount", "At most 1,000"],
    ]);
    const zh = makeTaskChoiceSchema(translator("zh-CN", "tasks.schema"), zhText);
    expect(messages(zh.safeParse(input))).toEqual([
      ["serviceId", "请选择任务"],
      ["lowWater", "至少为 0"],
      ["batchCount", "至多为 1,000"],
    ]);
    expect(
      messages(zh.safeParse({ serviceId: "a\u0000", lowWater: "1", batchCount: "1" }))?.[0]?.[1],
    ).toMatch(/[\u3400-\u9fff]/u);
  });

  it("the account rules and the sign-in form", () => {
    expect(messages(usernameSchema.safeParse("-x"))?.[0]?.[1]).toMatch(/^A username is 2 to 64/);
    const zh = makeAccountSchemas(translator("zh-CN", "users.rules"), zhText);
    expect(messages(zh.newPasswordSchema.safeParse("short"))).toEqual([
      ["undefined", "密码至少需要 10 个字符"],
    ]);
    expect(messages(zh.roleSchema.safeParse("boss"))?.[0]?.[1]).toBe("角色必须是座席、班长或管理员");
    expect(messages(zh.workNoSchema.safeParse("12a"))?.[0]?.[1]).toBe("工号为 1 到 10 位数字");
    // A text check names the field in the same language.
    expect(messages(zh.newPasswordSchema.safeParse("a\u0000bcdefghijkl"))?.[0]?.[1]).toMatch(/^密码：/);

    expect(messages(signInSchema.safeParse({ username: "", password: "" }))).toEqual([
      ["username", "Enter your username"],
      ["password", "Enter your password"],
    ]);
    const zhSignInSchema = makeSignInSchema(translator("zh-CN", "signIn.schema"), zhText);
    expect(messages(zhSignInSchema.safeParse({ username: "", password: "" }))).toEqual([
      ["username", "请输入用户名"],
      ["password", "请输入密码"],
    ]);
  });
});

describe("a finished import's outcome is read from the job", () => {
  const job = { skipBad: false, badRows: 0, inserted: 5, updated: 2 };
  it("done, refused for agents, stopped, or not finished", () => {
    expect(importOutcome({ ...job, state: "done" })).toEqual({
      key: "imported",
      inserted: 5,
      updated: 2,
      skipped: 0,
    });
    expect(importOutcome({ ...job, state: "failed", badRows: 2 })).toEqual({ key: "noActiveAgent" });
    expect(importOutcome({ ...job, state: "failed" })).toEqual({ key: "stopped" });
    expect(importOutcome({ ...job, state: "failed", skipBad: true, badRows: 2 })).toEqual({ key: "stopped" });
    expect(importOutcome({ ...job, state: "running" })).toBeNull();
  });
  it("the English outcome is the job's own message, word for word", () => {
    expect(
      translator("en", "import.outcome")("importedSkipped", { inserted: 3, updated: 0, skipped: 4 }),
    ).toBe("Imported: 3 new, 0 updated, 4 bad row(s) left out.");
  });
});

describe("an import's bad rows carry a code the page says in the user's language", () => {
  it("each problem's English is its message, word for word; its Chinese is Chinese", () => {
    const header = "subCCNo,vdnId,serviceId,uniqueId,phoneNumber,callData,fetchTime";
    const csv = [
      header,
      ",88,T,U1,138,x,",
      "1,88,T,U2,13a,x,2024-13-01 10:00",
      "1,88,,U3,138,x,",
      "1,88,T,U4,138",
      "1,88,T,U1,139,x,",
    ].join("\n");
    const parsed = parseCallsFile(csv, "csv", {
      timeZone: "Asia/Shanghai",
      now: new Date("2025-01-01T00:00:00Z"),
    });
    const en = translator("en", "import.rowErrors");
    const zh = translator("zh-CN", "import.rowErrors");
    expect(parsed.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [2, "subCCNo", "missingNumber"],
      [3, "phoneNumber", "phoneFormat"],
      [3, "fetchTime", "timeNotReal"],
      [4, "serviceId", "serviceIdMissing"],
      [5, "row", "cellCount"],
    ]);
    for (const e of parsed.errors) {
      if (!e.code) throw new Error(`no code for ${e.message}`);
      expect(en(e.code, e.values)).toBe(e.message);
      expect(zh(e.code, e.values)).toMatch(/[\u3400-\u9fff]/u);
    }
    expect(parsed.errors[0]?.message).toBe("is missing (a whole number from 0 to 2,147,483,647)");
    expect(zh("cellCount", parsed.errors[4]?.values)).toBe("有 5 个单元格，而表头有 7 列");
    expect(en("notArray")).toBe("must hold a JSON array of calls: [ {…}, {…} ]");
  });
});
