/** Why an upload was refused; a plain form (no JavaScript) gets the key, the import page shows the words. */
export const uploadProblems = {
  form: "Send the file as a form upload.",
  empty: "Choose a CSV or JSON file to upload.",
  large: "The file is larger than 20 MB: split it.",
} as const;

export type UploadProblem = keyof typeof uploadProblems;

export function uploadProblemText(key: unknown): string | undefined {
  return typeof key === "string" && Object.hasOwn(uploadProblems, key)
    ? uploadProblems[key as UploadProblem]
    : undefined;
}
