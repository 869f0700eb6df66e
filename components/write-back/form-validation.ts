import { zodResolver } from "@hookform/resolvers/zod";
import type { Resolver } from "react-hook-form";
import { makeValidationMessages, type Translate } from "@/lib/validation/messages";
import {
  type WriteBackCatalogue,
  type WriteBackContext,
  type WriteBackFormValues,
  writeBackSchemaFor,
} from "@/lib/write-back/form-schema";

/**
 * The write-back form's resolver: the same schema the server parses with (the catalogue's
 * codes and rules, this call), its messages in the page's language. The form loads this
 * module after its first paint (zod and the resolver stay out of the page's first load,
 * issue 12), long before the agent sends; a send that comes first waits for it.
 */
export function writeBackResolver(
  catalogue: WriteBackCatalogue,
  context: WriteBackContext,
  t: Translate,
): Resolver<WriteBackFormValues> {
  const schema = writeBackSchemaFor(catalogue, context, makeValidationMessages(t));
  // raw: the action gets the values as typed and parses them itself.
  return zodResolver(schema, undefined, { raw: true });
}
