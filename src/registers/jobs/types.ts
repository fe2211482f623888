/**
 * The registers' job kinds: making a document asked for in a chat, and setting the deletion time
 * of documents once they have been delivered.
 */
import { z } from "zod";
import { jobType } from "../../platform/jobs/queue.ts";

/** Makes one document export (idempotent: a finished export is left alone). */
export const MAKE_DOCUMENT = jobType("registers-make-document", z.object({ exportId: z.uuid() }));

/** Every few minutes: documents delivered (or failed) get their deletion time. */
export const EXPIRE_DOCUMENTS = jobType("registers-expire-documents", z.object({}).passthrough());
