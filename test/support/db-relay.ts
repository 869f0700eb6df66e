import net from "node:net";

/**
 * Test support (not used by the product): a TCP relay in front of a database server, so a
 * test can make the database unreachable (cut: every connection dropped, the port closed)
 * and bring it back (restore: the same port listens again) without stopping a server that
 * other tests share.
 */
export type Relay = { port: number; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> };

export async function startRelay(targetHost: string, targetPort: number, port = 0): Promise<Relay> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    const outbound = net.connect(targetPort, targetHost);
    sockets.add(inbound);
    sockets.add(outbound);
    const drop = () => {
      inbound.destroy();
      outbound.destroy();
      sockets.delete(inbound);
      sockets.delete(outbound);
    };
    inbound.on("error", drop).on("close", drop);
    outbound.on("error", drop).on("close", drop);
    inbound.pipe(outbound);
    outbound.pipe(inbound);
  });
  const listen = (p: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(p, "127.0.0.1", () => {
        server.off("error", reject);
        const address = server.address();
        resolve(typeof address === "object" && address ? address.port : p);
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      sockets.clear();
      if (!server.listening) resolve();
      else server.close(() => resolve());
    });
  const bound = await listen(port);
  return {
    port: bound,
    cut: stop,
    async restore() {
      if (!server.listening) await listen(bound);
    },
    close: stop,
  };
}
