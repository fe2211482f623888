/**
 * The head's actions on a signal, as forms (the same as the bot's buttons, through the same
 * action functions): urgency, assigning a curator, reassigning. Each form works without
 * JavaScript; htmx only spares the page reload.
 */
import { shortName } from "../../access/names.ts";
import {
  can as canInState,
  isFull,
  type CuratorLoad,
  type SignalStatus,
} from "../../signals/domain/lifecycle.ts";
import { signalNumber } from "../../signals/domain/numbers.ts";
import type { ViewContext } from "./context.ts";
import { Back, Csrf } from "./layout.tsx";

/** What the reader may do at all (the access policy's answer for their role). */
export interface Allowed {
  urgency: boolean;
  assign: boolean;
  reassign: boolean;
}

/** The signal as the forms need it. */
export interface ActionSignal {
  id: string;
  serviceNumber: number;
  serviceYear: number;
  status: SignalStatus;
  urgency: "urgent" | "planned" | null;
  curator: { id: string } | null;
}

/** The urgency buttons (the current one is marked pressed). */
export function UrgencyForm({ ctx, signal }: { ctx: ViewContext; signal: ActionSignal }) {
  const { t } = ctx;
  return (
    <form method="post" action={`/console/signals/${signal.id}/urgency`} class="urgency">
      <Csrf ctx={ctx} />
      <Back ctx={ctx} />
      <fieldset>
        <legend class="sr-only">
          {t("console.actions.urgency_label", { number: signalNumber(signal) })}
        </legend>
        {(["urgent", "planned"] as const).map((value) => (
          <button
            type="submit"
            name="urgency"
            value={value}
            class={`choice ${value}`}
            aria-pressed={signal.urgency === value ? "true" : "false"}
          >
            {t(`console.actions.${value}`)}
          </button>
        ))}
      </fieldset>
    </form>
  );
}

/** Choosing a curator: every active curator with their load; a full one needs a reason. */
export function CuratorForm(props: {
  ctx: ViewContext;
  signal: ActionSignal;
  curators: CuratorLoad[];
  kind: "assign" | "reassign";
}) {
  const { ctx, signal, curators, kind } = props;
  const { t } = ctx;
  const id = `${kind}-${signal.id}`;
  const choices = curators.filter((c) => c.id !== signal.curator?.id);
  return (
    <form method="post" action={`/console/signals/${signal.id}/${kind}`} class="curator">
      <Csrf ctx={ctx} />
      <Back ctx={ctx} />
      <label for={`${id}-curator`} class="sr-only">
        {t("console.actions.curator_label", { number: signalNumber(signal) })}
      </label>
      <select id={`${id}-curator`} name="curatorId" required>
        <option value="">{t("console.actions.choose_curator")}</option>
        {choices.map((c) => (
          <option value={c.id}>
            {isFull(c)
              ? t("console.actions.curator_full", { name: shortName(c.fullName) })
              : t("console.actions.curator_option", { name: shortName(c.fullName), load: c.openCases })}
          </option>
        ))}
      </select>
      <label for={`${id}-reason`} class="reason">
        <span>{t("console.actions.override_reason")}</span>
        <input id={`${id}-reason`} name="overrideReason" type="text" maxlength={500} autocomplete="off" />
      </label>
      <button type="submit">{t(`console.actions.${kind}`)}</button>
    </form>
  );
}

/** Every action the reader may take on the signal in its state; nothing when none. */
export function SignalActions(props: {
  ctx: ViewContext;
  signal: ActionSignal;
  curators: CuratorLoad[];
  allowed: Allowed;
}) {
  const { ctx, signal, curators, allowed } = props;
  const urgency = allowed.urgency && canInState(signal.status, "set_urgency");
  const assign = allowed.assign && canInState(signal.status, "assign");
  const reassign = allowed.reassign && canInState(signal.status, "reassign");
  if (!urgency && !assign && !reassign) return null;
  return (
    <div class="actions">
      {urgency ? <UrgencyForm ctx={ctx} signal={signal} /> : null}
      {assign ? <CuratorForm ctx={ctx} signal={signal} curators={curators} kind="assign" /> : null}
      {reassign ? <CuratorForm ctx={ctx} signal={signal} curators={curators} kind="reassign" /> : null}
    </div>
  );
}
