import {
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  MaxPartSizeExceededError,
} from "@remix-run/node";

/**
 * The hard cap on any one part of a multipart form, kept in memory. Larger than
 * the logo limit (256 KB) so that a slightly-too-big logo gets a field error
 * with the rest of the form kept; anything past it is refused outright.
 */
export const MAX_PART_BYTES = 1024 * 1024;

/** The submitted form (multipart with a file, or plain), or `tooLarge` when a part exceeds the cap. */
export async function readUploadForm(
  request: Request,
): Promise<{ formData: FormData; tooLarge: false } | { formData: null; tooLarge: true }> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) return { formData: await request.formData(), tooLarge: false };
  try {
    const formData = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_PART_BYTES }),
    );
    return { formData, tooLarge: false };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { formData: null, tooLarge: true };
    throw error;
  }
}
