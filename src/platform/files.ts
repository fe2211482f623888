/**
 * Stored files: documents the system makes (journal exports, plan copies, reports) kept in
 * `stored_files` so that an outbox row, a page or an API response refers to a document by id and
 * never carries its content. Each file has a deletion time; a job removes expired ones.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Db, DbClient } from "./db/client.ts";
import { handleJob, jobType, type JobDefinition } from "./jobs/queue.ts";
import type { OutboundFile } from "./messenger/contract.ts";

/** A file to store. */
export interface NewFile {
  serviceId: string | null;
  name: string;
  contentType: string;
  content: Buffer;
  /** What it is for, e.g. "journal_export". */
  purpose: string;
  /** When it may be deleted; null keeps it until deleted on purpose. */
  deleteAfter: Date | null;
}

/** Stores a file; returns its id. */
export async function storeFile(db: Db, file: NewFile): Promise<string> {
  const row = await db.storedFile.create({
    data: {
      serviceId: file.serviceId,
      name: file.name,
      contentType: file.contentType,
      size: file.content.length,
      sha256: createHash("sha256").update(file.content).digest("hex"),
      content: new Uint8Array(file.content),
      purpose: file.purpose,
      deleteAfter: file.deleteAfter,
    },
    select: { id: true },
  });
  return row.id;
}

/** A stored file's name, type and content; null when it is gone. */
export async function loadFile(db: Db, id: string): Promise<OutboundFile | null> {
  const row = await db.storedFile.findUnique({
    where: { id },
    select: { name: true, contentType: true, content: true },
  });
  return row ? { name: row.name, contentType: row.contentType, content: Buffer.from(row.content) } : null;
}

/** Deletes files whose time has come; returns how many. */
export async function deleteExpiredFiles(db: Db, now: Date): Promise<number> {
  const { count } = await db.storedFile.deleteMany({ where: { deleteAfter: { lte: now } } });
  return count;
}

/** The hourly clean-up of expired files. */
export const DELETE_EXPIRED_FILES = jobType("files-delete-expired", z.object({}).passthrough());

/** The clean-up job. */
export function fileJobs(db: DbClient, clock: () => Date): JobDefinition[] {
  return [
    handleJob(
      DELETE_EXPIRED_FILES,
      async () => {
        await deleteExpiredFiles(db, clock());
      },
      { cron: "17 * * * *" },
    ),
  ];
}
