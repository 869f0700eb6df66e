import { useTranslations } from "next-intl";
import type { DeliveryState, WriteBackState } from "@/lib/db/enums";
import { Badge, type Tone } from "./badge";

/**
 * The one place that says how a state reads and what colour it has: a call's write-back
 * state (lists, review, filters, counts) and a single write-back's delivery state (queue,
 * bulk progress, attempts). The words are next-intl messages, `ui.writeBackState.*` and
 * `ui.deliveryState.*`; every badge, filter and count takes them from here.
 */
export const writeBackStateTone: Record<WriteBackState, Tone> = {
  none: "neutral",
  pending: "info",
  accepted: "success",
  refused: "danger",
  failed: "warning",
};

export const deliveryStateTone: Record<DeliveryState, Tone> = {
  queued: "neutral",
  sending: "info",
  retrying: "warning",
  accepted: "success",
  attention: "danger",
  superseded: "neutral",
  cancelled: "neutral",
};

/** The words of every state, for a component that lists them (filters, counts). */
export function useStateWords() {
  const t = useTranslations("ui");
  return {
    writeBack: (s: WriteBackState) => t(`writeBackState.${s}`),
    delivery: (s: DeliveryState) => t(`deliveryState.${s}`),
  };
}

export function WriteBackStateBadge({ state }: { state: WriteBackState }) {
  const t = useTranslations("ui");
  return <Badge tone={writeBackStateTone[state]}>{t(`writeBackState.${state}`)}</Badge>;
}

export function DeliveryStateBadge({ state }: { state: DeliveryState }) {
  const t = useTranslations("ui");
  return <Badge tone={deliveryStateTone[state]}>{t(`deliveryState.${state}`)}</Badge>;
}
