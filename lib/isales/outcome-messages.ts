import type { NoAnswerReason, OutcomeMessage, WriteBackOutcome } from "./types";

/**
 * Plain words for agents about a write-back: what happened and what to do next, from the
 * meanings iSales documents for its answers. Browser-safe: no server imports.
 */

/**
 * Result codes iSales documents for related interfaces. The 02000001-02000011 family is
 * published as a group (a parameter empty, with illegal characters, too long, too short,
 * out of range, of the wrong type ...) without saying which number is which, so it gets
 * the group's meaning rather than a guessed one.
 */
const namedResultCodes: Record<string, string> = {
  "0200001": "a parameter is wrong (parameter exception)",
  "0200033": "iSales has no such outbound call record (outbound data does not exist)",
};
const parameterFamily =
  "a value is not accepted (empty, illegal characters, too long or too short, out of range, or of the wrong type)";

/** What a result code means, when iSales documents it; undefined otherwise. */
export function resultCodeMeaning(code: string): string | undefined {
  const named = namedResultCodes[code];
  if (named) return named;
  if (/^020000(0[1-9]|1[01])$/.test(code)) return parameterFamily;
  return undefined;
}

const noAnswerWords: Record<NoAnswerReason, string> = {
  timeout: "iSales did not answer in time",
  refused: "iSales refused the connection",
  reset: "the connection to iSales broke before it answered",
  dns: "the iSales address could not be found",
  other: "iSales could not be reached",
};

export function describeOutcome(outcome: WriteBackOutcome): OutcomeMessage {
  switch (outcome.kind) {
    case "accepted":
      return {
        tone: "success",
        title: "iSales accepted the outcome.",
        action: "Nothing more to do for this call.",
      };
    case "refused": {
      const meaning = resultCodeMeaning(outcome.resultCode);
      return {
        tone: "error",
        title: `iSales refused the outcome with code ${outcome.resultCode}${meaning ? `: ${meaning}` : ""}.`,
        action:
          outcome.resultCode === "0200033"
            ? "Check that this call still exists in iSales; if it does, tell a supervisor."
            : "Check the values you entered, correct them and send again. If it happens again, tell a supervisor.",
      };
    }
    case "http_error":
      return describeHttpError(outcome.httpStatus);
    case "no_answer":
      return {
        tone: "warning",
        title: `Not sent: ${noAnswerWords[outcome.reason]}. Nothing was refused.`,
        action:
          "Your outcome is saved. Try sending again in a moment; if it keeps failing, tell a supervisor.",
      };
    case "invalid_answer":
      return {
        tone: "warning",
        title: "iSales answered something we could not read, so we do not know whether it took the outcome.",
        action: "Your outcome is saved. Send again; if it keeps happening, tell a supervisor.",
      };
  }
}

function describeHttpError(status: number): OutcomeMessage {
  switch (status) {
    case 400:
      return {
        tone: "error",
        title: "iSales said the request was wrong (HTTP 400).",
        action: "Tell a supervisor: the request Preview Desk sends, or the iSales address, needs checking.",
      };
    case 401:
      return {
        tone: "error",
        title:
          "iSales refused the account (HTTP 401): the service is not purchased or the account's state does not allow it.",
        action: "Tell a supervisor; they need to check the iSales account.",
      };
    case 403:
      return {
        tone: "error",
        title:
          "iSales did not accept our credentials (HTTP 403), even after trying again with a fresh token.",
        action: "Your outcome is saved. Tell a supervisor: the iSales token or log-in needs checking.",
      };
    case 404:
      return {
        tone: "error",
        title: "iSales did not find the address we sent to (HTTP 404).",
        action: "Tell a supervisor: the iSales address is set wrong.",
      };
    case 500:
      return {
        tone: "error",
        title: "iSales could not process the outcome (HTTP 500): a value is wrong.",
        action: "Check the values (number dialled, times, codes), correct them and send again.",
      };
    case 429:
      return {
        tone: "warning",
        title: "iSales is receiving too many requests (HTTP 429).",
        action: "Your outcome is saved. Wait a minute and send again.",
      };
    default:
      return {
        tone: status >= 500 ? "warning" : "error",
        title: `iSales answered with an error (HTTP ${status}).`,
        action:
          status >= 500
            ? "Your outcome is saved. Try again in a moment; if it keeps failing, tell a supervisor."
            : "Tell a supervisor, with this code.",
      };
  }
}

const noAnswerReasons: readonly NoAnswerReason[] = ["timeout", "refused", "reset", "dns", "other"];

/** A stored attempt (write_backs row) as an outcome; null while it is pending. */
export function outcomeFromRecord(row: {
  outcome: string;
  httpStatus: number | null;
  resultCode: string | null;
  failureReason: string | null;
  responseBody: string | null;
}): WriteBackOutcome | null {
  switch (row.outcome) {
    case "accepted":
      return { kind: "accepted", httpStatus: 200, resultCode: row.resultCode ?? "0" };
    case "refused":
      return { kind: "refused", httpStatus: 200, resultCode: row.resultCode ?? "" };
    case "http_error":
      return { kind: "http_error", httpStatus: row.httpStatus ?? 0 };
    case "no_answer": {
      const reason = noAnswerReasons.find((r) => r === row.failureReason) ?? "other";
      return { kind: "no_answer", reason };
    }
    case "invalid_answer":
      return {
        kind: "invalid_answer",
        httpStatus: row.httpStatus ?? 200,
        bodyExcerpt: (row.responseBody ?? "").slice(0, 200),
      };
    default:
      return null;
  }
}
