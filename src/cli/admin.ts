/**
 * The administrator's command line: `npm run admin -- <command> [options]`.
 * Works against DATABASE_URL, or the embedded database (shared with a running `npm start`).
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createDb, type DbClient } from "../platform/db/client.ts";
import { openConfiguredDatabase } from "../platform/db/configured.ts";
import { loadConfig } from "../platform/config.ts";
import type { StaffRole } from "../generated/prisma/enums.ts";
import { STAFF_ROLES as ALL_ROLES } from "../platform/actor.ts";
import { DomainError } from "../platform/errors.ts";
import { issueApiToken, listApiTokens, revokeApiToken } from "../access/tokens.ts";
import { createLinkInvitation, invitationLinks, newInvitationCode } from "../access/invitations.ts";
import { CLI_ACTOR, inTransaction } from "../access/actions/deps.ts";
import { createHospital } from "../access/actions/create-hospital.ts";
import { createInvitation } from "../access/actions/create-invitation.ts";
import { setStaffActive } from "../access/actions/set-staff-active.ts";
import { RecordingNotifier } from "../platform/notify.ts";
import { setAbandonmentTotal } from "../registers/actions/set-abandonment-total.ts";
import { periodProblem } from "../registers/domain/periods.ts";
import { periodFigures } from "../registers/queries/effectiveness.ts";
import { writeAudit } from "../platform/audit.ts";
import { personalDataHooks, productAreas } from "../app/areas.ts";
import { erasePerson, findPersonSignals } from "../privacy/actions/erase-person.ts";
import { DEFAULT_RETENTION, RETENTION_BOUNDS } from "../privacy/domain/retention.ts";
import { MESSENGER_KINDS } from "../platform/messenger/contract.ts";
import { deepLink } from "../platform/messenger/links.ts";
import { configuredBotNames, type BotNames } from "./bot-names.ts";

const USAGE = `Usage: npm run admin -- <command> [--service <id or name>] [options]

Every command but service:create and services acts on one service: --service names it (needed
when there are several, or only the demo one). Every change is recorded in the audit trail with
the actor "cli".

  services         list the services
  service:create   --name <name> --tz <IANA zone>          create a service
  hospital:create  --name <name> --short <short name> [--tz <zone>] [--address <address>]
  hospitals        list hospitals
  invite           --role reporter|head|curator|psychologist|admin --name <full name>
                   [--hospital <id or short name>] [--days <valid days, default 7>]
  invite           --staff <staff id> [--days <n>]   bind one more messenger (Telegram or MAX)
                                                     to a person who already uses the other
  staff            [--all] list active (or all) staff
  staff:deactivate <staff id>                              refuse the person's next update
  staff:activate   <staff id>
  token:create     --staff <staff id> --name <label> [--days <valid days, default 90; 0: no expiry>]
                                                           issue a personal API token (shown once)
  token:revoke     <token id>                              refuse the token from now on
  tokens           list API tokens (never the tokens themselves)
  abandonments:set --hospital <id or short name> --from <YYYY-MM-DD> --to <YYYY-MM-DD> --count <n>
                   a hospital's abandonments in [from, to) (to: the day after the last), for the report
  abandonments     --from <YYYY-MM-DD> --to <YYYY-MM-DD>    each hospital's count for the period, or "missing"
  retention        show the service's retention policy
  retention:set    [--not-confirmed-days <n>] [--closed-case-days <n>]   (30–3650 days)
  forms            show whether the woman's personal data is asked in a secure form
  forms:set        on|off   ask it in a form the chat opens (a Mini App), never in chat messages
  person:find      --name <woman's full name> [--birth YYYY-MM-DD]        her signals in the service
  person:erase     --signal <number/year or id> [--signal …] [--force]    anonymise them on her request
`;

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export { newInvitationCode };

/** The actor of every audit row the command line writes. */

/**
 * The service a command acts on: `--service` (id or exact name); without it, the only service,
 * unless that is the demo one (never acted on by default) or there are several.
 */
async function theService(db: DbClient, ref: string | undefined) {
  const services = await db.service.findMany({ orderBy: { createdAt: "asc" } });
  if (services.length === 0) throw new UsageError("No service yet: run service:create first.");
  const list = () => services.map((s) => `  ${s.id}  ${s.name}${s.isDemo ? " (demo)" : ""}`).join("\n");
  if (ref !== undefined) {
    const found = services.find((s) => s.id === ref.trim() || s.name === ref.trim());
    if (!found) throw new UsageError(`No service "${ref}". Services:\n${list()}`);
    return found;
  }
  if (services.length === 1 && !services[0]!.isDemo) return services[0]!;
  const why = services.length === 1 ? "The only service is the demo one" : "There are several services";
  throw new UsageError(`${why}: name the one to act on with --service <id or name>. Services:\n${list()}`);
}

async function findHospital(db: DbClient, serviceId: string, ref: string) {
  const byId = z.uuid().safeParse(ref).success
    ? await db.hospital.findFirst({ where: { id: ref, serviceId } })
    : null;
  const hospital = byId ?? (await db.hospital.findFirst({ where: { serviceId, shortName: ref } }));
  if (!hospital) throw new UsageError(`No hospital "${ref}".`);
  return hospital;
}

/** An IANA zone name, or a usage error. */
function checkedZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    throw new UsageError(`--tz: "${timeZone}" is not an IANA time zone (e.g. Europe/Moscow).`);
  }
}

/** Parses options; an unknown or malformed option is a usage error (exit code 2). */
function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        name: { type: "string" },
        tz: { type: "string" },
        address: { type: "string" },
        short: { type: "string" },
        role: { type: "string" },
        hospital: { type: "string" },
        days: { type: "string" },
        staff: { type: "string" },
        all: { type: "boolean" },
        from: { type: "string" },
        to: { type: "string" },
        count: { type: "string" },
        service: { type: "string" },
        "not-confirmed-days": { type: "string" },
        "closed-case-days": { type: "string" },
        birth: { type: "string" },
        signal: { type: "string", multiple: true },
        force: { type: "boolean" },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Runs one admin command; returns the text to print. */
export async function runAdmin(
  db: DbClient,
  argv: string[],
  now = new Date(),
  botNames: () => Promise<BotNames> = async () => ({}),
): Promise<string> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseOptions(rest);
  const service = () => theService(db, values.service);
  const need = (name: keyof typeof values) => {
    const value = values[name];
    if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} is required.`);
    return value.trim();
  };

  switch (command) {
    case "services": {
      const rows = await db.service.findMany({ orderBy: { createdAt: "asc" } });
      return (
        rows
          .map((s) => `${s.id}  ${s.timeZone.padEnd(16)} ${s.name}${s.isDemo ? " (demo)" : ""}`)
          .join("\n") || "No services."
      );
    }
    case "service:create": {
      const timeZone = checkedZone(need("tz"));
      const name = need("name");
      const created = await db.$transaction(async (tx) => {
        const row = await tx.service.create({ data: { name, timeZone } });
        await writeAudit(tx, {
          actor: CLI_ACTOR,
          action: "service.created",
          subjectType: "service",
          subjectId: row.id,
          serviceId: row.id,
          details: { timeZone },
          at: now,
        });
        return row;
      });
      return `Service ${created.id} created.`;
    }
    case "hospital:create": {
      const { id: serviceId } = await service();
      const input = {
        serviceId,
        name: need("name"),
        shortName: need("short"),
        ...(values.tz ? { timeZone: checkedZone(values.tz) } : {}),
        ...(values.address ? { address: values.address } : {}),
      };
      const hospital = await inTransaction(db, now, (d) => createHospital(d, CLI_ACTOR, input)).catch(
        usageOnAppError,
      );
      return `Hospital ${hospital.id} (${hospital.shortName}) created.`;
    }
    case "hospitals": {
      const service = await theService(db, values.service);
      const rows = await db.hospital.findMany({ where: { serviceId: service.id }, orderBy: { name: "asc" } });
      return (
        rows
          .map((h) => `${h.id}  ${h.shortName.padEnd(12)} ${h.active ? "" : "(inactive) "}${h.name}`)
          .join("\n") || "No hospitals."
      );
    }
    case "invite": {
      const days = z.coerce
        .number()
        .int()
        .min(1)
        .max(90)
        .safeParse(values.days ?? "7");
      if (!days.success) throw new UsageError("--days must be a whole number from 1 to 90.");
      if (values.staff !== undefined) {
        const staffId = need("staff");
        const service = await theService(db, values.service);
        const staff = z.uuid().safeParse(staffId).success
          ? await db.staff.findFirst({ where: { id: staffId, serviceId: service.id } })
          : null;
        if (!staff) throw new UsageError(`No staff ${staffId} (see: npm run admin -- staff).`);
        if (!staff.active) throw new UsageError(`Staff ${staffId} is deactivated: activate them first.`);
        const { code } = await createLinkInvitation(db, { staffId, now, hours: days.data * 24 });
        return [
          `Invitation for ${staff.fullName} to bind one more messenger, valid ${days.data} days, one use.`,
          ...(await linkLines(db, code, botNames)),
        ].join("\n");
      }
      const role = need("role");
      if (!(ALL_ROLES as readonly string[]).includes(role))
        throw new UsageError(`--role must be one of ${ALL_ROLES.join(", ")}.`);
      const service = await theService(db, values.service);
      const hospital = values.hospital ? await findHospital(db, service.id, values.hospital) : null;
      if (role === "reporter" && !hospital) throw new UsageError("--hospital is required for a reporter.");
      const input = {
        serviceId: service.id,
        role: role as StaffRole,
        hospitalId: hospital?.id ?? null,
        fullName: need("name"),
        validDays: days.data,
      };
      const invitation = await inTransaction(db, now, (d) => createInvitation(d, CLI_ACTOR, input)).catch(
        usageOnAppError,
      );
      return [
        `Invitation for ${invitation.fullName} (${role}${hospital ? `, ${hospital.shortName}` : ""}), valid ${days.data} days, one use.`,
        ...(await linkLines(db, invitation.code, botNames)),
      ].join("\n");
    }
    case "staff": {
      const service = await theService(db, values.service);
      const rows = await db.staff.findMany({
        where: { serviceId: service.id, ...(values.all ? {} : { active: true }) },
        include: { hospital: true },
        orderBy: [{ role: "asc" }, { fullName: "asc" }],
      });
      return (
        rows
          .map(
            (s) =>
              `${s.id}  ${s.role.padEnd(12)} ${s.active ? "active  " : "inactive"} ${s.fullName}${s.hospital ? ` (${s.hospital.shortName})` : ""}`,
          )
          .join("\n") || "No staff."
      );
    }
    case "staff:deactivate":
    case "staff:activate": {
      const id = positionals[0];
      if (!id || !z.uuid().safeParse(id).success)
        throw new UsageError("Give the staff id (see: npm run admin -- staff).");
      const active = command === "staff:activate";
      const { id: serviceId } = await service();
      if (!(await db.staff.findFirst({ where: { id, serviceId }, select: { id: true } })))
        throw new UsageError(`No staff ${id}.`);
      await inTransaction(db, now, (d) => setStaffActive(d, CLI_ACTOR, { staffId: id, active })).catch(
        (error: unknown) => {
          if (error instanceof DomainError && error.code === "not_found")
            throw new UsageError(`No staff ${id}.`);
          throw error;
        },
      );
      return active ? `Staff ${id} activated.` : `Staff ${id} deactivated: their next message is refused.`;
    }
    case "token:create": {
      const staffId = need("staff");
      if (!z.uuid().safeParse(staffId).success) {
        throw new UsageError("--staff: give the staff id (see: npm run admin -- staff).");
      }
      const days = z.coerce
        .number()
        .int()
        .min(0)
        .max(365)
        .safeParse(values.days ?? "90");
      if (!days.success) throw new UsageError("--days must be a whole number from 0 (no expiry) to 365.");
      const name = need("name");
      const { id: serviceId } = await service();
      const member = await db.staff.findFirst({ where: { id: staffId, serviceId }, select: { id: true } });
      if (!member) throw new UsageError("no such staff member in the service");
      const expiresAt = days.data === 0 ? null : new Date(now.getTime() + days.data * 86_400_000);
      const issued = await issueApiToken(db, { staffId, name, now, expiresAt }).catch(usageOnAppError);
      return [
        `Token ${issued.id} (${issued.prefix}…) issued${expiresAt ? `, valid until ${expiresAt.toISOString().slice(0, 16)}Z` : " without expiry"}. It is shown only now; store it in a password manager:`,
        "",
        issued.token,
        "",
        "Use it as: Authorization: Bearer <token>. Revoke with: npm run admin -- token:revoke " + issued.id,
      ].join("\n");
    }
    case "token:revoke": {
      const id = positionals[0];
      if (!id || !z.uuid().safeParse(id).success) {
        throw new UsageError("Give the token id (see: npm run admin -- tokens).");
      }
      const { id: serviceId } = await service();
      const owned = await db.apiToken.findFirst({
        where: { id, staff: { serviceId } },
        select: { id: true },
      });
      if (!owned) throw new UsageError("no such token in the service");
      const revoked = await revokeApiToken(db, { id, now }).catch(usageOnAppError);
      return revoked.alreadyRevoked
        ? `Token ${id} was already revoked at ${revoked.revokedAt.toISOString()}.`
        : `Token ${id} revoked: its next request is refused.`;
    }
    case "tokens": {
      const service = await theService(db, values.service);
      const rows = await listApiTokens(db, { serviceId: service.id });
      const at = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16)}Z` : "—");
      return (
        rows
          .map((t) =>
            [
              t.id,
              `${t.prefix}…`,
              JSON.stringify(t.name),
              `staff ${t.staff.id} ${t.staff.role}${t.staff.active ? "" : " (inactive)"} ${t.staff.fullName}`,
              `created ${at(t.createdAt)}`,
              `last used ${at(t.lastUsedAt)}`,
              t.revokedAt
                ? `REVOKED ${at(t.revokedAt)}`
                : t.expiresAt && t.expiresAt <= now
                  ? `EXPIRED ${at(t.expiresAt)}`
                  : t.expiresAt
                    ? `active until ${at(t.expiresAt)}`
                    : "active",
            ].join("  "),
          )
          .join("\n") || "No tokens."
      );
    }
    case "abandonments:set": {
      const service = await theService(db, values.service);
      const hospital = await findHospital(db, service.id, need("hospital"));
      const count = need("count");
      if (!/^\d{1,6}$/.test(count)) throw new UsageError("--count must be a whole number.");
      const saved = await db
        .$transaction((tx) =>
          setAbandonmentTotal(
            {
              tx,
              now,
              notifier: new RecordingNotifier(),
              jobs: {
                schedule: () => Promise.reject(new Error("no jobs from the command line")),
              },
              settings: {},
            },
            { kind: "system", channel: "cli" },
            { hospitalId: hospital.id, from: need("from"), to: need("to"), count: Number(count) },
          ),
        )
        .catch(usageOnAppError);
      return `${saved.hospital.shortName}: ${saved.count} abandonment(s) from ${saved.from} to ${saved.to} (exclusive)${
        saved.previousCount === null ? "" : `, was ${saved.previousCount}`
      }.`;
    }
    case "abandonments": {
      const service = await theService(db, values.service);
      const period = { from: need("from"), to: need("to") };
      const problem = periodProblem(period);
      if (problem) throw new UsageError(`--${problem.field}: ${problem.reason}.`);
      const hospitals = await db.hospital.findMany({
        where: { serviceId: service.id, active: true },
        select: { id: true, name: true, shortName: true },
        orderBy: { name: "asc" },
      });
      const figures = await periodFigures(db, service, period, hospitals);
      return (
        figures.abandonments
          .map((a) => {
            const h = hospitals.find((x) => x.id === a.hospitalId)!;
            const who = a.entries
              .map(
                (e) =>
                  `${e.from}..${e.to}: ${e.count} by ${e.enteredBy?.fullName ?? "the command line"} (${e.channel})`,
              )
              .join("; ");
            return `${h.shortName.padEnd(12)} ${a.count === null ? "missing" : String(a.count)}${who ? `  [${who}]` : ""}`;
          })
          .join("\n") || "No hospitals."
      );
    }
    case "retention": {
      const { id: serviceId, name } = await service();
      const policy = await readRetention(db, serviceId);
      return [
        `Retention policy of ${name}${policy.isDefault ? " (the defaults)" : ""}:`,
        `  signals closed as not confirmed: anonymised ${policy.notConfirmedDays} days after the decision`,
        `  closed or handed-over cases:     anonymised ${policy.closedCaseDays} days after closing`,
      ].join("\n");
    }
    case "retention:set": {
      const { id: serviceId } = await service();
      const current = await readRetention(db, serviceId);
      const period = (option: "not-confirmed-days" | "closed-case-days", fallback: number) => {
        const value = values[option];
        if (value === undefined) return fallback;
        const parsed = z.coerce
          .number()
          .int()
          .min(RETENTION_BOUNDS.min)
          .max(RETENTION_BOUNDS.max)
          .safeParse(value);
        if (!parsed.success)
          throw new UsageError(
            `--${option} must be a whole number from ${RETENTION_BOUNDS.min} to ${RETENTION_BOUNDS.max}.`,
          );
        return parsed.data;
      };
      const notConfirmedDays = period("not-confirmed-days", current.notConfirmedDays);
      const closedCaseDays = period("closed-case-days", current.closedCaseDays);
      await db.$transaction(async (tx) => {
        await tx.retentionPolicy.upsert({
          where: { serviceId },
          create: { serviceId, notConfirmedDays, closedCaseDays, updatedAt: now },
          update: { notConfirmedDays, closedCaseDays, updatedAt: now },
        });
        await writeAudit(tx, {
          actor: CLI_ACTOR,
          action: "retention.set",
          subjectType: "service",
          subjectId: serviceId,
          serviceId,
          details: { notConfirmedDays, closedCaseDays },
          at: now,
        });
      });
      return `Retention set: not confirmed ${notConfirmedDays} days, closed cases ${closedCaseDays} days.`;
    }
    case "forms": {
      const { personalDataByForm, name } = await service();
      return personalDataByForm
        ? `${name}: the woman's personal data is asked in a secure form (a Mini App), not in chat messages.`
        : `${name}: the woman's personal data is asked in the chat (forms:set on to use the secure form).`;
    }
    case "forms:set": {
      const { id: serviceId } = await service();
      const [value] = positionals;
      if (value !== "on" && value !== "off") throw new UsageError("forms:set takes on or off.");
      const personalDataByForm = value === "on";
      await db.$transaction(async (tx) => {
        await tx.service.update({ where: { id: serviceId }, data: { personalDataByForm } });
        await writeAudit(tx, {
          actor: CLI_ACTOR,
          action: "service.personal_data_by_form_set",
          subjectType: "service",
          subjectId: serviceId,
          serviceId,
          details: { personalDataByForm },
          at: now,
        });
      });
      return personalDataByForm
        ? "The woman's personal data is now asked in a secure form (needs PUBLIC_URL over HTTPS, or the offline run)."
        : "The woman's personal data is now asked in the chat.";
    }
    case "person:find": {
      const { id: serviceId } = await service();
      const birth = values.birth;
      if (birth !== undefined && !z.iso.date().safeParse(birth).success)
        throw new UsageError("--birth must be a date YYYY-MM-DD.");
      const found = await db.$transaction(async (tx) => {
        const rows = await findPersonSignals(tx, {
          serviceId,
          fullName: need("name"),
          ...(birth ? { birthDate: birth } : {}),
        });
        // Looking a person up is a read of personal data: audited, without the name searched for.
        await writeAudit(tx, {
          actor: CLI_ACTOR,
          action: "person.searched",
          subjectType: "service",
          subjectId: serviceId,
          serviceId,
          details: { found: rows.length },
          at: now,
        });
        return rows;
      });
      if (found.length === 0) return "No signals of that name in the service.";
      return found
        .map(
          (r) =>
            `${r.id}  № ${r.number.padEnd(9)} ${r.hospital.padEnd(10)} ${r.transmittedAt.toISOString().slice(0, 10)}  born ${r.birthDate ?? "?"}  ${r.status}${r.caseStatus ? `, case ${r.caseStatus}` : ""}${r.anonymised ? "  (anonymised)" : ""}`,
        )
        .join("\n");
    }
    case "person:erase": {
      const { id: serviceId } = await service();
      const refs = values.signal ?? [];
      if (refs.length === 0) throw new UsageError("--signal is required (see: person:find).");
      const signalIds = await Promise.all(refs.map((ref) => signalIdOf(db, serviceId, ref)));
      const hooks = personalDataHooks(productAreas());
      const done = await db
        .$transaction(
          (tx) =>
            erasePerson({ tx, now, hooks }, CLI_ACTOR, {
              serviceId,
              signalIds,
              force: values.force === true,
            }),
          {
            timeout: 60_000,
          },
        )
        .catch(usageOnAppError);
      return `Anonymised ${done.length} signal(s)${done.length < signalIds.length ? ` (${signalIds.length - done.length} already were)` : ""}. Journal numbers, dates and decisions stay; her name, birth date, addresses, phone and free texts are gone.`;
    }
    default:
      throw new UsageError(command ? `Unknown command "${command}".` : "No command given.");
  }
}

/**
 * The lines telling the admin how the person redeems `code`: a link per messenger the service runs
 * (the bots' names as the running service recorded them, else as configured or asked for).
 */
async function linkLines(db: DbClient, code: string, botNames: () => Promise<BotNames>): Promise<string[]> {
  const recorded = await invitationLinks(db, code);
  const links = [...recorded];
  if (links.length === 0) {
    const names = await botNames();
    for (const messenger of MESSENGER_KINDS) {
      const username = names[messenger];
      if (username) links.push({ messenger, url: deepLink(messenger, username, code) });
    }
  }
  const start = `(or they send the bot: /start ${code})`;
  if (links.length === 0) {
    return [
      "The bot's name is not known yet (start the service once, or set BOT_USERNAME / MAX_BOT_USERNAME).",
      `The person opens the bot and sends: /start ${code}`,
    ];
  }
  const name = { telegram: "Telegram", max: "MAX" } as const;
  return [
    "Send the person the link of the messenger they use (one of them; the code works once):",
    ...links.map((l) => `  ${`${name[l.messenger]}:`.padEnd(10)}${l.url}`),
    start,
  ];
}

/** The retention policy of a service, or the defaults. */
async function readRetention(db: DbClient, serviceId: string) {
  const row = await db.retentionPolicy.findUnique({ where: { serviceId } });
  return row
    ? { notConfirmedDays: row.notConfirmedDays, closedCaseDays: row.closedCaseDays, isDefault: false }
    : { ...DEFAULT_RETENTION, isDefault: true };
}

/** A signal of the service by its id or its service-journal number ("12/2025"). */
async function signalIdOf(db: DbClient, serviceId: string, ref: string): Promise<string> {
  const number = /^(\d{1,9})\/(\d{4})$/.exec(ref.trim());
  const row = number
    ? await db.signal.findFirst({
        where: { serviceId, serviceNumber: Number(number[1]), serviceYear: Number(number[2]) },
        select: { id: true },
      })
    : z.uuid().safeParse(ref.trim()).success
      ? await db.signal.findFirst({ where: { serviceId, id: ref.trim() }, select: { id: true } })
      : null;
  if (!row)
    throw new UsageError(`No signal "${ref}" in the service (give its number, e.g. 12/2025, or its id).`);
  return row.id;
}

/** An expected failure of a use case (unknown staff, ...) is the command line's mistake. */
function usageOnAppError(error: unknown): never {
  if (error instanceof DomainError && error.code !== "internal" && error.code !== "unavailable") {
    throw new UsageError(error.message);
  }
  throw error;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  const url = database.url;
  const db = createDb(url, { poolSize: 2 });
  try {
    console.log(await runAdmin(db, process.argv.slice(2), new Date(), () => configuredBotNames(config)));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } finally {
    await db.$disconnect();
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
