import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { QueryProvider } from "@/components/calls/query-provider";
import { ReviewTable, type ReviewTableRow } from "@/components/review/review-table";
import { StateCounts } from "@/components/review/state-counts";
import { TimeZoneDefault } from "@/components/review/time-zone-default";
import { ActionNotice } from "@/components/ui/action-notice";
import { buttonVariants } from "@/components/ui/button";
import { useStateWords } from "@/components/ui/delivery-state";
import { Field } from "@/components/ui/field";
import { Input, Options, Select } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { PageHeader, PageMain } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { RadioGroup } from "@/components/ui/radio-group";
import { SubmitButton } from "@/components/ui/submit-button";
import { TableSection } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import { TimeZoneInput } from "@/components/ui/time-zone-input";
import { listActiveAgents } from "@/lib/assignment/assignment";
import { requireRole } from "@/lib/auth/guards";
import { listServiceIds } from "@/lib/calls/queries";
import { catalogue } from "@/lib/catalogue";
import { getDb } from "@/lib/db";
import { type WriteBackState, writeBackStates } from "@/lib/db/enums";
import { formatIsalesTime } from "@/lib/isales/body";
import { recentBulkJobs } from "@/lib/review/bulk";
import {
  parseReviewFilter,
  type ReviewFilter,
  type ReviewSortKey,
  reviewSearch,
  reviewSortKeys,
} from "@/lib/review/filter";
import { listReviewWithCounts } from "@/lib/review/queries";
import { assignAction, planBulkAction, planFinaliseAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("review"))("title") };
}

const href = (filter: Partial<ReviewFilter>, page = false) => `/review?${reviewSearch(filter, { page })}`;

/** "5 Call failed / 00146 No answer": the raw codes with their meanings from the catalogue. */
function outcomeWords(status: string | null, failCode: string | null): string {
  const c = catalogue();
  const part = (code: string | null, meaning: string | undefined) =>
    code === null ? null : meaning ? `${code} ${meaning}` : code;
  return [
    part(status, c.statuses.find((s) => s.code === status)?.label),
    part(failCode, c.failCodes.find((f) => f.code === failCode)?.meaning),
  ]
    .filter(Boolean)
    .join(" / ");
}

/**
 * All calls for supervisors. The address is the single source of the filter: the form's
 * controls, the count links, the sort headers, the pager and the export all read and
 * write the same query string (the form is keyed by it, so after any navigation its
 * controls show what is applied).
 */
export default async function ReviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("supervisor");
  const params = await searchParams;
  const parsed = parseReviewFilter(params);
  const filter: ReviewFilter = parsed.ok
    ? parsed.filter
    : (parseReviewFilter({}) as { ok: true; filter: ReviewFilter }).filter;
  const db = await getDb();
  const [{ page, counts }, agents, serviceIds, bulkJobs, t] = await Promise.all([
    listReviewWithCounts(db, filter),
    listActiveAgents(db),
    listServiceIds(db),
    recentBulkJobs(db),
    getTranslations("review"),
  ]);
  const search = reviewSearch(filter);
  const totalPages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const at = (d: Date | null) => (d ? formatIsalesTime(d, filter.tz) : "");
  const rows: ReviewTableRow[] = page.rows.map((r) => ({
    id: r.id,
    uniqueId: r.uniqueId,
    serviceId: r.serviceId,
    agent: r.agent,
    fetched: at(r.fetchTime),
    written: at(r.lastWriteBackAt),
    state: r.writeBackState,
    outcome: outcomeWords(r.status, r.failCode),
  }));
  const sortHrefs = Object.fromEntries(
    reviewSortKeys.map((key: ReviewSortKey) => [
      key,
      href({
        ...filter,
        sort: key,
        dir: filter.sort === key && filter.dir === "desc" ? "asc" : "desc",
        page: 1,
      }),
    ]),
  );
  const countHrefs = Object.fromEntries(
    writeBackStates.map((s) => [s, href({ ...filter, state: filter.state === s ? undefined : s, page: 1 })]),
  ) as Record<WriteBackState, string>;
  const c = catalogue();

  return (
    <PageMain width="full">
      {params.tz === undefined && <TimeZoneDefault search={search} />}
      <PageHeader title={t("heading")} />
      {!parsed.ok && (
        <Notice tone="error">
          {t("badFilter", {
            parameter: parsed.parameter,
            // What the parameter must be, in the user's language (the English detail otherwise).
            message: t.has(`filterProblem.${parsed.parameter}` as never)
              ? t(`filterProblem.${parsed.parameter}` as never)
              : parsed.message,
          })}
        </Notice>
      )}
      <ActionNotice params={params} />

      <QueryProvider>
        <StateCounts initial={counts} search={search} hrefs={countHrefs} current={filter.state} />
      </QueryProvider>

      <form
        key={search}
        method="get"
        action="/review"
        aria-label={t("filter.label")}
        className="flex flex-wrap items-end gap-3"
      >
        <Field id="f-agent" label={t("filter.agent")}>
          {(p) => (
            <Select {...p} name="agent" defaultValue={filter.agent ?? ""}>
              <option value="">{t("filter.anyone")}</option>
              <option value="pool">{t("filter.pool")}</option>
              <Options values={agents.map((a) => a.username)} />
            </Select>
          )}
        </Field>
        <Field id="f-task" label={t("filter.task")}>
          {(p) => (
            <Select {...p} name="serviceId" defaultValue={filter.serviceId ?? ""}>
              <option value="">{t("filter.anyTask")}</option>
              <Options values={serviceIds} />
            </Select>
          )}
        </Field>
        <Field id="f-state" label={t("filter.state")}>
          {(p) => <StateSelect {...p} value={filter.state} anyLabel={t("filter.anyState")} />}
        </Field>
        <Field id="f-status" label={t("filter.status")}>
          {(p) => (
            <Select {...p} name="status" defaultValue={filter.status ?? ""}>
              <option value="">{t("filter.anyStatus")}</option>
              {c.statuses.map((s) => (
                <option key={s.code} value={s.code}>
                  {`${s.code} ${s.label}`}
                </option>
              ))}
              {filter.status && !c.statuses.some((s) => s.code === filter.status) ? (
                <option value={filter.status}>{filter.status}</option>
              ) : null}
            </Select>
          )}
        </Field>
        <Field id="f-fail-code" label={t("filter.failCode")}>
          {(p) => (
            <>
              <Input
                {...p}
                name="failCode"
                list="f-fail-codes"
                defaultValue={filter.failCode ?? ""}
                className="w-32"
                autoComplete="off"
              />
              <datalist id="f-fail-codes">
                {c.failCodes.map((f) => (
                  <option key={f.code} value={f.code}>
                    {f.meaning}
                  </option>
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field id="f-date-field" label={t("filter.dateField")}>
          {(p) => (
            <Select {...p} name="dateField" defaultValue={filter.dateField}>
              <option value="fetched">{t("columns.fetched")}</option>
              <option value="written">{t("columns.written")}</option>
            </Select>
          )}
        </Field>
        <Field id="f-from" label={t("filter.from")}>
          {(p) => <Input {...p} type="date" name="from" defaultValue={filter.from ?? ""} />}
        </Field>
        <Field id="f-to" label={t("filter.to")}>
          {(p) => <Input {...p} type="date" name="to" defaultValue={filter.to ?? ""} />}
        </Field>
        <Field id="f-tz" label={t("filter.timeZone")}>
          {(p) => <TimeZoneInput {...p} name="tz" defaultValue={filter.tz} className="w-52" required />}
        </Field>
        <input type="hidden" name="sort" value={filter.sort} />
        <input type="hidden" name="dir" value={filter.dir} />
        <SubmitButton>{t("filter.apply")}</SubmitButton>
        <a
          href={`/api/review/export?${search}`}
          className={buttonVariants({ variant: "secondary" })}
          download
        >
          {t("export")}
        </a>
        {/* The CSV header option: the headings in the other language (codes and times are the same). */}
        <a
          href={`/api/review/export?${search}&lang=${(await getLocale()) === "en" ? "zh-CN" : "en"}`}
          className={buttonVariants({ variant: "link" })}
          download
        >
          {t("exportOther")}
        </a>
      </form>

      <form method="post" className="space-y-3">
        <input type="hidden" name="filter" value={search} />
        <fieldset className="flex flex-wrap items-end gap-4 rounded-card border border-border bg-surface p-3">
          <legend className="px-1 text-sm font-semibold">{t("bulk.legend")}</legend>
          <RadioGroup
            name="scope"
            legend={t("bulk.scope")}
            legendClassName="sr-only"
            defaultValue="selected"
            options={[
              { value: "selected", label: t("bulk.selected") },
              {
                value: "filter",
                label: t(page.estimated ? "bulk.allAbout" : "bulk.all", { count: page.total }),
              },
            ]}
          />
          <Field id="assign-to" label={t("bulk.assignTo")}>
            {(p) => (
              <Select {...p} name="assignTo" defaultValue="">
                <option value="" disabled>
                  {t("bulk.choose")}
                </option>
                <option value="pool">{t("bulk.toPool")}</option>
                <Options values={agents.map((a) => a.username)} />
              </Select>
            )}
          </Field>
          <SubmitButton formAction={assignAction} variant="secondary" data-action="assign">
            {t("bulk.assign")}
          </SubmitButton>
          <SubmitButton formAction={planBulkAction} variant="secondary" data-action="plan-bulk">
            {t("bulk.plan")}
          </SubmitButton>
          <SubmitButton formAction={planFinaliseAction} variant="secondary" data-action="plan-finalise">
            {t("bulk.finalise")}
          </SubmitButton>
        </fieldset>

        <p className="text-sm text-muted" aria-live="polite">
          {t(page.estimated ? "totalAbout" : "total", { count: page.total, zone: filter.tz })}
        </p>
        <ReviewTable
          rows={rows}
          sorting={{ by: filter.sort, dir: filter.dir, hrefs: sortHrefs }}
          back={href(filter, true)}
        />
      </form>

      <Pager
        page={filter.page}
        totalPages={totalPages}
        estimated={page.estimated}
        href={(n) => href({ ...filter, page: n }, true)}
      />

      {bulkJobs.length > 0 && (
        <TableSection
          id="bulk-heading"
          title={t("recent.heading")}
          headings={[
            t("recent.job"),
            t("recent.state"),
            t("recent.calls"),
            t("recent.made", { zone: filter.tz }),
          ]}
          rows={bulkJobs.map((job) => ({
            key: job.id,
            cells: [
              <TextLink key="l" href={`/review/bulk/${job.id}`}>
                {job.kind === "finalise"
                  ? t("recent.finaliseName", { id: job.id })
                  : t("recent.name", { id: job.id })}
              </TextLink>,
              t(`bulkState.${job.state}`),
              job.state === "sent"
                ? t("recent.queued", { count: job.queued })
                : t("recent.chosen", { count: job.callIds.length }),
              at(job.createdAt),
            ],
          }))}
        />
      )}
    </PageMain>
  );
}

/** The state filter: its words from the one state module. */
function StateSelect({
  value,
  anyLabel,
  ...p
}: {
  id: string;
  value: WriteBackState | undefined;
  anyLabel: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}) {
  const words = useStateWords();
  return (
    <Select {...p} name="state" defaultValue={value ?? ""}>
      <option value="">{anyLabel}</option>
      {writeBackStates.map((s) => (
        <option key={s} value={s}>
          {words.writeBack(s)}
        </option>
      ))}
    </Select>
  );
}
