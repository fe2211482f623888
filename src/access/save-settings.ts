/**
 * Applies the settings dialogue: the user's language and work phone.
 */
import { z } from "zod";
import { ALL_ROLES, type FlowFeature } from "../platform/chat/app.ts";
import { settingsFlow } from "../../flows/settings.ts";

const answersSchema = z.object({ language: z.enum(["ru", "en"]), phone: z.string().nullable() });

/** The settings flow with its completion: the staff row is updated and the reply is in the new language. */
export const settingsFeature: FlowFeature = {
  flow: settingsFlow,
  roles: ALL_ROLES,
  async onComplete(turn, answers) {
    const { language, phone } = answersSchema.parse(answers);
    await turn.tx.staff.update({
      where: { id: turn.staff.id },
      data: { locale: language, ...(phone ? { phone } : {}) },
    });
    await turn.audit("staff.settings_changed", "staff", turn.staff.id, {
      language,
      phoneChanged: phone !== null,
    });
    // notify() reads the staff row again, so the reply is already in the language just chosen.
    await turn.notify([turn.staff.id], { texts: [{ key: "flows.settings.saved" }] });
  },
};
