/**
 * Applies the settings dialogue: the user's language and work phone.
 */
import { z } from "zod";
import { settingsFlow } from "../../flows/settings.ts";
import { writeAudit } from "../platform/audit.ts";
import type { FlowFeature } from "../platform/chat/app.ts";

const answersSchema = z.object({ language: z.enum(["ru", "en"]), phone: z.string().nullable() });

/** The settings flow with its completion: the staff row is updated and the reply is in the new language. */
export const settingsFeature: FlowFeature = {
  flow: settingsFlow,
  permission: "settings.change",
  localeOf: (answers) => {
    const language = answersSchema.shape.language.safeParse(answers.language);
    return language.success ? language.data : undefined;
  },
  async onComplete(turn, answers) {
    const { language, phone } = answersSchema.parse(answers);
    await turn.tx.staff.update({
      where: { id: turn.staff.id },
      data: { locale: language, ...(phone ? { phone } : {}) },
    });
    await writeAudit(turn.tx, {
      actor: turn.actor,
      action: "staff.settings_changed",
      subjectType: "staff",
      subjectId: turn.staff.id,
      details: { language, phoneChanged: phone !== null },
      at: turn.now,
    });
    // notify() reads the staff row again, so the reply is already in the language just chosen.
    await turn.notify([turn.staff.id], { texts: [{ key: "flows.settings.saved" }] });
  },
};
