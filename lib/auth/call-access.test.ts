import { describe, expect, it } from "vitest";
import { callScope, canSeeCall, hasRole } from "./call-access";
import { safeNextPath } from "./schemas";

const agent = { id: 1, role: "agent" } as const;
const otherAgent = { id: 2, role: "agent" } as const;
const supervisor = { id: 3, role: "supervisor" } as const;
const admin = { id: 4, role: "admin" } as const;

describe("canSeeCall", () => {
  it("lets an agent see only the calls assigned to them", () => {
    expect(canSeeCall(agent, { assignedTo: 1 })).toBe(true);
    expect(canSeeCall(otherAgent, { assignedTo: 1 })).toBe(false);
    // The pool belongs to nobody: an agent takes a call first.
    expect(canSeeCall(agent, { assignedTo: null })).toBe(false);
  });
  it("lets supervisors and admins see every call, pooled or assigned", () => {
    for (const user of [supervisor, admin]) {
      expect(canSeeCall(user, { assignedTo: 1 })).toBe(true);
      expect(canSeeCall(user, { assignedTo: null })).toBe(true);
    }
  });
});

describe("hasRole and callScope", () => {
  it("counts an admin as a supervisor, never the other way round", () => {
    expect(hasRole(admin, "supervisor")).toBe(true);
    expect(hasRole(supervisor, "admin")).toBe(false);
    expect(hasRole(agent, "supervisor", "admin")).toBe(false);
    expect(hasRole(agent, "agent")).toBe(true);
  });
  it("limits an agent's queries and leaves a supervisor's whole", () => {
    expect(callScope(agent)).toBeDefined();
    expect(callScope(supervisor)).toBeUndefined();
    expect(callScope(admin)).toBeUndefined();
  });
});

describe("safeNextPath", () => {
  it("keeps a local path with its query", () => {
    expect(safeNextPath("/calls/12?tab=history")).toBe("/calls/12?tab=history");
    expect(safeNextPath("/admin/users")).toBe("/admin/users");
  });
  it("sends anything else home", () => {
    for (const bad of [
      undefined,
      42,
      "",
      "calls/12",
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "/\t/evil.example",
      "/sign-in?next=/x",
      "javascript:alert(1)",
    ]) {
      expect(safeNextPath(bad), String(bad)).toBe("/");
    }
  });
});
