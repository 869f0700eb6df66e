import type { Metadata } from "next";
import { ActionForm } from "@/app/admin/users/action-form";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { getIsalesClient, IsalesError } from "@/lib/isales/client";
import { pullTarget } from "@/lib/pull/process";
import { listPullRejects, listPullTasks } from "@/lib/pull/tasks";
import { settings } from "@/lib/settings";
import { chooseTaskAction, dropTaskAction, fetchNowAction } from "./actions";

export const metadata: Metadata = { title: "iSales tasks" };
export const dynamic = "force-dynamic";

const when = (d: Date | null) => (d === null ? "never" : d.toISOString().replace("T", " ").slice(0, 19));

async function isalesTasks(subCCNo: number, vdnId: number): Promise<{ ids: string[]; error?: string }> {
  try {
    return { ids: (await getIsalesClient().tasks(subCCNo, vdnId)).map((t) => t.serviceId) };
  } catch (error) {
    return { ids: [], error: error instanceof IsalesError ? error.message : "iSales could not be asked" };
  }
}

/** Supervisors (and admins): which iSales tasks are pulled, their stock, and what went wrong. */
export default async function TasksPage() {
  await requireRole("supervisor");
  const target = pullTarget();
  if (target === null) {
    return (
      <main id="main" className="mx-auto max-w-6xl space-y-4 p-6">
        <h1 className="text-2xl font-semibold">iSales tasks</h1>
        <p role="alert">
          The call centre is not set. Set ISALES_SUB_CC_NO and ISALES_VDN_ID, then restart Preview Desk.
        </p>
      </main>
    );
  }
  const db = await getDb();
  const s = settings();
  const [chosen, offered, rejects] = await Promise.all([
    listPullTasks(db, target.vdnId),
    isalesTasks(target.subCCNo, target.vdnId),
    listPullRejects(db, 50),
  ]);
  const chosenIds = new Set(chosen.map((t) => t.serviceId));
  const choosable = offered.ids.filter((id) => !chosenIds.has(id));

  return (
    <main id="main" className="mx-auto max-w-6xl space-y-8 p-6">
      <h1 className="text-2xl font-semibold">iSales tasks</h1>
      <p className="text-sm text-slate-700">
        Call centre {target.subCCNo}, VCC {target.vdnId}. For each chosen task Preview Desk keeps a stock of
        ready calls (not yet worked and not assigned to an agent): when it falls below the low-water mark, a
        batch is fetched, at most one request every {s.PULL_MIN_INTERVAL_MS / 1000} s per task.
      </p>

      <section aria-labelledby="choose" className="space-y-3 rounded border border-slate-300 bg-white p-4">
        <h2 id="choose" className="text-lg font-semibold">
          Choose a task
        </h2>
        {offered.error ? <p role="alert">Could not list the tasks: {offered.error}.</p> : null}
        <ActionForm action={chooseTaskAction} label="Choose a task" submitLabel="Work this task">
          <div className="flex flex-col gap-1">
            <label htmlFor="serviceId">Task</label>
            <select id="serviceId" name="serviceId" className="field" required>
              {choosable.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="lowWater">Low-water mark</label>
            <input
              id="lowWater"
              name="lowWater"
              type="number"
              min={0}
              defaultValue={s.PULL_LOW_WATER}
              className="field"
            />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="batchCount">Batch size</label>
            <input
              id="batchCount"
              name="batchCount"
              type="number"
              min={1}
              max={1000}
              defaultValue={s.PULL_BATCH_COUNT}
              className="field"
            />
          </div>
        </ActionForm>
      </section>

      <section aria-labelledby="chosen" className="space-y-3">
        <h2 id="chosen" className="text-lg font-semibold">
          Chosen tasks
        </h2>
        {chosen.length === 0 ? (
          <p>No task is chosen yet.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col">Stock</th>
                <th scope="col">Low-water / batch</th>
                <th scope="col">Last fetch</th>
                <th scope="col">Problems</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {chosen.map((t) => (
                <tr key={t.id} className="border-t border-slate-200 align-top">
                  <td>{t.serviceId}</td>
                  <td>{t.stock}</td>
                  <td>
                    <ActionForm
                      action={chooseTaskAction}
                      label={`Marks of task ${t.serviceId}`}
                      submitLabel="Save"
                    >
                      <input type="hidden" name="serviceId" value={t.serviceId} />
                      <label className="sr-only" htmlFor={`lw-${t.id}`}>
                        Low-water mark of task {t.serviceId}
                      </label>
                      <input
                        id={`lw-${t.id}`}
                        name="lowWater"
                        type="number"
                        min={0}
                        defaultValue={t.lowWater}
                        className="field w-20"
                      />
                      <label className="sr-only" htmlFor={`bc-${t.id}`}>
                        Batch size of task {t.serviceId}
                      </label>
                      <input
                        id={`bc-${t.id}`}
                        name="batchCount"
                        type="number"
                        min={1}
                        max={1000}
                        defaultValue={t.batchCount}
                        className="field w-20"
                      />
                    </ActionForm>
                  </td>
                  <td>
                    {when(t.lastSuccessAt)}
                    {t.lastFetched !== null ? ` (${t.lastFetched} calls)` : ""}
                    {t.workedOut ? " · worked out" : ""}
                  </td>
                  <td>
                    {t.failures > 0 ? (
                      <span className="text-red-800">
                        {t.failures} failure(s) in a row; last: {t.lastError} at {when(t.lastErrorAt)}; next
                        try {when(t.nextFetchAt)}
                      </span>
                    ) : (
                      "none"
                    )}
                  </td>
                  <td className="space-y-1">
                    <ActionForm
                      action={fetchNowAction}
                      label={`Fetch now for task ${t.serviceId}`}
                      submitLabel="Fetch now"
                    >
                      <input type="hidden" name="serviceId" value={t.serviceId} />
                    </ActionForm>
                    <ActionForm
                      action={dropTaskAction}
                      label={`Stop working task ${t.serviceId}`}
                      submitLabel="Stop"
                    >
                      <input type="hidden" name="serviceId" value={t.serviceId} />
                    </ActionForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="rejects" className="space-y-3">
        <h2 id="rejects" className="text-lg font-semibold">
          Records that could not be read
        </h2>
        {rejects.length === 0 ? (
          <p>None.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Task</th>
                <th scope="col">Why</th>
                <th scope="col">As received</th>
              </tr>
            </thead>
            <tbody>
              {rejects.map((r) => (
                <tr key={r.id} className="border-t border-slate-200 align-top">
                  <td>{when(r.fetchedAt)}</td>
                  <td>{r.serviceId}</td>
                  <td>{r.reason}</td>
                  <td>
                    <code className="break-all">{r.raw}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
