import "server-only";
import { randomBytes } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import http from "node:http";
import proxyaddr from "proxy-addr";

/**
 * The client's address, for the per-address sign-in limit. Next.js keeps a client-sent
 * X-Forwarded-For as it is and only fills it from the socket when it is missing, so the
 * header alone cannot be believed: a client would pick a fresh "address" per request and
 * never reach the limit. Only the server's socket knows the peer, and only the settings know
 * which peers are our proxies.
 */

/** Whom X-Forwarded-For is believed from: nobody by default. */
export function resolveClientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trustedProxies: readonly string[],
): string {
  if (!peer) return "unknown";
  const trust = proxyaddr.compile([...trustedProxies]);
  // proxy-addr walks X-Forwarded-For from the right, past every trusted hop, and stops at
  // the first address that is not ours (or the peer itself when the peer is not trusted).
  const req = {
    headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
    socket: { remoteAddress: peer },
    connection: { remoteAddress: peer },
  } as unknown as IncomingMessage;
  return proxyaddr(req, trust);
}

const globalForAddress = globalThis as unknown as {
  __previewDeskClientHeader?: string;
  __previewDeskClientStamp?: boolean;
};

/**
 * The request header that carries the address worked out at the socket. Its name has a
 * random part made once per process, so a client cannot send one of its own that is taken
 * for it (the stamp also removes any copy before setting it).
 */
export function clientAddressHeader(): string {
  globalForAddress.__previewDeskClientHeader ??= `x-preview-desk-client-${randomBytes(8).toString("hex")}`;
  return globalForAddress.__previewDeskClientHeader;
}

/**
 * Called once at server start (instrumentation.ts): every HTTP request the process receives
 * gets the client address, worked out from the socket's peer and TRUSTED_PROXIES, in
 * clientAddressHeader(). Next.js gives route handlers and actions no access to the socket;
 * wrapping the server's "request" event is the one place that still has it.
 */
export function installClientAddressStamp(trustedProxies: readonly string[]): void {
  if (globalForAddress.__previewDeskClientStamp) return;
  globalForAddress.__previewDeskClientStamp = true;
  const header = clientAddressHeader();
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as IncomingMessage;
      const xff = req.headers["x-forwarded-for"];
      req.headers[header] = resolveClientAddress(
        req.socket.remoteAddress,
        Array.isArray(xff) ? xff.join(",") : xff,
        trustedProxies,
      );
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}
