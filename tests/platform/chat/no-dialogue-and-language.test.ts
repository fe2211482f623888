/**
 * What the bot says outside a dialogue (the command that fits the person's role), and the
 * language chosen in /settings taking effect from the very next message.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../helpers/harness.ts";

describe("outside a dialogue, and the language from /settings", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => h.stop());

  it("points each role to the command that fits it", async () => {
    const reporter = await h.person("reporter", "Смирнова Ольга Ивановна");
    const head = await h.person("head", "Кузнецова Мария Петровна");
    const admin = await h.person("admin", "Администратор Иван Иванович");
    await reporter.send("здравствуйте");
    expect(reporter.last().text).toBe("Чтобы передать сигнал, нажмите /new. Все команды — /help");
    await head.send("здравствуйте");
    expect(head.last().text).toBe("Ваши сигналы и случаи — /my. Все команды — /help");
    await admin.send("здравствуйте");
    expect(admin.last().text).toBe("Все команды — /help");
    await reporter.send("/cancel");
    expect(reporter.last().text).toBe(
      "Отменять нечего: диалог не начат.\nЧтобы передать сигнал, нажмите /new. Все команды — /help",
    );
  });

  it("answers in English from the message right after choosing English", async () => {
    const reporter = await h.person("reporter", "Смирнова Ольга Ивановна");
    await reporter.send("/settings");
    await reporter.press("English");
    await reporter.press("Skip");
    const afterSettings = reporter.messages().at(-1)!.text;
    expect(afterSettings).not.toMatch(/[а-яё]/i);
    await reporter.send("hello");
    expect(reporter.last().text).toBe("To pass on a signal, press /new. All commands: /help");
    await reporter.send("/new");
    expect(reporter.last().text).not.toMatch(/[а-яё]{4}/i);
  });
});
