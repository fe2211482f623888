/**
 * The database side of {@link MessageIdMap}: `messenger_message_refs` numbers a messenger's own
 * message ids (MAX: `"mid.…"`), so the core keeps storing numbers whatever the messenger says.
 */
import type { Db } from "../db/client.ts";
import type { MessageIdMap, MessengerKind } from "./contract.ts";

/**
 * A {@link MessageIdMap} for one messenger, kept in PostgreSQL (survives restarts and is shared by
 * every instance).
 * @example
 * const ids = dbMessageIds(db, "max");
 * const n = await ids.toNumber("mid.000000000adf429c019d47d58f2b3d9e"); // 1, then always 1
 */
export function dbMessageIds(db: Db, messenger: MessengerKind): MessageIdMap {
  return {
    async toNumber(externalId) {
      // One statement for both cases (raw SQL: runs for every message sent and every press);
      // DO UPDATE (a no-op) makes RETURNING give the existing row's id too.
      const rows = await db.$queryRaw<{ id: number }[]>`
        INSERT INTO messenger_message_refs (messenger, external_id) VALUES (${messenger}, ${externalId})
        ON CONFLICT (messenger, external_id) DO UPDATE SET external_id = EXCLUDED.external_id
        RETURNING id`;
      return rows[0]!.id;
    },
    async toExternal(id) {
      const rows = await db.$queryRaw<{ external_id: string }[]>`
        SELECT external_id FROM messenger_message_refs WHERE messenger = ${messenger} AND id = ${id}`;
      return rows[0]?.external_id;
    },
  };
}
