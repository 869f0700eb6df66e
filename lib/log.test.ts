import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, withoutQuery } from "./log";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger("info", stream), text: () => lines.join("") };
}

const phone = "13712345678";
const password = "agent1-demo-pass";

describe("log redaction", () => {
  it("cuts the query string off every address it logs, wherever it sits", () => {
    const { logger, text } = capture();
    logger.info({ url: `/sign-in?username=agent1&password=${password}` }, "a");
    logger.info({ path: `/api/calls?q=${phone}` }, "b");
    logger.info({ next: `/?q=${phone}#x` }, "c");
    logger.info({ req: { url: `/x?phone=${phone}`, headers: { referer: `https://desk/?q=${phone}` } } }, "d");
    logger.info({ headers: { "x-preview-desk-path": `/review?q=${phone}` } }, "e");
    logger.info({ request: { href: `http://h/sign-in?password=${password}` } }, "f");
    const out = text();
    expect(out).not.toContain(phone);
    expect(out).not.toContain(password);
    // The path itself is kept: the log still says where.
    expect(out).toContain('"url":"/sign-in?[redacted]"');
    expect(out).toContain('"path":"/api/calls?[redacted]"');
    expect(out).toContain('"referer":"https://desk/?[redacted]"');
    expect(out).toContain('"href":"http://h/sign-in?[redacted]"');
  });

  it("leaves an address without a query as it is", () => {
    const { logger, text } = capture();
    logger.info({ path: "/rest/isales/v1/openapi/obs/business/push/midresult" }, "sent");
    expect(text()).toContain('"path":"/rest/isales/v1/openapi/obs/business/push/midresult"');
  });

  it("still hides secrets and cookies", () => {
    const { logger, text } = capture();
    logger.info({ password, token: "t0ken-value", headers: { cookie: "pd_session=abc123" } }, "x");
    const out = text();
    expect(out).not.toContain(password);
    expect(out).not.toContain("t0ken-value");
    expect(out).not.toContain("abc123");
  });

  it("withoutQuery keeps non-text values and cuts at ? or #", () => {
    expect(withoutQuery(["a"])).toEqual(["a"]);
    expect(withoutQuery("/a#frag")).toBe("/a?[redacted]");
    expect(withoutQuery("/a")).toBe("/a");
  });
});
