/**
 * One lock per chat, across processes: a transaction-scoped PostgreSQL advisory lock. The
 * update handler and the outbox deliverer share it, so a turn never runs while a message to
 * the same chat is being sent (and sees the prompt's message id the send just stored), and
 * updates of one chat are handled one after another even with several instances.
 */
import type { Tx } from "./app.ts";

/** Waits for the chat's lock until the transaction ends. */
export async function lockChat(tx: Tx, chatKey: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${chatKey}, 0))`;
}

/** Takes the chat's lock if free; false when someone holds it. */
export async function tryLockChat(tx: Tx, chatKey: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtextextended(${chatKey}, 0)) AS ok`;
  return row?.ok === true;
}
