/** Why an upload was refused; a plain form (no JavaScript) gets the key, the import page shows the words. */
export const uploadProblems = {
  form: "Send the file as a form upload.",
  empty: "Choose a CSV or JSON file to upload.",
  large: "The file is larger than 20 MB: split it.",
  name: "The file's name holds characters that are not allowed: rename it.",
  encoding: "Encoding: choose Detect, UTF-8 or GB18030 (GBK).",
  undecodable:
    "The file is neither UTF-8 nor GB18030 (GBK): save it as UTF-8 and upload it again. Nothing was read.",
} as const;

export type UploadProblem = keyof typeof uploadProblems;

export function uploadProblemText(key: unknown): string | undefined {
  return typeof key === "string" && Object.hasOwn(uploadProblems, key)
    ? uploadProblems[key as UploadProblem]
    : undefined;
}
