/**
 * Saving the signal sheet (сигнальный лист), complete or as a draft (the dialogue was left
 * half-way: nothing typed is lost). Each save is a case event: the first one "sheet_filled", later
 * ones "sheet_updated".
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import type { Json } from "../../platform/flow/types.ts";
import { sheetAnswers, sheetComplete } from "../domain/sheet.ts";
import { appendCaseEvent } from "../events.ts";
import { actorId, afterChange, caseFor, changeCase } from "./change.ts";
import type { CaseDeps } from "./deps.ts";

export const saveSheetInput = z.object({ caseId: z.uuid(), answers: sheetAnswers });
export type SaveSheetInput = z.infer<typeof saveSheetInput>;

/** Saves the sheet; returns whether it is complete now. */
export async function saveSheet(
  deps: CaseDeps,
  actor: Actor,
  input: SaveSheetInput,
): Promise<{ complete: boolean; first: boolean }> {
  const { caseId, answers } = saveSheetInput.parse(input);
  const { tx, now } = deps;
  const c = await caseFor(tx, actor, caseId, "case.sheet", "fill_sheet");
  const complete = sheetComplete(answers);
  const first = c.sheet === null;
  await changeCase(tx, c, {});
  const by = actorId(actor);
  const stored = answers as Record<string, Json>;
  await tx.caseSheet.upsert({
    where: { caseId },
    create: {
      caseId,
      answers: stored,
      complete,
      filledAt: complete ? now : null,
      updatedAt: now,
      updatedById: by,
    },
    update: {
      answers: stored,
      complete,
      updatedAt: now,
      updatedById: by,
      ...(complete && !c.sheet?.filledAt ? { filledAt: now } : {}),
    },
  });
  await appendCaseEvent(tx, caseId, first ? "sheet_filled" : "sheet_updated", by, now, { complete });
  await writeAudit(tx, {
    actor,
    action: first ? "case.sheet_filled" : "case.sheet_updated",
    subjectType: "case",
    subjectId: caseId,
    serviceId: c.serviceId,
    details: { complete },
    at: now,
  });
  await afterChange(deps, caseId);
  return { complete, first };
}
