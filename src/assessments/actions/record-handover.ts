/**
 * Hand-over of the results to the guardianship authority (regulation 4.6): the form is made as a
 * PDF and kept as a stored file, the recipient, the way and the time are recorded. The chat sends
 * the file to the specialist to pass on; the API can serve it.
 *
 * The authority's acknowledgement of receipt is recorded later (./acknowledge-handover.ts); until
 * then the specialist and the heads are reminded once a day (jobs/handlers.ts).
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import { storeFile } from "../../platform/files.ts";
import { HANDOVER_CHANNELS } from "../domain/checklist.ts";
import { assessmentForm, formFileName } from "../documents/form.ts";
import { renderPdf } from "../../platform/documents/pdf.ts";
import type { AssessmentView } from "../queries/assessment-view.ts";
import type { AssessmentDeps } from "./deps.ts";
import { HANDOVER_ACK_REMINDER_HOURS } from "../domain/time-norms.ts";
import { HANDOVER_ACK } from "../jobs/types.ts";
import { applyChange, loadFor } from "./step.ts";

export const recordHandoverInput = z.object({
  assessmentId: z.uuid(),
  recipient: z.string().trim().min(3).max(300),
  channel: z.enum(HANDOVER_CHANNELS),
});
export type RecordHandoverInput = z.infer<typeof recordHandoverInput>;

/** Records the hand-over; returns the assessment and the stored form's file id. */
export async function recordHandover(
  deps: AssessmentDeps,
  actor: Actor,
  input: RecordHandoverInput,
): Promise<{ assessment: AssessmentView; fileId: string }> {
  const { assessmentId, recipient, channel } = recordHandoverInput.parse(input);
  const { tx, now } = deps;
  const assessment = await loadFor(deps, actor, assessmentId, "assessment.conduct", "handover");
  const content = await renderPdf(assessmentForm(assessment, now));
  const fileId = await storeFile(tx, {
    serviceId: assessment.serviceId,
    name: formFileName(assessment),
    contentType: "application/pdf",
    content,
    purpose: "assessment_form",
    // What was handed over is kept with the record; retention of closed records decides its end.
    deleteAfter: null,
  });
  const updated = await applyChange(deps, actor, assessment, {
    data: {
      handedOverAt: now,
      handoverRecipient: recipient,
      handoverChannel: channel,
      handoverFileId: fileId,
      stage: "done",
    },
    event: "handed_over",
    eventData: { channel, fileId },
    audit: { channel, fileId },
  });
  await deps.notifier.notify({ type: "assessment.handed_over", assessmentId: updated.id });
  const firstReminder = new Date(now.getTime() + HANDOVER_ACK_REMINDER_HOURS * 3_600_000);
  await deps.jobs.schedule(HANDOVER_ACK, { assessmentId: updated.id, n: 1 }, firstReminder);
  return { assessment: updated, fileId };
}
