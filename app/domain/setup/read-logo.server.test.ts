import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { readLogo } from "./read-logo.server";
import { CreateClientSchema, LOGO_SIZE_MESSAGE, LOGO_TYPE_MESSAGE, MAX_LOGO_BYTES } from "./schema";
import { sniffImageType } from "./sniff-image-type";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
const WEBP = Buffer.concat([
  Buffer.from("RIFF"),
  Buffer.from([0x1a, 0, 0, 0]),
  Buffer.from("WEBPVP8L"),
  Buffer.alloc(8),
]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

const file = (bytes: Buffer, name: string, type: string) => new File([new Uint8Array(bytes)], name, { type });

describe("logo checks", () => {
  it("knows PNG, JPEG and WebP by their first bytes, and nothing else", () => {
    expect(sniffImageType(PNG)).toBe("image/png");
    expect(sniffImageType(JPEG)).toBe("image/jpeg");
    expect(sniffImageType(WEBP)).toBe("image/webp");
    expect(sniffImageType(SVG)).toBeNull();
    expect(sniffImageType(Buffer.from("GIF89a"))).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
    expect(sniffImageType(Buffer.from("RIFF\0\0\0\0WAVE"))).toBeNull();
  });

  it("accepts a real PNG, JPEG or WebP and returns it as base64", async () => {
    const png = await readLogo(file(PNG, "logo.png", "image/png"));
    expect(png).toEqual({ logo: { contentType: "image/png", dataBase64: PNG.toString("base64") } });
    expect(await readLogo(file(JPEG, "logo.jpg", "image/jpeg"))).toMatchObject({ logo: { contentType: "image/jpeg" } });
    expect(await readLogo(file(WEBP, "logo.webp", "image/webp"))).toMatchObject({
      logo: { contentType: "image/webp" },
    });
  });

  it("refuses SVG, whatever it is called", async () => {
    expect(await readLogo(file(SVG, "logo.svg", "image/svg+xml"))).toEqual({ error: LOGO_TYPE_MESSAGE });
    // An SVG that claims to be a PNG: the bytes give it away.
    expect(await readLogo(file(SVG, "logo.png", "image/png"))).toEqual({ error: LOGO_TYPE_MESSAGE });
  });

  it("refuses a file whose bytes are another type than it claims", async () => {
    const result = await readLogo(file(JPEG, "logo.png", "image/png"));
    expect(result).toEqual({
      error: "The file's contents are not the image type it claims to be. Save it again as PNG, JPEG or WebP.",
    });
  });

  it("refuses more than 256 KB, and an empty file", async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_LOGO_BYTES + 1 - PNG.length)]);
    expect(await readLogo(file(big, "big.png", "image/png"))).toEqual({ error: LOGO_SIZE_MESSAGE });
    const justRight = Buffer.concat([PNG, Buffer.alloc(MAX_LOGO_BYTES - PNG.length)]);
    expect(await readLogo(file(justRight, "ok.png", "image/png"))).toMatchObject({
      logo: { contentType: "image/png" },
    });
    expect(await readLogo(file(Buffer.alloc(0), "empty.png", "image/png"))).toEqual({ error: "That file is empty." });
  });

  it("gives the same type and size errors in the form schema, before the server reads the bytes", () => {
    const fd = new FormData();
    fd.set("logo", file(SVG, "logo.svg", "image/svg+xml"));
    expect(parseWithZod(fd, { schema: CreateClientSchema }).reply().error?.logo).toEqual([LOGO_TYPE_MESSAGE]);
    fd.set("logo", file(Buffer.alloc(MAX_LOGO_BYTES + 1), "big.png", "image/png"));
    expect(parseWithZod(fd, { schema: CreateClientSchema }).reply().error?.logo).toEqual([LOGO_SIZE_MESSAGE]);
  });
});
