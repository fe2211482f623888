import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSystem, type TestSystem } from "../helpers/system.ts";

describe("system smoke", () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({ library: "grammy", mode: "polling" });
  });
  afterAll(async () => t?.stop());

  it("a stranger gets only the invitation prompt", async () => {
    const user = await t.sim.user(t.botId, { id: 5550001, firstName: "Гость" });
    await user.sendText("привет");
    const reply = await user.waitForBotMessage();
    expect(reply.text).toContain("Доступ — по ссылке-приглашению");
  });

  it("a known reporter starts a new signal", async () => {
    const { user } = await t.person("reporter", "Смирнова Ольга Ивановна");
    await user.sendText("/new");
    const reply = await user.waitForBotMessage();
    expect(reply.text).toContain("Фамилия, имя и отчество женщины");
  });
});
