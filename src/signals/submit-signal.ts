/**
 * Submitting a signal: one transaction creates the hospital journal row and the service
 * journal row (numbered per year), stores identified / registered / transmitted times and
 * the late flag, writes the events, queues every head's card and the first "nobody assigned
 * yet" reminder, and tells the reporter both numbers.
 */
import { z } from "zod";
import type { TurnContext } from "../platform/chat/app.ts";
import { nameKey } from "./domain/names.ts";
import { isLate, journalYear, SIGNAL_CATEGORIES, WOMAN_LOCATIONS } from "./domain/lifecycle.ts";
import type { Json, Text } from "../platform/flow/types.ts";
import { activeHeads, headCard, hospitalNumber, loadSignal, signalNumber } from "./cards.ts";
import { appendEvent } from "./events.ts";
import { findEarlierFor } from "./find-earlier.ts";
import { nextNumber } from "./numbering.ts";
import { ASSIGN_REMINDER_JOB, type SignalSettings } from "./settings.ts";

const place = z.string().min(1).max(300);

/** The new-signal dialogue's answers, checked again before anything is stored. */
export const newSignalAnswers = z.object({
  full_name: z.string().min(3).max(200),
  birth: z.union([z.literal("unknown"), z.iso.date(), z.number().int().min(10).max(65)]),
  registered_address: place,
  actual_address: place,
  ambulance_from: place,
  phone: z.union([z.literal("unknown"), z.string().regex(/^\+\d{10,15}$/)]),
  category: z.enum(SIGNAL_CATEGORIES),
  location: z.enum(WOMAN_LOCATIONS),
  identified_at: z.iso.datetime({ offset: true }),
  comment: z.string().max(1000).nullable().optional(),
});

/** Parameters the dialogue was started with. */
export const newSignalParams = z.object({ startedAt: z.iso.datetime({ offset: true }) });

const known = (value: string) => (value === "unknown" ? null : value);

/** Completion of the new-signal dialogue. */
export async function submitSignal(
  turn: TurnContext,
  settings: SignalSettings,
  answers: Record<string, Json>,
  params: Record<string, Json>,
): Promise<void> {
  const a = newSignalAnswers.parse(answers);
  const { startedAt } = newSignalParams.parse(params);
  const { tx, now, staff } = turn;
  if (staff.role !== "reporter" || !staff.hospitalId) {
    turn.reply({ texts: [{ key: "signal.no_hospital" }] });
    return;
  }
  const hospital = await tx.hospital.findUniqueOrThrow({
    where: { id: staff.hospitalId },
    include: { service: true },
  });
  const identifiedAt = new Date(a.identified_at);
  const registeredAt = new Date(startedAt);
  const hospitalYear = journalYear(registeredAt, hospital.timeZone ?? hospital.service.timeZone);
  const serviceYear = journalYear(now, hospital.service.timeZone);
  const late = isLate(identifiedAt, now);
  const actual = a.actual_address === "same" ? known(a.registered_address) : known(a.actual_address);

  const created = await tx.signal.create({
    data: {
      serviceId: hospital.serviceId,
      hospitalId: hospital.id,
      reporterId: staff.id,
      hospitalYear,
      hospitalNumber: await nextNumber(tx, "hospital", hospital.id, hospitalYear),
      serviceYear,
      serviceNumber: await nextNumber(tx, "service", hospital.serviceId, serviceYear),
      womanFullName: a.full_name,
      womanNameKey: nameKey(a.full_name),
      womanBirthDate:
        typeof a.birth === "string" && a.birth !== "unknown" ? new Date(`${a.birth}T00:00:00Z`) : null,
      womanAge: typeof a.birth === "number" ? a.birth : null,
      registeredAddress: known(a.registered_address),
      actualAddress: actual,
      ambulanceFrom: a.ambulance_from === "not_ambulance" ? null : known(a.ambulance_from),
      phone: known(a.phone),
      category: a.category,
      location: a.location,
      comment: a.comment ?? null,
      identifiedAt,
      registeredAt,
      transmittedAt: now,
      late,
      isDemo: hospital.isDemo,
    },
  });
  await appendEvent(tx, created.id, "registered", staff.id, registeredAt, {
    hospitalNumber: created.hospitalNumber,
    hospitalYear,
  });
  await appendEvent(tx, created.id, "transmitted", staff.id, now, {
    serviceNumber: created.serviceNumber,
    serviceYear,
    late,
  });

  const signal = (await loadSignal(tx, created.id))!;
  const earlier = await findEarlierFor(tx, signal, now);
  await turn.notify(await activeHeads(tx, hospital.serviceId), headCard(signal, earlier, now));

  const texts: Text[] = [
    { key: "signal.sent" },
    { key: "signal.numbers", params: { hospital: hospitalNumber(signal), service: signalNumber(signal) } },
    {
      key: "signal.times",
      params: {
        identified: { datetime: identifiedAt.toISOString() },
        transmitted: { datetime: now.toISOString() },
      },
    },
  ];
  if (late) texts.push({ key: "signal.late_note" });
  turn.reply({ texts });

  const firstReminder = new Date(now.getTime() + settings.assignReminderMinutes * 60_000);
  await turn.schedule(ASSIGN_REMINDER_JOB, { signalId: created.id, n: 1 }, firstReminder);
}
