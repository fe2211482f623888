/**
 * Access end to end through the bot: invitations made with the admin CLI and redeemed with
 * `/start <code>`, strangers, deactivated staff, two people racing for one code, and the CLI's
 * usage errors. grammY polling (the adapter does not matter) except for the race, which needs
 * updates handled in parallel (webhook mode).
 */
import { spawn } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAdmin, UsageError } from "../../src/cli/admin.ts";
import type { SessionState } from "../../src/platform/flow/types.ts";
import type { SimUser } from "@signal-desk/telegram-bot-api-sim";
import { answer, choose, waitText } from "../helpers/chat.ts";
import { startTestSystem, type TestSystem } from "../helpers/system.ts";
import {
  botMessages,
  lockWaitersOn,
  postWebhook,
  REPO_ROOT,
  textUpdate,
  waitUntil,
} from "../helpers/reliability.ts";

const TEXT = {
  prompt:
    "Это служебный бот Службы профилактики отказов. Доступ — по ссылке-приглашению от администратора службы.",
  used: "Это приглашение уже использовано. Попросите новое у администратора.",
  expired: "Срок приглашения истёк. Попросите новое у администратора.",
  invalid: "Приглашение не найдено. Проверьте ссылку или попросите новую у администратора.",
  deactivated: "Ваш доступ отключён. Обратитесь к администратору службы.",
};
const DAY_MS = 86_400_000;

/** Runs `admin invite ...` and returns the code it printed. */
async function invite(t: TestSystem, args: string[], now?: Date): Promise<string> {
  const printed = await runAdmin(t.database.db, ["invite", ...args], now);
  const code = /\/start ([A-Za-z0-9_-]+)\)/.exec(printed)?.[1];
  if (!code) throw new Error(`no code in:\n${printed}`);
  expect(printed).toContain(`https://t.me/${t.system.botUsername}?start=${code}`);
  return code;
}

/** The one reply a stranger gets for one update: waits for it and checks nothing else came. */
async function onlyReply(t: TestSystem, user: SimUser, count: number): Promise<string[]> {
  await user.waitFor((c) => botMessages(c).length >= count, `${count} bot messages`, { timeoutMs: 10_000 });
  await t.settled(user.id);
  const chat = await user.chat();
  const rows = await t.database.db.outboxMessage.findMany({ where: { chatId: String(user.id) } });
  expect(rows.filter((r) => (r.payload as { method: string }).method === "sendMessage")).toHaveLength(count);
  return botMessages(chat).map((m) => m.text ?? "");
}

let nextStranger = 6_100_000;

describe("invitations, strangers and deactivation (grammy/polling)", () => {
  let t: TestSystem;
  const stranger = (firstName = "Гость") =>
    t.sim.user(t.botId, { id: nextStranger++, firstName, languageCode: "ru" });
  const identityOf = (user: SimUser) =>
    t.database.db.messengerIdentity.findUnique({
      where: { messenger_externalUserId: { messenger: "telegram", externalUserId: String(user.id) } },
    });

  beforeAll(async () => {
    t = await startTestSystem({ library: "grammy", mode: "polling" });
  });
  afterAll(async () => t?.stop());

  it("a stranger with a valid code is welcomed with their role and becomes staff; the code is then used up", async () => {
    const code = await invite(t, ["--role", "curator", "--name", "Орлова Нина Викторовна"]);
    const first = await stranger("Нина");
    await first.sendText(`/start ${code}`);
    const [welcome] = await onlyReply(t, first, 1);
    expect(welcome).toContain("Здравствуйте, Орлова Нина Викторовна! Вы подключены как куратор.");
    expect(welcome).toContain("Список команд: /help");

    const identity = await identityOf(first);
    expect(identity).toMatchObject({ chatId: String(first.id) });
    const staff = await t.database.db.staff.findUniqueOrThrow({ where: { id: identity!.staffId } });
    expect(staff).toMatchObject({
      role: "curator",
      fullName: "Орлова Нина Викторовна",
      active: true,
      hospitalId: null,
      serviceId: t.serviceId,
    });
    const invitation = await t.database.db.invitation.findUniqueOrThrow({ where: { code } });
    expect(invitation.usedByStaffId).toBe(staff.id);
    expect(invitation.usedAt).not.toBeNull();
    expect(
      await t.database.db.auditEvent.count({
        where: { action: "invitation.redeemed", subjectId: invitation.id },
      }),
    ).toBe(1);

    // Known now: commands work.
    await first.sendText("/help");
    await waitText(first, "Что я умею");

    // The same code from someone else: refused, nobody new.
    const staffBefore = await t.database.db.staff.count();
    const second = await stranger();
    await second.sendText(`/start ${code}`);
    expect(await onlyReply(t, second, 1)).toEqual([TEXT.used]);
    expect(await identityOf(second)).toBeNull();
    expect(await t.database.db.staff.count()).toBe(staffBefore);
    expect((await t.database.db.invitation.findUniqueOrThrow({ where: { code } })).usedByStaffId).toBe(
      staff.id,
    );
  });

  it("a reporter's invitation binds them to their hospital", async () => {
    const code = await invite(t, [
      "--role",
      "reporter",
      "--name",
      "Белова Ирина Андреевна",
      "--hospital",
      "РД1",
    ]);
    const user = await stranger("Ирина");
    await user.sendText(`/start ${code}`);
    const [welcome] = await onlyReply(t, user, 1);
    expect(welcome).toContain("Вы подключены как ответственный специалист роддома.");
    const identity = await identityOf(user);
    const staff = await t.database.db.staff.findUniqueOrThrow({ where: { id: identity!.staffId } });
    expect(staff).toMatchObject({ role: "reporter", hospitalId: t.hospitalId });
    await user.sendText("/new");
    await waitText(user, "Фамилия, имя и отчество");
  });

  it("an expired code and an unknown code are refused with their own messages, and nobody is created", async () => {
    const staffBefore = await t.database.db.staff.count();
    const expiredCode = await invite(
      t,
      ["--role", "head", "--name", "Зайцева Ольга Игоревна", "--days", "1"],
      new Date(Date.now() - 2 * DAY_MS),
    );
    const late = await stranger();
    await late.sendText(`/start ${expiredCode}`);
    expect(await onlyReply(t, late, 1)).toEqual([TEXT.expired]);
    expect(
      (await t.database.db.invitation.findUniqueOrThrow({ where: { code: expiredCode } })).usedAt,
    ).toBeNull();

    const guesser = await stranger();
    await guesser.sendText("/start Zz9Zz9Zz9Zz9Zz9Zz9");
    await guesser.sendText("/start ../../etc/passwd");
    expect(await onlyReply(t, guesser, 2)).toEqual([TEXT.invalid, TEXT.invalid]);

    expect(await identityOf(late)).toBeNull();
    expect(await identityOf(guesser)).toBeNull();
    expect(await t.database.db.staff.count()).toBe(staffBefore);
  });

  it("a stranger sending anything else gets only the short invitation prompt, once per message", async () => {
    const user = await stranger();
    await user.sendText("привет");
    await user.sendText("/new");
    await user.sendText("/help");
    await user.sendText("/start");
    await user.sendSticker("🙂");
    await user.shareContact({ phoneNumber: "+79001234567" });
    expect(await onlyReply(t, user, 6)).toEqual(Array<string>(6).fill(TEXT.prompt));
    expect(await t.database.db.dialogueSession.count({ where: { chatId: String(user.id) } })).toBe(0);
    expect(await identityOf(user)).toBeNull();
    expect(await t.database.db.processedUpdate.count({ where: { chatId: String(user.id) } })).toBe(6);
  });

  it("a deactivated staff member is refused on their next update and nothing else happens; reactivated, they continue", async () => {
    const { staffId, user } = await t.person("reporter", "Смирнова Ольга Ивановна");
    await user.sendText("/new");
    await answer(user, "Фамилия, имя и отчество", "Иванова Анна Петровна");
    await choose(user, "Категория сигнала", "Открыто заявляет об отказе");
    await choose(user, "Где сейчас женщина", "Вместе с ребёнком в палате");
    await choose(user, "Когда выявлен риск", "Только что");
    await waitText(user, "Дата рождения или возраст");
    await t.settled(user.id);
    const sessionKey = { messenger_chatId: { messenger: "telegram", chatId: String(user.id) } };
    const before = await t.database.db.dialogueSession.findUniqueOrThrow({
      where: { messenger_chatId: sessionKey.messenger_chatId },
    });
    const messagesBefore = botMessages(await user.chat()).length;

    expect(await runAdmin(t.database.db, ["staff:deactivate", staffId])).toContain("deactivated");

    await user.sendText("12.03.1995");
    await user.sendText("/help");
    const pressed = await user.press("Неизвестно");
    if (pressed.kind !== "callback") throw new Error("expected an inline button");
    const refusals = (await onlyReply(t, user, messagesBefore + 3)).slice(messagesBefore);
    expect(refusals).toEqual([TEXT.deactivated, TEXT.deactivated, TEXT.deactivated]);
    // The press is answered (the spinner stops) without any text.
    const pressAnswer = await user.waitForCallbackAnswer(pressed.callbackQueryId);
    expect(pressAnswer.text ?? "").toBe("");

    const after = await t.database.db.dialogueSession.findUniqueOrThrow({
      where: { messenger_chatId: sessionKey.messenger_chatId },
    });
    expect(after.state).toEqual(before.state);
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(await t.database.db.signal.count()).toBe(0);

    expect(await runAdmin(t.database.db, ["staff:activate", staffId])).toContain("activated");
    await user.sendText("12.03.1995");
    await waitText(user, "Адрес регистрации");
    const resumed = await t.database.db.dialogueSession.findUniqueOrThrow({
      where: { messenger_chatId: sessionKey.messenger_chatId },
    });
    expect((resumed.state as unknown as SessionState).answers).toMatchObject({
      full_name: "Иванова Анна Петровна",
      category: "intends_to_abandon",
      birth: "1995-03-12",
    });
  });

  it("admin CLI: usage errors say what is wrong and create nothing", async () => {
    const db = t.database.db;
    const invitationsBefore = await db.invitation.count();
    const hospitalsBefore = await db.hospital.count();
    const usage = async (argv: string[], message: string | RegExp) => {
      const failure = runAdmin(db, argv);
      await expect(failure, argv.join(" ")).rejects.toBeInstanceOf(UsageError);
      await expect(failure, argv.join(" ")).rejects.toThrow(message);
    };
    await usage(["invite", "--role", "curator"], "--name is required.");
    await usage(["invite", "--role", "curator", "--name", "   "], "--name is required.");
    await usage(["invite", "--name", "Орлова Нина Викторовна"], "--role is required.");
    await usage(
      ["invite", "--role", "nurse", "--name", "Орлова Нина Викторовна"],
      "--role must be one of reporter, head, curator, psychologist, admin.",
    );
    await usage(
      ["invite", "--role", "reporter", "--name", "Орлова Нина Викторовна"],
      "--hospital is required for a reporter.",
    );
    await usage(
      ["invite", "--role", "reporter", "--name", "Орлова Нина Викторовна", "--hospital", "НЕТ"],
      'No hospital "НЕТ".',
    );
    await usage(
      ["invite", "--role", "curator", "--name", "Орлова Нина Викторовна", "--days", "0"],
      "--days must be a whole number from 1 to 90.",
    );
    await usage(
      ["service:create", "--name", "Вторая служба", "--tz", "Mars/Olympus"],
      '--tz: "Mars/Olympus" is not an IANA time zone (e.g. Europe/Moscow).',
    );
    await usage(["service:create", "--name", "Вторая служба"], "--tz is required.");
    await usage(["staff:deactivate", "not-a-uuid"], "Give the staff id");
    await usage(
      ["staff:deactivate", "00000000-0000-4000-8000-000000000000"],
      "No staff 00000000-0000-4000-8000-000000000000.",
    );
    await usage([], "No command given.");
    await usage(["frobnicate"], 'Unknown command "frobnicate".');
    // A mistyped option names itself.
    await expect(runAdmin(db, ["invite", "--role", "curator", "--nme", "Орлова"])).rejects.toThrow("--nme");
    expect(await db.invitation.count()).toBe(invitationsBefore);
    expect(await db.service.count()).toBe(1);
    expect(await db.hospital.count()).toBe(hospitalsBefore);
  });

  it("admin CLI: a hospital's --tz is checked like the service's", async () => {
    // A bad zone stored here breaks every reporter of the hospital later (dates render as
    // "Invalid DateTime" and submitting a signal fails), so it must be refused up front.
    const failure = runAdmin(t.database.db, [
      "hospital:create",
      "--name",
      "Роддом на Марсе",
      "--short",
      "MARS",
      "--tz",
      "Mars/Olympus",
    ]);
    await expect(failure).rejects.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toThrow('"Mars/Olympus" is not an IANA time zone');
    expect(await t.database.db.hospital.count({ where: { shortName: "MARS" } })).toBe(0);
  });

  it("admin CLI process: a usage error prints the message and the usage, exit code 2", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "src/cli/admin.ts", "invite", "--role", "curator"],
      {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DATABASE_URL: t.database.url },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code, stderr).toBe(2);
    expect(stderr).toContain("--name is required.");
    expect(stderr).toContain("Usage: npm run admin -- <command> [--service <id or name>] [options]");
    expect(stdout).toBe("");
  });
});

describe("two strangers redeem one code at the same moment (grammy/webhook)", () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({ library: "grammy", mode: "webhook" });
  });
  afterAll(async () => t?.stop());

  it("exactly one wins; the other is told the code is used", async () => {
    const code = await invite(t, ["--role", "psychologist", "--name", "Миронова Елена Павловна"]);
    const users = [
      await t.sim.user(t.botId, { id: nextStranger++, firstName: "Первая", languageCode: "ru" }),
      await t.sim.user(t.botId, { id: nextStranger++, firstName: "Вторая", languageCode: "ru" }),
    ];
    // Both turns are held on the invitation row until both are in flight, then let go together.
    const holder = new pg.Client({ connectionString: t.database.url });
    await holder.connect();
    let statuses: Promise<number[]>;
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT id FROM invitations WHERE code = $1 FOR UPDATE", [code]);
      statuses = Promise.all(
        users.map((user, i) =>
          postWebhook(
            t.system.apiUrl,
            "test-secret-0123456789",
            textUpdate(950_000_001 + i, { id: user.id, firstName: "Гость" }, `/start ${code}`),
          ),
        ),
      );
      await waitUntil(
        async () => (await lockWaitersOn(t.database.url, "invitations")) >= 2,
        "both redemptions to wait on the invitation",
      );
      await holder.query("COMMIT");
    } finally {
      await holder.end();
    }
    expect(await statuses).toEqual([200, 200]);

    const replies = await Promise.all(users.map((user) => onlyReply(t, user, 1)));
    const winners = replies
      .flat()
      .filter((text) => text.startsWith("Здравствуйте, Миронова Елена Павловна!"));
    const losers = replies.flat().filter((text) => text === TEXT.used);
    expect([winners.length, losers.length]).toEqual([1, 1]);

    const staff = await t.database.db.staff.findMany({
      where: { fullName: "Миронова Елена Павловна" },
      include: { identities: true },
    });
    expect(staff).toHaveLength(1);
    const winner = users[replies.findIndex((r) => r[0]!.startsWith("Здравствуйте"))]!;
    expect(staff[0]!.identities.map((i) => i.externalUserId)).toEqual([String(winner.id)]);
    const invitation = await t.database.db.invitation.findUniqueOrThrow({ where: { code } });
    expect(invitation.usedByStaffId).toBe(staff[0]!.id);
  });
});
