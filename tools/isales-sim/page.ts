import type { ReceivedRequest } from "./types";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const resultOf = (r: ReceivedRequest) => {
  if (r.answer.body === null) return "";
  try {
    const parsed: unknown = JSON.parse(r.answer.body);
    if (typeof parsed === "object" && parsed !== null && "result" in parsed) return String(parsed.result);
  } catch {
    // an HTML or empty answer (a fault): nothing to show
  }
  return "";
};

/** The page a person opens during a demo: every write-back received, newest first. */
export function renderReceivedPage(received: ReceivedRequest[]): string {
  const writeBacks = received
    .filter((r) => r.interface === "midresult" || r.interface === "result")
    .reverse();
  const rows = writeBacks
    .map((r) => {
      const answer = r.answer.fault
        ? `${r.answer.fault}${r.answer.status === null ? "" : ` (${r.answer.status})`}`
        : String(r.answer.status ?? "…");
      return `<tr><td>${r.seq}</td><td>${escapeHtml(r.at)}</td><td>${escapeHtml(r.path)}</td><td>${escapeHtml(answer)}</td><td>${escapeHtml(resultOf(r))}</td><td>${escapeHtml(r.answer.reason ?? "")}</td><td><code>${escapeHtml(r.bodyText)}</code></td></tr>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>iSales simulator: write-backs received</title>
<style>body{font:14px system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}code{white-space:pre-wrap;word-break:break-all}</style>
</head><body>
<h1>iSales simulator</h1>
<p>${writeBacks.length} write-back(s) received (of ${received.length} requests). JSON: <a href="/__sim/received">/__sim/received</a>, faults: <a href="/__sim/faults">/__sim/faults</a>.</p>
<table><thead><tr><th>#</th><th>Received</th><th>Path</th><th>HTTP answer</th><th>result</th><th>Why</th><th>Body</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="7">Nothing received yet.</td></tr>'}
</tbody></table>
</body></html>`;
}
