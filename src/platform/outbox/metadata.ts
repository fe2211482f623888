/**
 * What an outbox row keeps once its call is finished (sent, failed or given up): the method, the
 * chat, the message it edited or deleted, the stored file it named and the kind of keyboard it
 * carried — never the rendered text, a caption or button labels, which may hold personal data.
 */
import { Prisma } from "../../generated/prisma/client.ts";

/**
 * SQL expression: the metadata of the row's `payload` (use in `SET payload = …`), in the
 * statement that records a delivery, so no extra round trip is spent on it.
 */
export const PAYLOAD_METADATA = `jsonb_strip_nulls(jsonb_build_object(
  'method', payload->'method', 'chatId', payload->'chatId', 'messageId', payload->'messageId',
  'fileId', payload->'fileId', 'keyboard', payload->'keyboard'->'type'))`;

/** {@link PAYLOAD_METADATA} for Prisma's tagged queries. */
export const PAYLOAD_METADATA_SQL = Prisma.raw(PAYLOAD_METADATA);

/** SQL condition: the payload still holds something beyond {@link PAYLOAD_METADATA_SQL}. */
export const PAYLOAD_HAS_CONTENT_SQL = Prisma.sql`(payload ?| array['text', 'caption', 'callbackQueryId']
  OR jsonb_typeof(payload->'keyboard') = 'object')`;
