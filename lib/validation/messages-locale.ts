import "server-only";
import type { Locale } from "@/i18n/config";
import enValidation from "@/messages/en/validation.json";
import zhValidation from "@/messages/zh-CN/validation.json";
import {
  englishMessages,
  makeValidationMessages,
  type ValidationMessages,
  validationTranslator,
} from "./messages";

/**
 * The validation messages in a user's language, on the server (a server action answers in
 * the language of the page that called it). Built once per language.
 */
const files: Record<Locale, typeof enValidation> = { en: enValidation, "zh-CN": zhValidation };
const built = new Map<Locale, ValidationMessages>([["en", englishMessages]]);

export function validationMessagesFor(locale: Locale): ValidationMessages {
  let made = built.get(locale);
  if (!made) {
    made = makeValidationMessages(validationTranslator(locale, files[locale]));
    built.set(locale, made);
  }
  return made;
}
