import type { Metadata } from "next";
import { listApiKeys } from "@/lib/api-keys/keys";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { CreateKeyForm, RevokeKeyForm } from "./key-forms";

export const metadata: Metadata = { title: "API keys" };
export const dynamic = "force-dynamic";

const when = (d: Date | null) => (d === null ? "never" : d.toISOString().replace("T", " ").slice(0, 19));

/** Admins only: keys of other systems for /api/v1 (see /api/v1/openapi.json). */
export default async function ApiKeysPage() {
  await requireRole("admin");
  const keys = await listApiKeys(await getDb());
  return (
    <main id="main" className="mx-auto max-w-6xl space-y-8 p-6">
      <h1 className="text-2xl font-semibold">API keys</h1>
      <p className="text-sm">
        Other systems add and read calls through <code>/api/v1/calls</code> (described at{" "}
        <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>) with a key sent as{" "}
        <code>Authorization: Bearer …</code>. Only a hash of each key is kept: a key is shown once.
      </p>
      <section aria-labelledby="make" className="space-y-3 rounded border border-slate-300 bg-white p-4">
        <h2 id="make" className="text-lg font-semibold">
          Make a key
        </h2>
        <CreateKeyForm />
      </section>
      <section aria-labelledby="keys" className="space-y-3">
        <h2 id="keys" className="text-lg font-semibold">
          Keys
        </h2>
        <table className="w-full text-left text-sm">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Starts with</th>
              <th scope="col">Tasks</th>
              <th scope="col">Limit a minute</th>
              <th scope="col">Made</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id} className="border-t border-slate-200">
                <td>{k.name}</td>
                <td className="font-mono">{k.prefix}…</td>
                <td>{k.serviceIds.join(", ")}</td>
                <td>{k.rateLimitPerMin ?? "default"}</td>
                <td>{when(k.createdAt)}</td>
                <td>{when(k.lastUsedAt)}</td>
                <td>
                  {k.revokedAt ? `revoked ${when(k.revokedAt)}` : <RevokeKeyForm id={k.id} name={k.name} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
