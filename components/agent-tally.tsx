import { getTranslations } from "next-intl/server";
import { agentTally } from "@/lib/calls/queries";
import { startOfTodayIn } from "@/lib/calls/today";
import { userTimeZone } from "@/lib/calls/user-time-zone";
import { getDb } from "@/lib/db";

/**
 * The agent's tally in the header: written back today, of those accepted, and waiting
 * (on their way to iSales). Read on the server for the signed-in agent only, in one
 * indexed query. It is part of the layout, so the router refresh that follows every send
 * (and every write-back that becomes final) renders it again: no endpoint, no polling, no
 * client code.
 */
export async function AgentTally({ agentId }: { agentId: number }) {
  const [t, db, zone] = await Promise.all([getTranslations("common.tally"), getDb(), userTimeZone()]);
  const tally = await agentTally(db, agentId, startOfTodayIn(zone));
  return (
    <ul aria-label={t("label")} data-testid="agent-tally" className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
      <li className="font-semibold text-foreground">{t("doneToday", { count: tally.doneToday })}</li>
      <li className="text-success-fg">{t("accepted", { count: tally.accepted })}</li>
      <li className="text-info-fg">{t("waiting", { count: tally.waiting })}</li>
    </ul>
  );
}
