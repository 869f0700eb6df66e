import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { clientAddressHeader, installClientAddressStamp, resolveClientAddress } from "./client-address";

describe("resolveClientAddress", () => {
  it("believes no X-Forwarded-For when no proxy is trusted (the default)", () => {
    expect(resolveClientAddress("203.0.113.7", "1.2.3.4", [])).toBe("203.0.113.7");
    expect(resolveClientAddress("203.0.113.7", "1.2.3.4, 5.6.7.8", [])).toBe("203.0.113.7");
  });

  it("takes the address the trusted proxy saw, not what the client wrote before it", () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the client's real address.
    expect(resolveClientAddress("10.0.0.2", "1.2.3.4, 198.51.100.9", ["10.0.0.0/8"])).toBe("198.51.100.9");
    expect(resolveClientAddress("10.0.0.2", "198.51.100.9", ["10.0.0.2"])).toBe("198.51.100.9");
  });

  it("walks past several trusted hops and ignores a header from an untrusted peer", () => {
    expect(resolveClientAddress("10.0.0.2", "198.51.100.9, 10.0.0.5", ["10.0.0.0/8"])).toBe("198.51.100.9");
    expect(resolveClientAddress("192.0.2.1", "198.51.100.9", ["10.0.0.0/8"])).toBe("192.0.2.1");
  });

  it("understands loopback and IPv4-mapped IPv6 peers", () => {
    expect(resolveClientAddress("::ffff:127.0.0.1", "198.51.100.9", ["loopback"])).toBe("198.51.100.9");
    expect(resolveClientAddress(undefined, "198.51.100.9", ["loopback"])).toBe("unknown");
  });
});

describe("installClientAddressStamp", () => {
  it("stamps every request of a real HTTP server with its peer, overriding a forged copy", async () => {
    installClientAddressStamp([]);
    const header = clientAddressHeader();
    const server = http.createServer((req, res) => {
      res.end(String(req.headers[header]));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`, {
        headers: { "x-forwarded-for": "1.2.3.4", [header]: "6.6.6.6" },
      });
      expect(await res.text()).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });
});
