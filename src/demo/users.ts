/**
 * The demo's fixed cast: fictional staff of a fictional service, each bound to a simulated Telegram user.
 *
 * Pure data with type-only imports, so the browser page (packages/sim-page via src/demo/pages.ts) bundles it too.
 */
import type { StaffRole } from "../generated/prisma/enums.ts";

/**
 * The first demo user id: 9·10¹⁵. Telegram documents user ids as having at most 52 significant bits
 * (< 2⁵² ≈ 4.5·10¹⁵), so no real Telegram account can ever have one of these ids — even when the demo data
 * ends up in a database whose bot talks to the real Telegram, nobody real is bound to a demo person.
 * They are still safe integers (< 2⁵³), so JSON and JavaScript numbers carry them exactly.
 */
export const DEMO_USER_ID_BASE = 9_000_000_000_000_000;

/** Which column of the demo page a demo person has. */
export type DemoUserKey = "reporter" | "head" | "curator1" | "curator2";

/** A fictional staff member of the demo service and the simulated Telegram user bound to them. */
export interface DemoUser {
  key: DemoUserKey;
  /** Telegram user id in the simulator; also the private chat's id and `MessengerIdentity.externalUserId`. */
  userId: number;
  role: Extract<StaffRole, "reporter" | "head" | "curator">;
  /** `Staff.fullName`: surname, first name, patronymic (the bot shortens it to "Смирнова О. В."). */
  fullName: string;
  /** The simulated Telegram profile's names. */
  firstName: string;
  lastName: string;
  /** What the person does, for the demo page's column header. */
  title: { ru: string; en: string };
  /** Index into {@link DEMO_HOSPITALS} of a reporter's hospital. */
  hospital?: number;
  /** Also bound to a simulated MAX user (same id; see {@link demoMaxChatId}): one person, two messengers. */
  alsoOnMax?: true;
}

/**
 * The dialog id the local MAX server gives a user's dialog with the bot: 10¹⁰ + the user id
 * (packages/max-bot-api-sim, `SimState.upsertDialog`). Should it ever differ, the runtime corrects a
 * bound person's chat id on their first message.
 */
export function demoMaxChatId(userId: number): number {
  return 10_000_000_000 + userId;
}

/** A fictional maternity hospital of the demo service. */
export interface DemoHospital {
  name: string;
  shortName: string;
}

/** The demo service's name; a service with `isDemo: true` is what "demo data exists" means. */
export const DEMO_SERVICE_NAME = "Служба профилактики отказов (демо)";

/** The demo service's time zone. */
export const DEMO_TIME_ZONE = "Europe/Moscow";

/** The demo service's two hospitals (fictional). */
export const DEMO_HOSPITALS: readonly DemoHospital[] = [
  { name: "Городской родильный дом № 1 (демо)", shortName: "Роддом № 1" },
  { name: "Перинатальный центр «Северный» (демо)", shortName: "ПЦ «Северный»" },
];

/** The demo staff (fictional people), in the demo page's column order: reporter, head, two curators. */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    key: "reporter",
    userId: DEMO_USER_ID_BASE + 1,
    role: "reporter",
    fullName: "Смирнова Ольга Викторовна",
    firstName: "Ольга",
    lastName: "Смирнова",
    title: { ru: "Неонатолог роддома", en: "Hospital neonatologist" },
    hospital: 0,
  },
  {
    key: "head",
    userId: DEMO_USER_ID_BASE + 2,
    role: "head",
    fullName: "Орлова Елена Николаевна",
    firstName: "Елена",
    lastName: "Орлова",
    title: { ru: "Руководитель Службы", en: "Head of the service" },
    alsoOnMax: true,
  },
  {
    key: "curator1",
    userId: DEMO_USER_ID_BASE + 3,
    role: "curator",
    fullName: "Белова Анна Сергеевна",
    firstName: "Анна",
    lastName: "Белова",
    title: { ru: "Куратор", en: "Curator" },
  },
  {
    key: "curator2",
    userId: DEMO_USER_ID_BASE + 4,
    role: "curator",
    fullName: "Зайцев Игорь Андреевич",
    firstName: "Игорь",
    lastName: "Зайцев",
    title: { ru: "Куратор", en: "Curator" },
  },
];

/** The demo person of a column. */
export function demoUser(key: DemoUserKey): DemoUser {
  const user = DEMO_USERS.find((u) => u.key === key);
  if (!user) throw new Error(`no demo user "${key}"`);
  return user;
}
