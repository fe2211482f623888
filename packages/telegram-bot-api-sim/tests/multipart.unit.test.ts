/**
 * The multipart parser against the exact framing grammY and Telegraf produce.
 */
import { describe, expect, it } from "vitest";
import { multipartBoundary, parseMultipart } from "../src/multipart.ts";

describe("multipart/form-data", () => {
  it("reads grammY's compact headers with an unquoted file name", () => {
    const body = Buffer.from(
      "------------abc\r\n" +
        'content-disposition:form-data;name="chat_id"\r\n\r\n42\r\n' +
        "------------abc\r\n" +
        'content-disposition:form-data;name="xk3";filename=my report.txt\r\n' +
        "content-type:application/octet-stream\r\n\r\nline 1\r\nline 2\r\n" +
        "------------abc--\r\n",
    );

    expect(parseMultipart(body, "----------abc")).toEqual([
      { name: "chat_id", data: Buffer.from("42") },
      {
        name: "xk3",
        filename: "my report.txt",
        contentType: "application/octet-stream",
        data: Buffer.from("line 1\r\nline 2"),
      },
    ]);
  });

  it("reads Telegraf's quoted headers with UTF-8 names", () => {
    const body = Buffer.from(
      '--b0\r\ncontent-disposition: form-data; name="document"; filename="отчёт.csv"\r\n\r\na;b\r\n--b0--',
    );

    expect(parseMultipart(body, "b0")).toEqual([
      { name: "document", filename: "отчёт.csv", data: Buffer.from("a;b") },
    ]);
  });

  it("finds the boundary in the content type and refuses broken bodies", () => {
    expect(multipartBoundary('multipart/form-data; boundary="x y"')).toBe("x y");
    expect(multipartBoundary("multipart/form-data; boundary=abc")).toBe("abc");
    expect(() => parseMultipart(Buffer.from("--b\r\nno headers"), "b")).toThrow(
      "multipart part without headers",
    );
    expect(() => parseMultipart(Buffer.from("--b\r\nx: y\r\n\r\nunterminated"), "b")).toThrow(
      "not terminated",
    );
  });
});
