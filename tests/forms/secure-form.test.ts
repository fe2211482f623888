/**
 * The secure form end to end in the harness: with the service's `personalDataByForm` on, the
 * reporter's new signal asks the woman's personal data in the form the chat opens (a Mini App
 * button), the form's answers are checked by the flow's own schemas and go on in the chat, and no
 * message of any chat carries them.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signWebAppData } from "../../src/platform/web-app-data.ts";
import { createHarness, HARNESS_BOT_TOKEN, type Harness, type HarnessPerson } from "../helpers/harness.ts";

const SECRETS = ["Иванова", "12.03.1995", "1995-03-12", "Ленина", "900 000", "79000000001", "Плачет"];

describe("personal data by secure form", () => {
  let h: Harness;
  let reporter: HarnessPerson;
  let head: HarnessPerson;
  let url: string;
  beforeEach(async () => {
    h = await createHarness();
    await h.database.db.service.update({ where: { id: h.serviceId }, data: { personalDataByForm: true } });
    reporter = await h.person("reporter", "Смирнова Ольга Ивановна");
    head = await h.person("head", "Кузнецова Мария Петровна");
    url = (await h.api()).url;
  });
  afterEach(async () => h.stop());

  const launch = (userId: string, ageSeconds = 0) =>
    signWebAppData(
      {
        auth_date: String(Math.floor(h.now().getTime() / 1000) - ageSeconds),
        user: JSON.stringify({ id: Number(userId), first_name: "Ольга" }),
      },
      HARNESS_BOT_TOKEN,
    );

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("asks personal data in the form only, continues in the chat, and no chat message carries it", async () => {
    await reporter.send("/new");
    const prompt = reporter.last();
    const button = prompt.buttons.flat().find((b) => b.url !== undefined);
    expect(button).toMatchObject({ text: "📝 Заполнить форму", miniApp: true });
    expect(button?.url).toBe(`${url}/forms/dialogue?m=telegram`);
    expect(prompt.text).toContain("в защищённой форме");

    // The page itself holds nothing; without valid launch data the form shows nothing.
    const page = await fetch(`${url}/forms/dialogue?m=telegram`);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await page.text()).not.toContain("full_name");
    for (const initData of ["", "hash=00", launch("1"), launch(reporter.userId, 7200)]) {
      expect((await post("/forms/dialogue/open", { initData, messenger: "telegram" })).status).toBe(403);
    }
    const initData = launch(reporter.userId);
    const opened = await post("/forms/dialogue/open", { initData, messenger: "telegram" });
    expect(opened.status).toBe(200);
    const fields = opened.body.fields as { id: string; presets: { label: string }[] }[];
    // The name first (the urgent questions follow it in the chat: the short path), the details later.
    expect(fields.map((f) => f.id)).toEqual(["full_name"]);
    const refusedName = await post("/forms/dialogue/submit", {
      initData,
      messenger: "telegram",
      answers: { full_name: { text: "Анна" } },
    });
    expect(refusedName.status).toBe(422);
    expect(Object.keys(refusedName.body.errors as object)).toEqual(["full_name"]);
    expect(reporter.last().id).toBe(prompt.id);

    // Typed into the chat instead: not kept, the form's button again.
    await reporter.send("Иванова Анна Петровна");
    expect(reporter.last().text).toContain("не в чат, а в форму");

    const sent = await post("/forms/dialogue/submit", {
      initData,
      messenger: "telegram",
      answers: { full_name: { text: "Иванова Анна Петровна" } },
    });
    expect(sent).toMatchObject({
      status: 200,
      body: { message: "Спасибо, получили. Можно вернуться в чат." },
    });
    expect(
      reporter
        .last()
        .buttons.flat()
        .map((b) => b.text),
    ).toContain("Открыто заявляет об отказе");
    await reporter.press("Открыто заявляет об отказе");
    await reporter.press("Вместе с ребёнком в палате");
    await reporter.press("30 мин назад");

    // The woman's details and the comment: the second form.
    const second = launch(reporter.userId);
    const details = await post("/forms/dialogue/open", { initData: second, messenger: "telegram" });
    const detailFields = details.body.fields as { id: string; presets: { label: string }[] }[];
    expect(detailFields.map((f) => f.id)).toEqual([
      "birth",
      "registered_address",
      "actual_address",
      "ambulance_from",
      "phone",
      "comment",
    ]);
    expect(detailFields[2]?.presets.map((p) => p.label)).toContain("Совпадает с регистрацией");
    const answers = {
      birth: { text: "12.03.1995" },
      registered_address: { text: "г. Москва, ул. Ленина, 1" },
      actual_address: { preset: 0 },
      ambulance_from: { preset: 1 },
      phone: { text: "+7 900 000-00-01" },
      comment: { text: "Плачет, просит помочь с жильём" },
    };
    // Checked by the flow's own rules, shown in the form, nothing changes in the chat.
    const before = reporter.last().id;
    const refused = await post("/forms/dialogue/submit", {
      initData: second,
      messenger: "telegram",
      answers: { ...answers, birth: { text: "вчера" }, phone: { text: "12" } },
    });
    expect(refused.status).toBe(422);
    expect(Object.keys(refused.body.errors as object).sort()).toEqual(["birth", "phone"]);
    expect(reporter.last().id).toBe(before);
    const commented = await post("/forms/dialogue/submit", {
      initData: second,
      messenger: "telegram",
      answers,
    });
    expect(commented.status).toBe(200);
    expect(reporter.last().text).toContain("заполнено в форме");
    await reporter.press("📤 Отправить в Службу");

    const signal = await h.database.db.signal.findFirstOrThrow();
    expect(signal).toMatchObject({
      womanFullName: "Иванова Анна Петровна",
      actualAddress: "г. Москва, ул. Ленина, 1",
    });
    expect(head.last().text).toContain("🆕 Новый сигнал 1/2026");
    // No message of any chat carried an answer of the form.
    const everything = h.messenger.sent.map((m) => m.text).join("\n");
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
    // Opening the form is a read of personal data: audited.
    const audits = await h.database.db.auditEvent.count({ where: { action: "form.opened" } });
    expect(audits).toBe(2);
  });

  it("the curator's card shows the number and a button; the details open read-only, audited, for her only", async () => {
    const curator = await h.person("curator", "Петрова Анна Сергеевна");
    const other = await h.person("curator", "Сидорова Вера Ивановна");
    await reporter.send("/new");
    const initData = launch(reporter.userId);
    const named = await post("/forms/dialogue/submit", {
      initData,
      messenger: "telegram",
      answers: { full_name: { text: "Иванова Анна Петровна" } },
    });
    expect(named.status).toBe(200);
    await reporter.press("Открыто заявляет об отказе");
    await reporter.press("Вместе с ребёнком в палате");
    await reporter.press("30 мин назад");
    const second = launch(reporter.userId);
    const answers = {
      birth: { text: "12.03.1995" },
      registered_address: { text: "г. Москва, ул. Ленина, 1" },
      actual_address: { preset: 0 },
      ambulance_from: { preset: 1 },
      phone: { text: "+7 900 000-00-01" },
      comment: { text: "" },
    };
    expect(
      (await post("/forms/dialogue/submit", { initData: second, messenger: "telegram", answers })).status,
    ).toBe(200);
    await reporter.press("📤 Отправить в Службу");
    await head.press("🔴 Срочно (до 3 часов)");
    await head.press("Петрова А. С. — 0/9");

    const card = curator.last();
    expect(card.text).toContain("1/2026");
    for (const secret of SECRETS) expect(card.text).not.toContain(secret);
    const signal = await h.database.db.signal.findFirstOrThrow();
    const details = card.buttons.flat().find((b) => b.url !== undefined);
    expect(details).toMatchObject({
      text: "🔒 Сведения о женщине",
      miniApp: true,
      url: `${url}/forms/signal?s=${signal.id}`,
    });
    await curator.press("✅ Принимаю");
    expect(curator.last().text).not.toContain("Иванова");

    const read = await post("/forms/signal/open", { initData: launch(curator.userId), signalId: signal.id });
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body.rows)).toContain("Иванова Анна Петровна");
    expect(JSON.stringify(read.body.rows)).toContain("+79000000001");
    // Another curator's launch data, or none, shows nothing.
    expect(
      (await post("/forms/signal/open", { initData: launch(other.userId), signalId: signal.id })).status,
    ).toBe(403);
    expect((await post("/forms/signal/open", { initData: "", signalId: signal.id })).status).toBe(403);
    const audited = await h.database.db.auditEvent.findMany({
      where: { action: "signal.personal_data_read" },
    });
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorStaffId: curator.staffId, subjectId: signal.id });
    const everything = h.messenger.sent.map((m) => m.text).join("\n");
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
  });

  it("with the setting off, the same flow asks in the chat and the form shows nothing", async () => {
    await h.database.db.service.update({ where: { id: h.serviceId }, data: { personalDataByForm: false } });
    await reporter.send("/new");
    expect(
      reporter
        .last()
        .buttons.flat()
        .some((b) => b.url !== undefined),
    ).toBe(false);
    expect(reporter.last().text).not.toContain("форм");
    const opened = await post("/forms/dialogue/open", {
      initData: launch(reporter.userId),
      messenger: "telegram",
    });
    expect(opened.status).toBe(403);
  });
});
