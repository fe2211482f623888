/**
 * In-memory file storage: documents bots upload and media users send, addressable by `file_id`
 * (for `getFile` and re-sending) and by `file_path` (for downloads under `/file/bot<token>/`).
 */
import type { File as TelegramFile } from "@grammyjs/types";
import { extname } from "node:path";

/** A stored file with its content. */
export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  filePath: string;
  fileName?: string;
  mimeType?: string;
  content: Buffer;
}

/** Telegram derives a document's MIME type from its extension; these are the ones this project meets. */
const MIME_BY_EXTENSION: Record<string, string> = {
  ".pdf": "application/pdf",
  ".txt": "text/plain",
  ".csv": "text/csv",
  ".json": "application/json",
  ".html": "text/html",
  ".xml": "application/xml",
  ".zip": "application/zip",
  ".doc": "application/msword",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".xls": "application/vnd.ms-excel",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".odt": "application/vnd.oasis.opendocument.text",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
};

/** Guesses a MIME type from a file name, as Telegram reports `mime_type` for documents. */
function mimeTypeOf(fileName: string): string | undefined {
  return MIME_BY_EXTENSION[extname(fileName).toLowerCase()];
}

/** The files of one simulator instance. */
export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byPath = new Map<string, StoredFile>();
  private counter = 0;

  /** Stores content under fresh ids; `folder` mirrors Telegram's paths such as `documents/file_3.pdf`. */
  add(content: Buffer, folder: string, fileName?: string): StoredFile {
    const n = ++this.counter;
    const extension = fileName ? extname(fileName) : "";
    const file: StoredFile = {
      fileId: `BQACAgIAAxkBAAI${n.toString(36).padStart(6, "0")}`,
      fileUniqueId: `AgAD${n.toString(36).padStart(4, "0")}`,
      filePath: `${folder}/file_${n}${extension}`,
      fileName,
      mimeType: fileName ? mimeTypeOf(fileName) : undefined,
      content,
    };
    this.byId.set(file.fileId, file);
    this.byPath.set(file.filePath, file);
    return file;
  }

  /** The file with this `file_id`, if any. */
  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId);
  }

  /** The file at this `file_path`, if any. */
  atPath(filePath: string): StoredFile | undefined {
    return this.byPath.get(filePath);
  }

  /** Forgets every file (state reset). */
  clear(): void {
    this.byId.clear();
    this.byPath.clear();
  }
}

/** The `File` object `getFile` returns. */
export function toTelegramFile(file: StoredFile): TelegramFile {
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    file_size: file.content.length,
    file_path: file.filePath,
  };
}
