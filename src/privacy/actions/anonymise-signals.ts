/**
 * Anonymising signals: the woman's personal data is removed from the signal row and its events
 * (see ../domain/retention.ts for what stays), other areas remove theirs through their
 * {@link PersonalDataHook}, an `anonymisations` row marks it done and an audit row records who
 * and why. Idempotent: a signal already anonymised is skipped.
 */
import type { Actor } from "../../platform/actor.ts";
import { writeAudit } from "../../platform/audit.ts";
import type { Db } from "../../platform/db/client.ts";
import type { Json } from "../../platform/flow/types.ts";
import type { PersonalDataHook } from "../../platform/module.ts";
import { scrubEventData, scrubOutcome, scrubThreat, type AnonymisationReason } from "../domain/retention.ts";

/** What anonymising needs: the transaction, the moment, and the other areas' hooks. */
export interface AnonymiseDeps {
  tx: Db;
  now: Date;
  hooks: readonly PersonalDataHook[];
}

/** Anonymises the given signals of the actor's service (all services for the system); returns the ids done now. */
export async function anonymiseSignals(
  deps: AnonymiseDeps,
  actor: Actor,
  input: { signalIds: string[]; reason: AnonymisationReason },
): Promise<string[]> {
  const { tx, now } = deps;
  if (input.signalIds.length === 0) return [];
  const signals = await tx.signal.findMany({
    where: {
      id: { in: input.signalIds },
      ...(actor.kind === "staff" ? { serviceId: actor.serviceId } : {}),
    },
    select: { id: true, serviceId: true, outcome: true, threat: true },
  });
  const done = new Set(
    (
      await tx.anonymisation.findMany({
        where: { signalId: { in: signals.map((s) => s.id) } },
        select: { signalId: true },
      })
    ).map((a) => a.signalId),
  );
  const todo = signals.filter((s) => !done.has(s.id));
  for (const signal of todo) {
    await tx.signal.update({
      where: { id: signal.id },
      data: {
        womanFullName: "",
        womanNameKey: "",
        womanBirthDate: null,
        womanAge: null,
        registeredAddress: null,
        actualAddress: null,
        ambulanceFrom: null,
        phone: null,
        comment: null,
        ...(signal.outcome !== null ? { outcome: scrubOutcome(signal.outcome as Json) as object } : {}),
        ...(signal.threat !== null ? { threat: scrubThreat(signal.threat as Json) as object } : {}),
      },
    });
    const events = await tx.signalEvent.findMany({
      where: {
        signalId: signal.id,
        type: { in: ["outcome", "closed", "declined", "assigned", "reassigned"] },
      },
      select: { id: true, type: true, data: true },
    });
    for (const event of events) {
      await tx.signalEvent.update({
        where: { id: event.id },
        data: { data: scrubEventData(event.type, event.data as Json) as object },
      });
    }
    await tx.anonymisation.create({
      data: { signalId: signal.id, serviceId: signal.serviceId, reason: input.reason, at: now },
    });
    await writeAudit(tx, {
      actor,
      action: "signal.anonymised",
      subjectType: "signal",
      subjectId: signal.id,
      serviceId: signal.serviceId,
      details: { reason: input.reason },
      at: now,
    });
  }
  const ids = todo.map((s) => s.id);
  for (const hook of deps.hooks) await hook.anonymise(tx, ids, now);
  return ids;
}
