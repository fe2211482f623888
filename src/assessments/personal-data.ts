/**
 * Removing an assessment's personal data when its signal (or its case's signal) is anonymised (the
 * retention policy, or the woman's request: src/privacy/). What stays: the number, the dates and
 * stages, which threats were present, the ten ratings, the overall level, the conclusion and the
 * review date — what supervision and statistics need. What goes: the child's name and birth date,
 * the parents, the address, every free text, the safety plan's wording and the forms made of them.
 */
import type { Db } from "../platform/db/client.ts";
import type { PersonalDataHook } from "../platform/module.ts";

/** The hook the privacy area calls in the anonymising transaction. */
export const assessmentPersonalData: PersonalDataHook = {
  async anonymise(tx: Db, signalIds: readonly string[]): Promise<void> {
    if (signalIds.length === 0) return;
    const rows = await tx.assessment.findMany({
      where: {
        OR: [{ signalId: { in: [...signalIds] } }, { case: { signalId: { in: [...signalIds] } } }],
      },
      select: { id: true, handoverFileId: true },
    });
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.id);
    await tx.assessment.updateMany({
      where: { id: { in: ids } },
      data: {
        childFullName: null,
        childBirthDate: null,
        parentsText: null,
        homeAddress: null,
        factsText: null,
        familyHistory: null,
        placementText: null,
        overallReasoning: null,
        recommendedServices: null,
        reviewComment: null,
        cancelReason: null,
        acknowledgedByName: null,
      },
    });
    await tx.safetyPlanAction.updateMany({
      where: { assessmentId: { in: ids } },
      data: { actionText: "", responsible: "", monitoring: "" },
    });
    const fileIds = rows.flatMap((r) => (r.handoverFileId ? [r.handoverFileId] : []));
    if (fileIds.length > 0) await tx.storedFile.deleteMany({ where: { id: { in: fileIds } } });
  },
};
