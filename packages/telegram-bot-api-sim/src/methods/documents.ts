/**
 * sendDocument (multipart upload, `attach://` reference or an existing file_id) and getFile.
 */
import type { Message } from "@grammyjs/types";
import { z } from "zod";
import { badRequest } from "../errors.ts";
import { type StoredFile, toTelegramFile } from "../files.ts";
import { tgString } from "../params.ts";
import type { UploadedFile } from "../request-input.ts";
import { type CallContext, defineMethod } from "./method.ts";
import { captionContent, entitiesParam, postBotMessage, sendParams } from "./sending.ts";

const ATTACH_PREFIX = "attach://";

const sendDocumentParams = z.object({
  ...sendParams,
  document: tgString().optional(),
  caption: tgString().optional(),
  parse_mode: tgString().optional(),
  caption_entities: entitiesParam.optional(),
});

/** Sends a file; the stored content can be read back with getFile or the user-side file endpoint. */
export const sendDocument = defineMethod(sendDocumentParams, (ctx, params): Message => {
  const chat = ctx.bot.writableChat(params.chat_id);
  const file = resolveDocument(ctx, params.document);
  const document = {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    file_name: file.fileName,
    mime_type: file.mimeType,
    file_size: file.content.length,
  };
  const caption = captionContent(params.caption, params.parse_mode, params.caption_entities);
  return postBotMessage(ctx, chat, { document, ...caption }, params);
});

/**
 * Finds the document of a call: a part named `document` (Telegraf), a part an `attach://<name>` value
 * points to (grammY), or a file_id sent earlier. Telegram can also fetch an HTTP URL; the simulator
 * has no internet access and refuses it.
 */
function resolveDocument(ctx: CallContext, value: string | undefined): StoredFile {
  const attached = value?.startsWith(ATTACH_PREFIX) ? value.slice(ATTACH_PREFIX.length) : undefined;
  const upload = ctx.uploads.get(attached ?? "document");
  if (upload) return storeUpload(ctx, upload);
  if (value === undefined) throw badRequest("there is no document in the request");
  const known = ctx.state.files.get(value);
  if (known) return known;
  if (/^https?:\/\//i.test(value)) throw badRequest("failed to get HTTP URL content");
  throw badRequest("wrong file identifier/HTTP URL specified");
}

function storeUpload(ctx: CallContext, upload: UploadedFile): StoredFile {
  if (upload.data.length === 0) throw badRequest("file must be non-empty");
  return ctx.state.files.add(upload.data, "documents", upload.filename);
}

/** File metadata with the `file_path` to download it from `/file/bot<token>/<file_path>`. */
export const getFile = defineMethod(z.object({ file_id: tgString() }), ({ state }, params) => {
  const file = state.files.get(params.file_id);
  if (!file) throw badRequest("invalid file_id");
  return toTelegramFile(file);
});
