"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { type UploadProblem, uploadProblems } from "./upload/problems";

const answerSchema = z.object({
  id: z.number().int().optional(),
  error: z.string().optional(),
  problem: z.enum(Object.keys(uploadProblems) as [UploadProblem, ...UploadProblem[]]).optional(),
});

export function UploadForm() {
  const t = useTranslations("import.upload");
  const router = useRouter();
  const [answer, setAnswer] = useState<{ tone: "info" | "error"; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  return (
    // method, action and encType make the browser's own submission (before the script has
    // loaded, or with none) a POST of the file to the same handler, which then answers
    // with the preview page; once loaded, the script sends it and stays on this page.
    <form
      method="post"
      action="/supervisor/import/upload"
      encType="multipart/form-data"
      aria-label={t("label")}
      className="flex flex-wrap items-end gap-3"
      onSubmit={async (event) => {
        event.preventDefault();
        setPending(true);
        setAnswer({ tone: "info", text: t("reading") });
        try {
          const response = await fetch("/supervisor/import/upload", {
            method: "POST",
            headers: { Accept: "application/json" },
            body: new FormData(event.currentTarget),
          });
          const body = answerSchema.safeParse(await response.json());
          if (response.ok && body.success && body.data.id) {
            router.push(`/supervisor/import/${body.data.id}`);
            return;
          }
          const data = body.success ? body.data : {};
          // A problem with its own detail (the line of a file that cannot be read) keeps it.
          const text =
            data.problem && (!data.error || data.error === uploadProblems[data.problem])
              ? t(`problems.${data.problem}`)
              : (data.error ?? t("failed"));
          setAnswer({ tone: "error", text });
          setPending(false);
        } catch {
          setAnswer({ tone: "error", text: t("unreachable") });
          setPending(false);
        }
      }}
    >
      <Field id="file" label={t("file")}>
        {(p) => (
          <Input {...p} name="file" type="file" accept=".csv,.json,text/csv,application/json" required />
        )}
      </Field>
      <Field id="encoding" label={t("encoding")}>
        {(p) => (
          <Select {...p} name="encoding" defaultValue="auto">
            <option value="auto">{t("auto")}</option>
            <option value="utf-8">UTF-8</option>
            <option value="gb18030">{t("gb18030")}</option>
          </Select>
        )}
      </Field>
      <Button type="submit" variant="primary" pending={pending}>
        {t("submit")}
      </Button>
      {answer ? (
        <Notice tone={answer.tone} className="w-full">
          {answer.text}
        </Notice>
      ) : null}
    </form>
  );
}
