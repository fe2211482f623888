/**
 * An area of the product (signals, cases, assessments, registers…) as the platform sees it: its
 * texts, flows, commands, buttons, notice renderers, jobs and HTTP routes. The composition root
 * lists the areas (src/app/areas.ts); {@link buildChatApp} merges them and refuses duplicates, so
 * adding an area is one folder plus one line there.
 */
import type { Router } from "express";
import type { ButtonDefinition } from "./chat/buttons.ts";
import { ButtonRegistry } from "./chat/buttons.ts";
import type { ChatApp, CommandFeature, FeatureDeps, FlowFeature, GuestHandler } from "./chat/app.ts";
import type { NoticeRenderer } from "./notify.ts";
import type { JobDefinition } from "./jobs/queue.ts";
import type { Db } from "./db/client.ts";

/** Texts of an area, per language (nested objects of i18n keys). */
export interface AreaTexts {
  ru: Record<string, unknown>;
  en: Record<string, unknown>;
}

/**
 * How an area removes the personal data it keeps about the woman of some signals (the privacy
 * area calls it when a retention period ends or she asks for erasure), in the caller's
 * transaction. Journal numbers, dates, categories and decisions stay; names, birth dates,
 * addresses, phones and free texts go.
 */
export interface PersonalDataHook {
  anonymise(tx: Db, signalIds: readonly string[], now: Date): Promise<void>;
}

/** One area of the product. */
export interface AreaModule {
  /** Short name, e.g. "signals". */
  id: string;
  texts?: AreaTexts;
  flows?: FlowFeature[];
  commands?: CommandFeature[];
  // Definitions differ in their field types; the registry only needs their common surface.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  buttons?: ButtonDefinition<any>[];
  /** Renderers by notice type. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  notices?: Record<string, NoticeRenderer<any>>;
  /** Handlers of people who are not staff (a mother bound to her case). */
  guests?: GuestHandler[];
  jobs?(deps: FeatureDeps): JobDefinition[];
  /** Routers mounted under /api. */
  routes?(deps: FeatureDeps): Router[];
  /** Top-level routers (pages). */
  pages?(deps: FeatureDeps): Router[] | Promise<Router[]>;
  /** Removes the area's own personal data of anonymised signals (e.g. a case's plan texts). */
  personalData?: PersonalDataHook;
}

function unique<T>(items: T[], key: (item: T) => string, what: string): T[] {
  const seen = new Set<string>();
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) throw new Error(`two ${what} named "${k}"`);
    seen.add(k);
  }
  return items;
}

/** Merges areas into the app the runtime serves; throws on two flows, commands or notices of one name. */
export function buildChatApp(areas: readonly AreaModule[]): ChatApp {
  const renderers = new Map<string, NoticeRenderer<never>>();
  for (const area of areas) {
    for (const [type, render] of Object.entries(area.notices ?? {})) {
      if (renderers.has(type)) throw new Error(`two renderers for the notice "${type}"`);
      renderers.set(type, render as NoticeRenderer<never>);
    }
  }
  return {
    flows: unique(
      areas.flatMap((a) => a.flows ?? []),
      (f) => f.flow.id,
      "flows",
    ),
    commands: unique(
      areas.flatMap((a) => a.commands ?? []),
      (c) => c.name,
      "commands",
    ),
    buttons: new ButtonRegistry(areas.flatMap((a) => a.buttons ?? [])),
    renderers,
    guests: unique(
      areas.flatMap((a) => a.guests ?? []),
      (g) => g.id,
      "guest handlers",
    ),
    jobs: (deps) => areas.flatMap((a) => a.jobs?.(deps) ?? []),
    routers: (deps) => areas.flatMap((a) => a.routes?.(deps) ?? []),
    pages: async (deps) => {
      const routers: Router[] = [];
      for (const area of areas) routers.push(...((await area.pages?.(deps)) ?? []));
      return routers;
    },
  };
}

/** Every area's texts merged per language (later areas may not redefine a key). */
export function areaTexts(areas: readonly AreaModule[]): AreaTexts {
  return {
    ru: mergeTexts(
      areas.map((a) => a.texts?.ru ?? {}),
      "ru",
    ),
    en: mergeTexts(
      areas.map((a) => a.texts?.en ?? {}),
      "en",
    ),
  };
}

function mergeTexts(parts: Record<string, unknown>[], locale: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const merge = (target: Record<string, unknown>, source: Record<string, unknown>, path: string) => {
    for (const [key, value] of Object.entries(source)) {
      const here = path ? `${path}.${key}` : key;
      const existing = target[key];
      if (isObject(value) && (existing === undefined || isObject(existing))) {
        const next = existing ?? {};
        target[key] = next;
        merge(next, value, here);
      } else if (existing !== undefined) {
        throw new Error(`the text "${here}" (${locale}) is defined twice`);
      } else {
        target[key] = value;
      }
    }
  };
  for (const part of parts) merge(out, part, "");
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
