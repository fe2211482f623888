/**
 * Settings: the user's language and work phone. Started by /settings; the answers are
 * applied to the user's staff record by src/access/save-settings.ts.
 */
import type { FlowDefinition } from "../src/platform/flow/types.ts";

export const settingsFlow: FlowDefinition = {
  id: "settings",
  version: 1,
  steps: [
    {
      id: "language",
      answer: {
        kind: "choice",
        columns: 2,
        options: [
          { value: "ru", label: "flows.settings.lang_ru" },
          { value: "en", label: "flows.settings.lang_en" },
        ],
      },
    },
    {
      id: "phone",
      optional: true,
      answer: { kind: "contact", shareOwn: "flows.settings.share_phone" },
    },
  ],
};
