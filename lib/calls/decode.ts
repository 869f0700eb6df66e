/**
 * The bytes of an import file as text. Excel in a Chinese locale saves CSV as GBK/GB18030,
 * everything else as UTF-8 (often with a byte-order mark): both are read correctly, chosen
 * by the user or detected (valid UTF-8 is UTF-8; else strict GB18030). A file that is
 * neither is refused with the first bad line, never read with replacement characters.
 * Node's full ICU decodes GB18030 (a superset of GBK and GB2312) strictly with `fatal`.
 */

export const importEncodings = ["utf-8", "gb18030"] as const;
export type ImportEncoding = (typeof importEncodings)[number];
export type EncodingChoice = ImportEncoding | "auto";

export const encodingNames: Record<ImportEncoding, string> = { "utf-8": "UTF-8", gb18030: "GB18030 (GBK)" };

export type Decoded =
  | { ok: true; text: string; encoding: ImportEncoding; detected: boolean; bom: boolean }
  | {
      ok: false;
      line: number;
      /** Why, for the import page to say in the user's language; `message` is the English. */
      reason: "utf-16" | "neither" | "not-encoding" | "nul";
      message: string;
    };

/** How the preview and the command say which encoding was used. */
export function describeEncoding(d: { encoding: ImportEncoding; detected: boolean; bom: boolean }): string {
  const how = d.detected ? "detected" : "chosen";
  return `${encodingNames[d.encoding]}${d.bom ? " with byte-order mark" : ""}, ${how}`;
}

const decoderFor = (encoding: ImportEncoding) => new TextDecoder(encoding, { fatal: true, ignoreBOM: true });

/**
 * Whether GB18030 bytes hold a lone 0x80 where a character starts. The WHATWG decoder reads
 * it as the euro sign (a Windows code page 936 extension); GB18030 itself has no such
 * one-byte character, and a lone 0x80 is far more often a broken UTF-8 sequence (the middle
 * of a character cut off) than a euro sign saved by old Windows software. Refused, so that
 * a broken UTF-8 file is never read as GB18030 text without a word.
 */
function hasLoneGbEuro(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) i += 1;
    else if (b === 0x80) return true;
    else {
      const next = bytes[i + 1] ?? 0;
      i += next >= 0x30 && next <= 0x39 ? 4 : 2;
    }
  }
  return false;
}

function tryDecode(bytes: Uint8Array, encoding: ImportEncoding): string | null {
  try {
    const text = decoderFor(encoding).decode(bytes);
    return encoding === "gb18030" && hasLoneGbEuro(bytes) ? null : text;
  } catch {
    return null;
  }
}

/**
 * The first line (1-based) that does not decode. In UTF-8 and GB18030 the byte 0x0A is
 * always a line feed (never part of a longer character), so lines can be tried one by one.
 */
function firstBadLine(bytes: Uint8Array, encoding: ImportEncoding): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i += 1) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (tryDecode(bytes.subarray(start, i), encoding) === null) return line;
      line += 1;
      start = i + 1;
    }
  }
  return 1;
}

export function decodeImportFile(input: Uint8Array, choice: EncodingChoice = "auto"): Decoded {
  if ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff)) {
    return {
      ok: false,
      line: 1,
      reason: "utf-16",
      message: "is UTF-16: save it as UTF-8 (or GB18030) and upload it again",
    };
  }
  const bom = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf;
  const bytes = bom && choice !== "gb18030" ? input.subarray(3) : input;
  let encoding: ImportEncoding;
  let text: string | null;
  if (choice === "auto") {
    encoding = "utf-8";
    text = tryDecode(bytes, "utf-8");
    if (text === null && !bom) {
      const gb = tryDecode(bytes, "gb18030");
      if (gb !== null) {
        encoding = "gb18030";
        text = gb;
      }
    }
    if (text === null) {
      return {
        ok: false,
        line: firstBadLine(bytes, "utf-8"),
        reason: "neither",
        message:
          "is neither UTF-8 nor GB18030 (GBK): this line has bytes that are not text in either; save the file as UTF-8 and upload it again",
      };
    }
  } else {
    encoding = choice;
    text = tryDecode(bytes, choice);
    if (text === null) {
      return {
        ok: false,
        line: firstBadLine(bytes, choice),
        reason: "not-encoding",
        message: `is not ${encodingNames[choice]}: this line has bytes that are not ${encodingNames[choice]} text; choose another encoding or save the file as UTF-8`,
      };
    }
  }
  // A NUL in a "text" file means another encoding (UTF-16 without a mark) or not text at all;
  // the database could not store it either.
  const nul = text.indexOf("\u0000");
  if (nul !== -1) {
    const line = text.slice(0, nul).split("\n").length;
    return {
      ok: false,
      line,
      reason: "nul",
      message: "contains a NUL character: this is not a text file in UTF-8 or GB18030",
    };
  }
  return { ok: true, text, encoding, detected: choice === "auto", bom: bom && choice !== "gb18030" };
}
