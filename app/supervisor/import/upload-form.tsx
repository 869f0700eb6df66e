"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

export function UploadForm() {
  const router = useRouter();
  const [message, setMessage] = useState("");
  const [pending, setPending] = useState(false);
  return (
    // method, action and encType make the browser's own submission (before the script has
    // loaded, or with none) a POST of the file to the same handler, which then answers
    // with the preview page; once loaded, the script sends it and stays on this page.
    <form
      method="post"
      action="/supervisor/import/upload"
      encType="multipart/form-data"
      aria-label="Upload a file of calls"
      className="flex flex-wrap items-end gap-2"
      onSubmit={async (event) => {
        event.preventDefault();
        setPending(true);
        setMessage("Reading the file…");
        try {
          const response = await fetch("/supervisor/import/upload", {
            method: "POST",
            headers: { Accept: "application/json" },
            body: new FormData(event.currentTarget),
          });
          const body = (await response.json()) as { id?: number; error?: string };
          if (response.ok && body.id) router.push(`/supervisor/import/${body.id}`);
          else setMessage(body.error ?? "The upload failed; try again.");
        } catch {
          setMessage("The upload failed: the server could not be reached.");
        } finally {
          setPending(false);
        }
      }}
    >
      <div className="flex flex-col gap-1">
        <label htmlFor="file">File of calls (CSV or JSON)</label>
        <input id="file" name="file" type="file" accept=".csv,.json,text/csv,application/json" required />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="encoding">Encoding</label>
        <select id="encoding" name="encoding" defaultValue="auto" className="field">
          <option value="auto">Detect (UTF-8, else GB18030)</option>
          <option value="utf-8">UTF-8</option>
          <option value="gb18030">GB18030 / GBK (Excel in Chinese)</option>
        </select>
      </div>
      <button type="submit" className="button-secondary" disabled={pending}>
        Upload and check
      </button>
      <p role="status" aria-live="polite" className="w-full text-sm">
        {message}
      </p>
    </form>
  );
}
