/**
 * A {@link MessageIdMap} in memory, for adapters run without a database (the adapter's own tests,
 * quick experiments). It forgets everything on restart: the system always passes the database one.
 */
import type { MessageIdMap } from "../../src/platform/messenger/contract.ts";

/** Numbers MAX message ids from 1 in this process. */
export function memoryMessageIds(): MessageIdMap {
  const byExternal = new Map<string, number>();
  const byNumber = new Map<number, string>();
  return {
    async toNumber(externalId) {
      let id = byExternal.get(externalId);
      if (id === undefined) {
        id = byExternal.size + 1;
        byExternal.set(externalId, id);
        byNumber.set(id, externalId);
      }
      return id;
    },
    async toExternal(id) {
      return byNumber.get(id);
    },
  };
}
