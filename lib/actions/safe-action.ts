import "server-only";
import { redirect, unstable_rethrow } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { z } from "zod";
import { checkAuth, requireRole, type SessionUser } from "@/lib/auth/guards";
import { type Db, getDb } from "@/lib/db";
import type { Role } from "@/lib/db/enums";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { log } from "@/lib/log";
import { ActionError } from "./errors";
import type { ActionFailure, ActionResult, FieldErrors } from "./result";

/**
 * The one way to write an authenticated server action (dub's `authActionClient` is the
 * model). A server action is a public HTTP endpoint that anyone may call with any
 * arguments, so every one goes through `authAction`, which, in this order:
 *
 * 1. loads the session and checks the role ("any": any signed-in user; "supervisor" admits
 *    admins), before reading a byte of the input;
 * 2. parses the input, taken as `unknown` (a FormData, a plain object, or the argument
 *    list), with the action's zod schema (built for the request when its messages are
 *    translated); a problem is refused naming its field;
 * 3. runs the action with `{ user, db, input }`;
 * 4. turns an `ActionError` thrown anywhere inside into the `ActionResult` failure, and a
 *    database that cannot be reached into "unavailable"; anything else is a bug and is
 *    thrown on (Next.js's redirect and not-found signals pass through untouched);
 * 5. logs the action's name, the user, the result's code and how long it took, never the
 *    input (it can hold passwords and phone numbers).
 *
 * Three ways a browser calls an action, one per `call`:
 * - `"args"`: called from script with arguments, `action(a, b)`; the schema is a tuple.
 * - `"state"`: a form's action through `useActionState`: `(previousResult, form)`; the
 *   answer is shown by the form, and the form still posts without JavaScript.
 * - `"form"`: a plain `<form action>` that answers by post/redirect/get: `redirectTo` says
 *   where to go with the result (e.g. back to the page with a notice). Like the pages,
 *   signed out goes to sign-in and a role that may not is answered not found.
 *
 * Written here rather than with next-safe-action: its answer is `{ data, serverError,
 * validationErrors }`, while the forms, the access matrix and the bad-input corpus read one
 * `{ ok, message, fieldErrors }` shape, and its FormData and post/redirect/get support needs
 * adapters (zod-form-data, a redirect middleware) longer than this file.
 */

type Context<I> = { user: SessionUser; db: Db; input: I };

type Base<S extends z.ZodType> = {
  /** For the logs: "area.verb", e.g. "calls.sendWriteBack". */
  name: string;
  /** Who may call it: "any" signed-in user, or a role ("supervisor" admits admins). */
  role: Role | "any";
  /**
   * The input's schema, or a function that builds it for this request: a schema whose
   * messages a user reads is built with `getTranslations`, so a refused form answers in
   * the user's language (the one way every action translates its schema's messages).
   */
  schema: S | (() => Promise<S>);
};

/** Any action's answer; each action's own is inferred from what its handler returns. */
type AnyResult = ActionResult<object, object>;

type Handler<S extends z.ZodType, R extends AnyResult> = (ctx: Context<z.output<S>>) => Promise<R>;

/** A form's fields as a plain object: a name given more than once becomes a list. */
export function formFields(form: unknown): Record<string, unknown> | null {
  if (form instanceof FormData) {
    const out: Record<string, unknown> = {};
    for (const key of new Set(form.keys())) {
      // React's own bookkeeping fields of a form posted without JavaScript.
      if (key.startsWith("$ACTION")) continue;
      const all = form.getAll(key);
      out[key] = all.length === 1 ? all[0] : all;
    }
    return out;
  }
  if (typeof form === "object" && form !== null && !Array.isArray(form))
    return form as Record<string, unknown>;
  return null;
}

/** The issues of a failed parse as field errors (first path part, "form" when none). */
export function issuesAsFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "form";
    fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
  }
  return fieldErrors;
}

async function failure(code: ActionFailure["code"], fieldErrors?: FieldErrors): Promise<ActionFailure> {
  const t = await getTranslations("errors");
  const first = fieldErrors ? Object.entries(fieldErrors)[0] : undefined;
  // The first field's own message: it names its field in the user's words (a field's code,
  // such as "lowWater", is never shown).
  const message = code === "invalid" && first?.[1]?.[0] ? first[1][0] : t(`action.${code}`);
  return { ok: false, code, message, ...(fieldErrors ? { fieldErrors } : {}) };
}

async function run<S extends z.ZodType, R extends AnyResult>(
  config: Base<S>,
  user: SessionUser,
  raw: unknown,
  handler: Handler<S, R>,
): Promise<R | ActionFailure> {
  const started = performance.now();
  const done = <X extends AnyResult>(result: X): X => {
    const fields = {
      event: "action",
      action: config.name,
      by: user.username,
      ok: result.ok,
      ...(result.ok ? {} : { code: result.code }),
      ms: Math.round(performance.now() - started),
    };
    if (result.ok) log().debug(fields, "action done");
    else log().info(fields, "action refused");
    return result;
  };
  const schema = typeof config.schema === "function" ? await config.schema() : config.schema;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return done(await failure("invalid", issuesAsFieldErrors(parsed.error.issues)));
  try {
    return done(await handler({ user, db: await getDb(), input: parsed.data }));
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof ActionError) {
      const refusal: ActionFailure = {
        ok: false,
        code: error.code,
        message: error.message,
        ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
      };
      return done(refusal);
    }
    if (isDatabaseUnavailable(error)) {
      log().error({ event: "database_unavailable", action: config.name, err: error }, "action failed");
      return done(await failure("unavailable"));
    }
    log().error(
      { event: "action_failed", action: config.name, by: user.username, err: error },
      "action threw",
    );
    throw error;
  }
}

/** The signed-in user allowed to call this, or the refusal to answer (for "args" and "state"). */
async function authorise(role: Role | "any"): Promise<{ ok: true; user: SessionUser } | ActionFailure> {
  const auth = role === "any" ? await checkAuth() : await checkAuth(role);
  if (auth.ok) return auth;
  return failure(auth.status === 401 ? "unauthenticated" : "forbidden");
}

/** Called from script with arguments: the schema parses the argument list (a tuple). */
export function authAction<S extends z.ZodType<unknown[]>, R extends AnyResult>(
  config: Base<S> & { call: "args" },
  handler: Handler<S, R>,
): (...args: Extract<z.input<S>, unknown[]>) => Promise<R | ActionFailure>;
/** A form's action through useActionState: `(previousResult, form)`. */
export function authAction<S extends z.ZodType, R extends AnyResult>(
  config: Base<S> & { call: "state" },
  handler: Handler<S, R>,
): (previous: unknown, form: FormData) => Promise<R | ActionFailure>;
/** A plain form action answered by a redirect (post/redirect/get). */
export function authAction<S extends z.ZodType, R extends AnyResult>(
  config: Base<S> & {
    call: "form";
    /**
     * Where to go afterwards, with the result and the form's fields as they came (async when
     * it words a notice with getTranslations).
     */
    redirectTo: (
      result: NoInfer<R> | ActionFailure,
      fields: Record<string, unknown>,
    ) => string | Promise<string>;
  },
  handler: Handler<S, R>,
): (form: FormData) => Promise<void>;
export function authAction<S extends z.ZodType, R extends AnyResult>(
  config: Base<S> & {
    call: "args" | "state" | "form";
    redirectTo?: (
      result: NoInfer<R> | ActionFailure,
      fields: Record<string, unknown>,
    ) => string | Promise<string>;
  },
  handler: Handler<S, R>,
) {
  if (config.call === "args") {
    return async (...args: unknown[]): Promise<R | ActionFailure> => {
      const auth = await authorise(config.role);
      if (!auth.ok) return auth;
      return run(config, auth.user, args, handler);
    };
  }
  if (config.call === "state") {
    return async (_previous: unknown, form: unknown): Promise<R | ActionFailure> => {
      const auth = await authorise(config.role);
      if (!auth.ok) return auth;
      const fields = formFields(form);
      if (fields === null) {
        const t = await getTranslations("errors");
        return failure("invalid", { form: [t("action.notAForm")] });
      }
      return run(config, auth.user, fields, handler);
    };
  }
  const redirectTo = config.redirectTo;
  if (!redirectTo) throw new TypeError(`action ${config.name}: a "form" action needs redirectTo`);
  return async (form: unknown): Promise<void> => {
    // As the pages: signed out goes to sign-in, another role gets the not-found answer.
    const user =
      config.role === "any" ? await requireRole("agent", "supervisor") : await requireRole(config.role);
    const fields = formFields(form) ?? {};
    redirect(await redirectTo(await run(config, user, fields, handler), fields));
  };
}
