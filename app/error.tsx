"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { errorMessageKeys } from "@/components/errors/error-message";
import { ErrorPanel } from "@/components/errors/error-panel";
import { Button } from "@/components/ui/button";

/** A page that failed: a readable message by the error's digest, and a way to try again. */
export default function PageError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations("errors.page");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const keys = errorMessageKeys(error.digest);
  return (
    <ErrorPanel
      title={t(keys.title)}
      text={t(keys.text)}
      reference={error.digest ? t("reference", { digest: error.digest }) : undefined}
      action={
        <Button
          variant="primary"
          pending={pending}
          onClick={() =>
            startTransition(() => {
              router.refresh();
              reset();
            })
          }
        >
          {pending ? t("retrying") : t("retry")}
        </Button>
      }
    />
  );
}
