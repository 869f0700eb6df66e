import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import type { Namespace } from "@/i18n/config";
import type { ValidationMessages } from "@/lib/validation/messages";
import { validationMessagesFor } from "@/lib/validation/messages-locale";
import { looseTranslator, type Translate } from "./translate";

/**
 * What a server action hands a lib schema or function so that it answers in the user's
 * language: a translator of the lib's namespace, and the text checks' messages
 * (lib/validation/messages.ts). The API and the command line call the lib without them:
 * English.
 */
export async function requestTranslator(namespace: `${Namespace}.${string}`): Promise<Translate> {
  return looseTranslator(await getTranslations(namespace as never));
}

export async function requestTextMessages(): Promise<ValidationMessages> {
  return validationMessagesFor(await getLocale());
}
