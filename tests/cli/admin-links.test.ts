/**
 * `admin invite` before the service has ever started: the links name the bots (configured, asked
 * for, or simulated), never a `<bot username>` placeholder.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runAdmin } from "../../src/cli/admin.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";

describe("admin invite prints real links", () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
    await runAdmin(database.db, ["service:create", "--name", "Служба", "--tz", "Europe/Moscow"]);
  });
  afterEach(async () => database.drop());

  const invite = (names: () => Promise<Record<string, string>>) =>
    runAdmin(
      database.db,
      ["invite", "--role", "head", "--name", "Кузнецова Мария Петровна"],
      new Date(),
      names,
    );

  it("uses the names given when no bot has been recorded yet", async () => {
    expect(await database.db.messengerBot.count()).toBe(0);
    const printed = await invite(async () => ({ telegram: "signal_desk_local_bot", max: "desk_max" }));
    const code = /\/start ([A-Za-z0-9_-]+)\)/.exec(printed)?.[1];
    expect(code).toBeTruthy();
    expect(printed).toContain(`https://t.me/signal_desk_local_bot?start=${code}`);
    expect(printed).toContain(`https://max.ru/desk_max?start=${code}`);
    expect(printed).not.toContain("<bot");
  });

  it("prefers the bots the running service recorded", async () => {
    await database.db.messengerBot.create({
      data: { messenger: "telegram", botId: "42", username: "recorded_bot" },
    });
    const printed = await invite(async () => ({ telegram: "other_bot" }));
    expect(printed).toContain("https://t.me/recorded_bot?start=");
    expect(printed).not.toContain("other_bot");
  });

  it("says how to redeem the code when no name is known, without a placeholder", async () => {
    const printed = await invite(async () => ({}));
    expect(printed).toContain("BOT_USERNAME");
    expect(printed).toMatch(/sends: \/start [A-Za-z0-9_-]+/);
    expect(printed).not.toContain("<bot");
  });
});
