import { LOGO_TYPE_MESSAGE, LogoSchema } from "./schema";
import { sniffImageType } from "./sniff-image-type";

export type Logo = { contentType: "image/png" | "image/jpeg" | "image/webp"; dataBase64: string };

/**
 * Checks an uploaded logo and reads it for storage: the declared type and size
 * (the same schema as the form), then the file's own bytes must be that type.
 */
export async function readLogo(file: File): Promise<{ logo: Logo } | { error: string }> {
  const declared = LogoSchema.safeParse(file);
  if (!declared.success) return { error: declared.error.issues[0]!.message };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const actual = sniffImageType(bytes);
  if (!actual || actual !== file.type) {
    return {
      error: actual
        ? "The file's contents are not the image type it claims to be. Save it again as PNG, JPEG or WebP."
        : LOGO_TYPE_MESSAGE,
    };
  }
  return { logo: { contentType: actual, dataBase64: Buffer.from(bytes).toString("base64") } };
}
