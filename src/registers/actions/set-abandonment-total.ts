/**
 * A head or an admin (or the admin command line) enters how many abandonments a hospital had in a
 * period: the denominator of the report's first figure, which only the hospital knows. Entering
 * the same hospital and period again replaces the count (the audit keeps the old one); a period
 * overlapping another entry of the hospital is refused, so totals never count a day twice.
 */
import { z } from "zod";
import { authorize, type Actor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import type { ActionDeps } from "../../platform/actions.ts";
import { apiError, DomainError } from "../../platform/errors.ts";
import { periodProblem, type DayPeriod } from "../domain/periods.ts";
import { MAX_ABANDONMENTS, overlaps } from "../domain/totals.ts";

export const setAbandonmentTotalInput = z.object({
  hospitalId: z.uuid({ message: "must be a UUID" }),
  /** First day, ISO date. */
  from: z.string(),
  /** Day after the last, ISO date (exclusive). */
  to: z.string(),
  count: z
    .number({ message: "must be a whole number" })
    .int("must be a whole number")
    .min(0, "must be at least 0")
    .max(MAX_ABANDONMENTS, `must be at most ${MAX_ABANDONMENTS}`),
});
export type SetAbandonmentTotalInput = z.infer<typeof setAbandonmentTotalInput>;

/** The entry as stored. */
export interface AbandonmentTotalView extends DayPeriod {
  id: string;
  hospital: { id: string; name: string; shortName: string };
  count: number;
  enteredBy: { id: string; fullName: string } | null;
  channel: string;
  enteredAt: Date;
  /** The count it replaced, if any. */
  previousCount: number | null;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Stores the count.
 *
 * @throws DomainError `bad_request` (a bad period or count), `not_found` (no such hospital in the
 *   actor's service), `forbidden`, `conflict` (`registers.totals.overlap`).
 */
export async function setAbandonmentTotal(
  deps: ActionDeps<unknown>,
  actor: Actor,
  input: SetAbandonmentTotalInput,
): Promise<AbandonmentTotalView> {
  const parsed = setAbandonmentTotalInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join(".") || "body";
    throw apiError("bad_request", `${field}: ${issue.message}`, { field });
  }
  const { hospitalId, from, to, count } = parsed.data;
  const problem = periodProblem({ from, to });
  if (problem) throw apiError("bad_request", `${problem.field}: ${problem.reason}`, { field: problem.field });
  const { tx, now } = deps;
  // The hospital row is locked so that two entries for it are checked for overlap one after the other.
  const [hospital] = await tx.$queryRaw<
    { id: string; service_id: string; name: string; short_name: string }[]
  >`
    SELECT id, service_id, name, short_name FROM hospitals WHERE id = ${hospitalId}::uuid FOR UPDATE`;
  if (!hospital || (actor.kind === "staff" && hospital.service_id !== actor.serviceId)) {
    throw new DomainError("not_found", "registers.totals.bad_hospital", { message: "no such hospital" });
  }
  authorize(actor, "abandonments.enter", { serviceId: hospital.service_id, hospitalId: hospital.id });

  const existing = await tx.abandonmentTotal.findMany({ where: { hospitalId } });
  const same = existing.find((e) => isoDay(e.periodFrom) === from && isoDay(e.periodTo) === to);
  const clash = existing.find(
    (e) => e !== same && overlaps({ from, to }, { from: isoDay(e.periodFrom), to: isoDay(e.periodTo) }),
  );
  if (clash) {
    const last = new Date(clash.periodTo.getTime() - 86_400_000);
    throw new DomainError("conflict", "registers.totals.overlap", {
      params: { period: `${fmt(isoDay(clash.periodFrom))} – ${fmt(isoDay(last))}` },
      message: `the hospital already has a count for an overlapping period (${isoDay(clash.periodFrom)} to ${isoDay(clash.periodTo)})`,
      reason: "overlapping_period",
      details: { existing: { from: isoDay(clash.periodFrom), to: isoDay(clash.periodTo) } },
    });
  }
  const staffId = actor.kind === "staff" ? actor.id : null;
  const data = { count, enteredById: staffId, channel: actor.channel, enteredAt: now };
  const row = same
    ? await tx.abandonmentTotal.update({ where: { id: same.id }, data })
    : await tx.abandonmentTotal.create({
        data: {
          ...data,
          serviceId: hospital.service_id,
          hospitalId,
          periodFrom: new Date(`${from}T00:00:00Z`),
          periodTo: new Date(`${to}T00:00:00Z`),
        },
      });
  await writeAudit(tx, {
    actor,
    action: "abandonments.entered",
    subjectType: "hospital",
    subjectId: hospitalId,
    serviceId: hospital.service_id,
    details: { from, to, count, previousCount: same?.count ?? null },
    at: now,
  });
  const enteredBy = staffId
    ? await tx.staff.findUnique({ where: { id: staffId }, select: { id: true, fullName: true } })
    : null;
  return {
    id: row.id,
    hospital: { id: hospital.id, name: hospital.name, shortName: hospital.short_name },
    from,
    to,
    count,
    enteredBy,
    channel: actor.channel,
    enteredAt: now,
    previousCount: same?.count ?? null,
  };
}

function fmt(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}
