/**
 * A small multipart/form-data parser for Bot API uploads.
 *
 * Node's built-in `Response.formData()` rejects what grammY sends (`content-disposition:form-data;name="x";
 * filename=a b.txt`: no spaces, unquoted file name), while Telegram accepts it, so both libraries' encodings
 * are parsed here by hand. The whole body is already in memory (it is size-capped by the caller).
 */

/** One part of a multipart body. Parts with a `filename` are file uploads. */
export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

/** Extracts the boundary from a `multipart/form-data; boundary=...` content type. */
export function multipartBoundary(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/**
 * Splits a multipart body into parts.
 *
 * @throws {Error} when the body does not follow the multipart framing (missing boundary or headers).
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let cursor = body.indexOf(delimiter);
  if (cursor === -1) throw new Error("multipart boundary not found");
  for (;;) {
    cursor += delimiter.length;
    if (body.subarray(cursor, cursor + 2).toString() === "--") return parts;
    const headersStart = cursor + CRLF.length;
    const headersEnd = body.indexOf(HEADER_END, headersStart);
    if (headersEnd === -1) throw new Error("multipart part without headers");
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), headersEnd);
    if (next === -1) throw new Error("multipart body is not terminated");
    const part = toPart(
      body.subarray(headersStart, headersEnd).toString("utf8"),
      body.subarray(headersEnd + 4, next),
    );
    if (part) parts.push(part);
    cursor = next + CRLF.length;
  }
}

function toPart(rawHeaders: string, data: Buffer): MultipartPart | undefined {
  const headers = parseHeaders(rawHeaders);
  const disposition = headers.get("content-disposition");
  if (!disposition) return undefined;
  const params = dispositionParams(disposition);
  const name = params.get("name");
  if (name === undefined) return undefined;
  const part: MultipartPart = { name, data: Buffer.from(data) };
  const filename = params.get("filename");
  if (filename !== undefined) part.filename = filename;
  const contentType = headers.get("content-type");
  if (contentType !== undefined) part.contentType = contentType;
  return part;
}

function parseHeaders(raw: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of raw.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** Parses `form-data; name="a"; filename="b"`, tolerating unquoted values as grammY sends them. */
function dispositionParams(disposition: string): Map<string, string> {
  const params = new Map<string, string>();
  const pattern = /;\s*([\w*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (const match of disposition.matchAll(pattern)) {
    const [, key = "", quoted, bare] = match;
    params.set(
      key.toLowerCase(),
      quoted !== undefined ? quoted.replace(/\\(.)/g, "$1") : (bare ?? "").trim(),
    );
  }
  return params;
}
