import type { Locale } from "./i18n/config";
import type apiKeys from "./messages/en/apiKeys.json";
import type callPage from "./messages/en/callPage.json";
import type calls from "./messages/en/calls.json";
import type catalogue from "./messages/en/catalogue.json";
import type common from "./messages/en/common.json";
import type device from "./messages/en/device.json";
import type erasures from "./messages/en/erasures.json";
import type errors from "./messages/en/errors.json";
import type importMessages from "./messages/en/import.json";
import type overview from "./messages/en/overview.json";
import type queue from "./messages/en/queue.json";
import type review from "./messages/en/review.json";
import type signIn from "./messages/en/signIn.json";
import type tasks from "./messages/en/tasks.json";
import type ui from "./messages/en/ui.json";
import type users from "./messages/en/users.json";
import type validation from "./messages/en/validation.json";

// next-intl checks every key used with t() against the English files at compile time.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: {
      common: typeof common;
      calls: typeof calls;
      callPage: typeof callPage;
      review: typeof review;
      queue: typeof queue;
      tasks: typeof tasks;
      import: typeof importMessages;
      users: typeof users;
      apiKeys: typeof apiKeys;
      signIn: typeof signIn;
      errors: typeof errors;
      ui: typeof ui;
      catalogue: typeof catalogue;
      overview: typeof overview;
      erasures: typeof erasures;
      validation: typeof validation;
      device: typeof device;
    };
  }
}
