import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CheckboxLabel } from "@/components/ui/checkbox";
import { DeliveryStateBadge, WriteBackStateBadge } from "@/components/ui/delivery-state";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { PageHeader, PageMain, Section } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { RadioGroup } from "@/components/ui/radio-group";
import { Skeleton } from "@/components/ui/skeleton";
import { requireRole } from "@/lib/auth/guards";
import { deliveryStates, writeBackStates } from "@/lib/db/enums";
import { DevDemos } from "./demos";

export const metadata: Metadata = { title: "Design system" };

/** Every kit component in every state: admins only, everyone else gets "not found". */
export default async function DevUiPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("admin");
  const t = await getTranslations("ui.dev");
  const page = Math.min(3, Math.max(1, Number((await searchParams).page) || 1));
  return (
    <PageMain>
      <PageHeader
        title={t("title")}
        description={t("description")}
        back={{ href: "/", label: "Preview Desk" }}
      />

      <Section id="buttons" title={t("buttons")} card>
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="primary">{t("primary")}</Button>
          <Button>{t("secondary")}</Button>
          <Button variant="destructive">{t("destructive")}</Button>
          <Button variant="ghost">{t("ghost")}</Button>
          <Button variant="link">{t("link")}</Button>
          <Button variant="primary" disabled>
            {t("disabled")}
          </Button>
          <Button variant="primary" pending>
            {t("pending")}
          </Button>
          <Button pending>{t("pending")}</Button>
        </div>
      </Section>

      <Section id="fields" title={t("fields")} card>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="dev-name" label={t("name")} hint={t("nameHint")}>
            {(p) => <Input {...p} name="name" />}
          </Field>
          <Field id="dev-name-bad" label={t("name")} hint={t("nameHint")} error={t("nameError")}>
            {(p) => <Input {...p} name="nameBad" />}
          </Field>
          <Field id="dev-choice" label={t("choice")}>
            {(p) => (
              <Select {...p} name="choice" defaultValue="a">
                <option value="a">{t("choiceA")}</option>
                <option value="b">{t("choiceB")}</option>
              </Select>
            )}
          </Field>
          <Field id="dev-disabled" label={t("disabled")}>
            {(p) => <Input {...p} name="off" disabled defaultValue="—" />}
          </Field>
          <Field id="dev-notes" label={t("notes")} className="sm:col-span-2">
            {(p) => <Textarea {...p} name="notes" />}
          </Field>
          <CheckboxLabel name="tick" label={t("tick")} />
          <RadioGroup
            name="scope"
            legend={t("radios")}
            defaultValue="selected"
            options={[
              { value: "selected", label: t("radioSelected") },
              { value: "all", label: t("radioAll") },
            ]}
          />
        </div>
      </Section>

      <Section id="notices" title={t("notices")} card>
        <Notice tone="success" live={false}>
          {t("success")}
        </Notice>
        <Notice tone="info" live={false}>
          {t("info")}
        </Notice>
        <Notice tone="warning" live={false}>
          {t("warning")}
        </Notice>
        <Notice tone="error" live={false} title={t("error")} />
      </Section>

      <Section id="badges" title={t("badges")} card>
        <div className="flex flex-wrap gap-2">
          {writeBackStates.map((s) => (
            <WriteBackStateBadge key={s} state={s} />
          ))}
        </div>
        <div className="flex flex-wrap gap-2">
          {deliveryStates.map((s) => (
            <DeliveryStateBadge key={s} state={s} />
          ))}
        </div>
        <div className="flex flex-wrap gap-2">
          <Badge>neutral</Badge>
          <Badge tone="info">info</Badge>
          <Badge tone="success">success</Badge>
          <Badge tone="warning">warning</Badge>
          <Badge tone="danger">danger</Badge>
        </div>
      </Section>

      <DevDemos />

      <Section id="empty" title={t("empty")} card>
        <EmptyState title={t("emptyTitle")}>{t("emptyText")}</EmptyState>
      </Section>

      <Section id="skeletons" title={t("skeletons")} card>
        <Skeleton className="h-6 w-1/2" />
        <Skeleton className="h-6 w-full" />
      </Section>

      <Section id="pager" title={t("pager")} card>
        <Pager page={page} totalPages={3} href={(p) => `/dev/ui?page=${p}#pager`} />
      </Section>
    </PageMain>
  );
}
