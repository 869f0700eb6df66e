/**
 * `npm run users -- <command>`: manage Preview Desk accounts.
 *
 *   add --username NAME --role agent|supervisor|admin [--work-no N] --password-stdin
 *   list
 *   disable NAME | enable NAME
 *   set-password NAME --password-stdin
 *   set-role NAME agent|supervisor|admin
 *   set-work-no NAME [N]          (no N: remove it)
 *
 * Passwords are read from standard input only (a command-line argument would show in `ps`
 * and in shell history). Exit codes: 0 done, 1 refused or failed, 2 wrong usage.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { z } from "zod";
import { roleSchema, usernameSchema } from "@/lib/auth/schemas";
import {
  createUser,
  listUsers,
  setUserDisabled,
  setUserPassword,
  setUserRole,
  setUserWorkNo,
  type UserResult,
  type UserSummary,
} from "@/lib/auth/users";
import { DatabaseInUseError, type Db, openDatabase } from "@/lib/db";
import { databaseSettings, SettingsError } from "@/lib/settings";

class UsageError extends Error {}

const usage = `Usage: npm run users -- <command>
  add --username NAME --role agent|supervisor|admin [--work-no N] --password-stdin
  list
  disable NAME
  enable NAME
  set-password NAME --password-stdin
  set-role NAME agent|supervisor|admin
  set-work-no NAME [N]`;

const commandSchema = z.discriminatedUnion("command", [
  z.object({
    command: z.literal("add"),
    username: usernameSchema,
    role: roleSchema,
    workNo: z.string().optional(),
    passwordStdin: z.literal(true, { error: "add needs --password-stdin (pipe the password in)" }),
  }),
  z.object({ command: z.literal("list") }),
  z.object({ command: z.enum(["disable", "enable"]), username: usernameSchema }),
  z.object({
    command: z.literal("set-password"),
    username: usernameSchema,
    passwordStdin: z.literal(true, { error: "set-password needs --password-stdin (pipe the password in)" }),
  }),
  z.object({ command: z.literal("set-role"), username: usernameSchema, role: roleSchema }),
  z.object({ command: z.literal("set-work-no"), username: usernameSchema, workNo: z.string().optional() }),
]);
type Command = z.infer<typeof commandSchema>;

function parseArgv(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        username: { type: "string" },
        role: { type: "string" },
        "work-no": { type: "string" },
        "password-stdin": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parseCommand(argv: string[]): Command {
  const { values, positionals } = parseArgv(argv);
  if (values.help || positionals.length === 0) throw new UsageError("");
  const [command, first, second, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`unexpected argument: ${rest.join(" ")}`);
  const raw =
    command === "add" || command === "list"
      ? { command, username: values.username, role: values.role, workNo: values["work-no"] }
      : command === "set-role"
        ? { command, username: first, role: second }
        : command === "set-work-no"
          ? { command, username: first, workNo: second }
          : { command, username: first };
  const result = commandSchema.safeParse({ ...raw, passwordStdin: values["password-stdin"] });
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join(".") ?? "";
    const message =
      where === "command"
        ? `unknown command: ${command}`
        : `${where === "" ? "" : `${where}: `}${issue?.message ?? "wrong arguments"}`;
    throw new UsageError(message);
  }
  return result.data;
}

/** One password from standard input: a piped line, or typed at a terminal without echo. */
async function readPassword(): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    let text = "";
    for await (const chunk of input) text += String(chunk);
    return text.replace(/\r?\n$/, "");
  }
  process.stderr.write("Password: ");
  const rl = createInterface({ input, terminal: true });
  // Mute the echo: readline writes what is typed through _writeToOutput.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  const line = await new Promise<string>((resolve) => rl.once("line", resolve));
  rl.close();
  process.stderr.write("\n");
  return line;
}

function formatUser(u: UserSummary): string {
  return `${u.username}\t${u.role}\t${u.workNo ?? "-"}\t${u.disabled ? "disabled" : "enabled"}`;
}

function report(result: UserResult<UserSummary>, done: (u: UserSummary) => string): number {
  if (!result.ok) {
    console.error(`users: ${result.message}`);
    return 1;
  }
  console.log(done(result.value));
  return 0;
}

async function run(db: Db, cmd: Command): Promise<number> {
  switch (cmd.command) {
    case "add": {
      const password = await readPassword();
      const result = await createUser(db, {
        username: cmd.username,
        role: cmd.role,
        workNo: cmd.workNo,
        password,
      });
      return report(
        result,
        (u) => `added ${u.username} (${u.role}${u.workNo ? `, work no. ${u.workNo}` : ""})`,
      );
    }
    case "list": {
      const all = await listUsers(db);
      console.log("username\trole\twork no.\tstate");
      for (const u of all) console.log(formatUser(u));
      return 0;
    }
    case "disable":
    case "enable":
      return report(await setUserDisabled(db, cmd.username, cmd.command === "disable"), (u) =>
        u.disabled ? `disabled ${u.username}; their sessions are ended` : `enabled ${u.username}`,
      );
    case "set-password": {
      const password = await readPassword();
      return report(
        await setUserPassword(db, cmd.username, password),
        (u) => `new password set for ${u.username}; their sessions are ended`,
      );
    }
    case "set-role":
      return report(await setUserRole(db, cmd.username, cmd.role), (u) => `${u.username} is now ${u.role}`);
    case "set-work-no":
      return report(await setUserWorkNo(db, cmd.username, cmd.workNo ?? null), (u) =>
        u.workNo ? `${u.username}'s work number is ${u.workNo}` : `${u.username} has no work number`,
      );
  }
}

async function main(): Promise<number> {
  let cmd: Command;
  try {
    cmd = parseCommand(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(`users: ${error.message}`);
    console.error(usage);
    return 2;
  }
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  try {
    const s = databaseSettings();
    opened = await openDatabase({ dataDir: s.DATA_DIR, databaseUrl: s.DATABASE_URL });
  } catch (error) {
    if (error instanceof DatabaseInUseError || error instanceof SettingsError) {
      console.error(`users: ${error.message}`);
      return 1;
    }
    throw error;
  }
  try {
    return await run(opened.db, cmd);
  } finally {
    await opened.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`users: failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
