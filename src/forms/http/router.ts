/**
 * The secure form's pages: `GET /forms/dialogue` (a page with no data: its script reads the
 * messenger's launch data from the address's fragment), `POST /forms/dialogue/open` (the personal
 * questions the person's open dialogue waits for) and `POST /forms/dialogue/submit` (the answers:
 * checked by the engine as the chat's turn will check them; when they fit, handed to the chat
 * runtime as one update, which applies them under the chat's lock and continues the dialogue in the
 * chat). Without valid launch data every request gets the same "nothing here".
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import express, { Router, type Request, type Response } from "express";
import { z } from "zod";
import { findChatStaff } from "../../access/identity.ts";
import { securityHeaders, sameOrigin } from "../../console/http/security.ts";
import { staffActor } from "../../platform/actor.ts";
import { writeAudit } from "../../platform/audit.ts";
import { DomainError } from "../../platform/errors.ts";
import { readSignal } from "../../signals/queries/signal-detail.ts";
import type { ChatStaff, FeatureDeps } from "../../platform/chat/app.ts";
import { openSession } from "../../platform/chat/sessions.ts";
import { acceptForm, formSteps, labelKey, promptKey, promptParams } from "../../platform/flow/engine.ts";
import type {
  EngineContext,
  FlowDefinition,
  SessionState,
  StepDefinition,
  TextParam,
} from "../../platform/flow/types.ts";
import { pickLocale, type Locale } from "../../platform/i18n/index.ts";
import { MESSENGER_KINDS, type MessengerKind } from "../../platform/messenger/contract.ts";
import { checkWebAppData, MAX_WEB_APP_DATA_LENGTH } from "../../platform/web-app-data.ts";

/**
 * Oldest launch data a form accepts (seconds): the launch is signed when the button is pressed, and
 * filling in a form takes longer than signing in.
 */
export const FORM_MAX_AGE_SECONDS = 3600;

const SCRIPT = readFileSync(new URL("../assets/forms.js", import.meta.url));

const launch = z.object({
  initData: z.string().min(1).max(MAX_WEB_APP_DATA_LENGTH),
  /** Absent on a card's link (one link for every messenger): each running bot's token is tried. */
  messenger: z.enum(MESSENGER_KINDS).optional(),
});

const answerSchema = z.union([
  z.strictObject({ text: z.string().max(3500) }),
  z.strictObject({ preset: z.number().int().min(0).max(20) }),
  z.strictObject({ skip: z.literal(true) }),
]);

const submission = launch.extend({
  answers: z.record(z.string().max(40), answerSchema).refine((a) => Object.keys(a).length <= 40),
});

/** The page: no data of anyone, only the script that asks for the form with the launch data. */
function page(): string {
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>Signal Desk</title>
<link rel="stylesheet" href="/console/assets/console.css">
</head>
<body>
<main id="form-root" class="form-root" data-state="loading"><p class="message">…</p></main>
<script src="/forms/forms.js"></script>
</body>
</html>`;
}

/** Who opened the form and the dialogue it is for; null when the launch data does not hold. */
interface Opened {
  staff: ChatStaff;
  messenger: MessengerKind;
  userId: string;
  chatId: string;
  flow: FlowDefinition;
  state: SessionState;
  steps: StepDefinition[];
  launchHash: string;
}

export function formsRouter(deps: FeatureDeps): Router {
  const router = Router();
  const { db, clock, translator, logger } = deps;
  const flows = new Map((deps.flows ?? []).map((f) => [f.id, f]));
  router.use("/forms", securityHeaders);

  const t = (locale: Locale, key: string, params?: Record<string, string>) =>
    translator.render({ key, ...(params ? { params } : {}) }, locale, "UTC");

  /** Who the launch data names (signed by one of our bots, fresh), if a known, active person. */
  async function launcher(req: Request) {
    const body = launch.safeParse(req.body);
    if (!body.success || !sameOrigin(req)) return null;
    const kinds = body.data.messenger ? [body.data.messenger] : MESSENGER_KINDS;
    for (const messenger of kinds) {
      const token = deps.webAppTokens?.[messenger];
      if (!token) continue;
      const checked = checkWebAppData(body.data.initData, {
        botToken: token,
        now: clock(),
        maxAgeSeconds: FORM_MAX_AGE_SECONDS,
      });
      if (!checked.ok) continue;
      const userId = checked.data.user.id;
      const known = await findChatStaff(db, { messenger, userId });
      if (!known?.active || !known.staff.personalDataByForm) return null;
      const chatId = known.identities.find((i) => i.messenger === messenger && i.userId === userId)?.chatId;
      if (!chatId) return null;
      return { staff: known.staff, messenger, userId, chatId, hash: checked.data.hash };
    }
    return null;
  }

  /** Checks the launch data and finds the person's dialogue waiting at a personal step. */
  async function open(req: Request): Promise<Opened | null> {
    const who = await launcher(req);
    if (!who) return null;
    const { staff, messenger, userId, chatId } = who;
    const known = { staff };
    const session = await openSession(db, messenger, chatId);
    const state = session?.state as unknown as SessionState | undefined;
    const flow = state && flows.get(state.flowId);
    if (!state || !flow) return null;
    const steps = formSteps(flow, state);
    if (steps.length === 0) return null;
    return {
      staff: known.staff,
      messenger,
      userId,
      chatId,
      flow,
      state,
      steps,
      launchHash: who.hash,
    };
  }

  const nothing = (req: Request, res: Response) =>
    res.status(403).json({ message: t(pickLocale(req.acceptsLanguages()[0]), "forms.nothing") });

  const engineContext = (staff: ChatStaff): EngineContext => ({
    now: clock(),
    timeZone: staff.timeZone,
    newNonce: () => "------",
    labelsOf: translator.labelsOf,
    personalByForm: true,
  });

  router.get("/forms/dialogue", (_req, res) => {
    res.type("html").set("cache-control", "no-store").send(page());
  });

  router.get("/forms/signal", (_req, res) => {
    res.type("html").set("cache-control", "no-store").send(page());
  });

  // A signal's personal data, read-only, for whoever may read the signal (its curator, the heads):
  // the card's button in the secure-form mode. An audited read.
  router.post("/forms/signal/open", express.json({ limit: "16kb" }), async (req, res, next) => {
    try {
      const signalId = z.object({ signalId: z.uuid() }).safeParse(req.body);
      const who = signalId.success ? await launcher(req) : null;
      if (!signalId.success || !who) return nothing(req, res);
      const actor = staffActor(who.staff, "chat");
      let detail;
      try {
        detail = await readSignal(db, { actor, signalId: signalId.data.signalId, now: clock() });
      } catch (error) {
        if (error instanceof DomainError) return nothing(req, res);
        throw error;
      }
      await writeAudit(db, {
        actor,
        action: "signal.personal_data_read",
        subjectType: "signal",
        subjectId: detail.id,
        details: { via_form: true, messenger: who.messenger },
        at: clock(),
      });
      const { locale, timeZone } = who.staff;
      const r = (key: string, params?: Record<string, TextParam>) =>
        translator.render({ key, ...(params ? { params } : {}) }, locale, timeZone);
      const unknown = r("flows.new_signal.unknown");
      const value = (v: string | null) => (v === null || v === "unknown" ? unknown : v);
      const born = detail.womanBirthDate
        ? shownValue(detail.womanBirthDate)
        : detail.womanAge !== null
          ? String(detail.womanAge)
          : unknown;
      res.set("cache-control", "no-store").json({
        lang: locale,
        title: t(locale, "forms.details_title", { number: detail.number }),
        rows: [
          [r("flows.new_signal.full_name.label"), detail.womanFullName],
          [r("flows.new_signal.birth.label"), born],
          [r("flows.new_signal.registered_address.label"), value(detail.registeredAddress)],
          [r("flows.new_signal.actual_address.label"), value(detail.actualAddress)],
          [r("flows.new_signal.ambulance_from.label"), value(detail.ambulanceFrom)],
          [r("flows.new_signal.phone.label"), value(detail.phone)],
          ...(detail.comment ? [[r("flows.new_signal.comment.label"), detail.comment]] : []),
        ],
      });
    } catch (error) {
      next(error);
    }
  });

  router.get("/forms/forms.js", (_req, res) => {
    res.type("text/javascript").set("cache-control", "no-cache").send(SCRIPT);
  });

  router.post("/forms/dialogue/open", express.json({ limit: "16kb" }), async (req, res, next) => {
    try {
      const opened = await open(req);
      if (!opened) return nothing(req, res);
      const { staff, flow, state, steps } = opened;
      const { locale, timeZone } = staff;
      const fields = steps.map((step) => {
        const params = promptParams(flow, state, step);
        const answer = step.answer;
        const presets = "presets" in answer && answer.presets ? answer.presets : [];
        const current = state.answers[step.id];
        const presetIndex = presets.findIndex((p) => JSON.stringify(p.value) === JSON.stringify(current));
        return {
          id: step.id,
          label: translator.render({ key: labelKey(flow, step) }, locale, timeZone),
          prompt: translator.render(
            { key: promptKey(flow, step), ...(params ? { params } : {}) },
            locale,
            timeZone,
          ),
          ...(step.hint ? { hint: translator.render({ key: step.hint }, locale, timeZone) } : {}),
          optional: step.optional === true,
          multiline: answer.kind === "text" && (answer.maxLength ?? 1000) > 300,
          inputMode: answer.kind === "contact" ? "tel" : answer.kind === "number" ? "numeric" : "text",
          presets: presets.map((p, index) => ({
            index,
            label: translator.render({ key: p.label }, locale, timeZone),
          })),
          ...(presetIndex >= 0
            ? { preset: presetIndex }
            : typeof current === "string" || typeof current === "number"
              ? { value: shownValue(current) }
              : {}),
        };
      });
      // The form shows the answers given so far: a read of personal data.
      await writeAudit(db, {
        actor: staffActor(staff, "chat"),
        action: "form.opened",
        subjectType: "dialogue",
        subjectId: flow.id,
        details: { flow: flow.id, steps: steps.map((s) => s.id), messenger: opened.messenger },
        at: clock(),
      });
      res.set("cache-control", "no-store").json({
        lang: locale,
        title: t(locale, "forms.title"),
        intro: t(locale, "forms.intro"),
        typed: t(locale, "forms.typed"),
        optional: t(locale, "forms.optional"),
        submit: t(locale, "forms.submit"),
        sending: t(locale, "forms.sending"),
        failed: t(locale, "forms.failed"),
        fields,
      });
    } catch (error) {
      next(error);
    }
  });

  router.post("/forms/dialogue/submit", express.json({ limit: "64kb" }), async (req, res, next) => {
    try {
      const body = submission.safeParse(req.body);
      const opened = body.success ? await open(req) : null;
      if (!body.success || !opened || !deps.handleUpdate) return nothing(req, res);
      const { staff, flow, state } = opened;
      const answers = body.data.answers;
      // The same check the chat's turn makes, shown in the form instead of the chat.
      const checked = acceptForm(flow, state, answers, engineContext(staff));
      if (!checked.ok) {
        const errors = Object.fromEntries(
          Object.entries(checked.errors).map(([id, key]) => [
            id,
            translator.render({ key }, staff.locale, staff.timeZone),
          ]),
        );
        return res.status(422).json({ message: t(staff.locale, "forms.fix"), errors });
      }
      // One update of the chat: the same launch and answers sent twice are handled once.
      const digest = createHash("sha256")
        .update(opened.launchHash)
        .update(JSON.stringify(answers))
        .digest("hex");
      await deps.handleUpdate({
        messenger: opened.messenger,
        botId: "form",
        updateId: Number.parseInt(digest.slice(0, 12), 16),
        chatId: opened.chatId,
        userId: opened.userId,
        input: { kind: "form", answers },
      });
      logger.info({ flow: flow.id, steps: opened.steps.length }, "form answers handed to the chat");
      res.json({ message: t(staff.locale, "forms.received") });
    } catch (error) {
      next(error);
    }
  });

  return router;
}

/** A stored answer as the form's field shows it again (dates as typed in Russia). */
function shownValue(value: string | number): string {
  if (typeof value === "number") return String(value);
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return date ? `${date[3]}.${date[2]}.${date[1]}` : value;
}
