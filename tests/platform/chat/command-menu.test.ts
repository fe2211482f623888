/**
 * The command menu of each chat: set when a person joins (their role's commands in their
 * language), set again when their language or role changes, and not re-sent when nothing did.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../helpers/harness.ts";

describe("command menus per role and language", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => h.stop());

  const menuOf = (chatId: string) =>
    h.messenger.menus.get(chatId)?.map((c) => `/${c.command} — ${c.description}`);
  const menuCalls = async (chatId: string) =>
    (await h.database.db.outboxMessage.findMany({ where: { chatId } })).filter(
      (r) => (r.payload as { method: string }).method === "setMyCommands",
    ).length;

  it("gives a person who joins their role's commands, and follows a language change", async () => {
    await h.database.db.invitation.create({
      data: {
        serviceId: h.serviceId,
        code: "JoinHead2026",
        role: "head",
        fullName: "Кузнецова Мария Петровна",
        expiresAt: new Date(h.now().getTime() + 86_400_000),
      },
    });
    const userId = "7700001";
    await h.deliver(userId, { kind: "command", command: "start", args: "JoinHead2026", messageId: 1 });
    const menu = menuOf(userId)!;
    expect(menu[0]).toBe("/help — что я умею");
    expect(menu).toContain("/my — мои сигналы и случаи");
    expect(menu.join("\n")).not.toContain("/new");

    // Unchanged: not set again.
    await h.deliver(userId, { kind: "text", text: "здравствуйте", messageId: 2 });
    expect(await menuCalls(userId)).toBe(1);

    await h.deliver(userId, { kind: "command", command: "settings", args: "", messageId: 3 });
    const staff = await h.database.db.staff.findFirstOrThrow({
      where: { fullName: "Кузнецова Мария Петровна" },
    });
    expect(staff.role).toBe("head");
    const chat = h.messenger.chat(userId);
    const english = chat
      .at(-1)!
      .buttons.flat()
      .find((b) => b.text === "English")!;
    await h.deliver(userId, {
      kind: "callback",
      data: (english as { data: string }).data,
      callbackQueryId: "q1",
      messageId: chat.at(-1)!.id,
    });
    expect(menuOf(userId)).toContain("/my — my signals and cases");
    expect(menuOf(userId)![0]).toBe("/help — what I can do");
  });

  it("sets a reporter's menu with /new at their next message, and again when their role changes", async () => {
    const reporter = await h.person("reporter", "Смирнова Ольга Ивановна");
    await reporter.send("/help");
    expect(menuOf(reporter.userId)).toContain("/new — новый сигнал");
    await h.database.db.staff.update({
      where: { id: reporter.staffId },
      data: { role: "curator", hospitalId: null },
    });
    await reporter.send("/help");
    const menu = menuOf(reporter.userId)!;
    expect(menu.join("\n")).not.toContain("/new");
    expect(menu).toContain("/my — мои сигналы и случаи");
    expect(await menuCalls(reporter.userId)).toBe(2);
  });
});
