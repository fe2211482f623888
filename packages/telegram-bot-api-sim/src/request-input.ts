/**
 * Turns a Bot API HTTP request into parameters, accepting every encoding Telegram accepts:
 * query string, `application/json`, `application/x-www-form-urlencoded` and `multipart/form-data`.
 */
import type { IncomingMessage } from "node:http";
import { BotApiError, badRequest } from "./errors.ts";
import { multipartBoundary, parseMultipart } from "./multipart.ts";

/** A file sent in a multipart request, keyed by its part name. */
export interface UploadedFile {
  filename: string;
  contentType?: string;
  data: Buffer;
}

/** The parameters of one call: plain values (strings unless the body was JSON) and uploaded files. */
export interface CallInput {
  params: Record<string, unknown>;
  uploads: Map<string, UploadedFile>;
}

/** Telegram accepts uploads up to 50 MB; leave room for the multipart framing and other fields. */
const MAX_BODY_BYTES = 52 * 1024 * 1024;

/**
 * Reads and decodes the request. Body parameters override query parameters of the same name.
 *
 * @throws {BotApiError} 413 when the body is too large, 400 when it cannot be decoded.
 */
export async function readCallInput(req: IncomingMessage): Promise<CallInput> {
  const query = Object.fromEntries(new URL(req.url ?? "/", "http://local").searchParams);
  const body = await readBody(req);
  const decoded = body.length === 0 ? emptyInput() : decodeBody(body, req.headers["content-type"] ?? "");
  return { params: { ...query, ...decoded.params }, uploads: decoded.uploads };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Keep draining so the connection stays usable, but stop buffering.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) throw new BotApiError(413, "Request Entity Too Large");
  return Buffer.concat(chunks);
}

function emptyInput(): CallInput {
  return { params: {}, uploads: new Map() };
}

function decodeBody(body: Buffer, contentType: string): CallInput {
  const type = contentType.split(";")[0]?.trim().toLowerCase();
  if (type === "application/json") return { params: decodeJson(body), uploads: new Map() };
  if (type === "application/x-www-form-urlencoded") {
    return { params: Object.fromEntries(new URLSearchParams(body.toString("utf8"))), uploads: new Map() };
  }
  if (type === "multipart/form-data") return decodeMultipart(body, contentType);
  return emptyInput();
}

function decodeJson(body: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    throw badRequest("can't parse JSON encoded request body");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badRequest("JSON encoded request body must be an object");
  }
  return value as Record<string, unknown>;
}

function decodeMultipart(body: Buffer, contentType: string): CallInput {
  const boundary = multipartBoundary(contentType);
  if (!boundary) throw badRequest("multipart boundary is missing");
  let parts;
  try {
    parts = parseMultipart(body, boundary);
  } catch (error) {
    throw badRequest(`can't parse multipart/form-data: ${(error as Error).message}`);
  }
  const input = emptyInput();
  for (const part of parts) {
    if (part.filename === undefined) input.params[part.name] = part.data.toString("utf8");
    else
      input.uploads.set(part.name, {
        filename: part.filename,
        contentType: part.contentType,
        data: part.data,
      });
  }
  return input;
}
