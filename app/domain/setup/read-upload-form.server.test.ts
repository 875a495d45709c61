import { describe, expect, it } from "vitest";
import { MAX_PART_BYTES, readUploadForm } from "./read-upload-form.server";

function post(body: FormData | URLSearchParams) {
  return new Request("http://localhost/staff/clients/new", { method: "POST", body });
}

describe("reading the new-client form", () => {
  it("reads a multipart form with its file into memory", async () => {
    const body = new FormData();
    body.set("name", "Acme");
    body.set("logo", new File([new Uint8Array([1, 2, 3])], "logo.png", { type: "image/png" }));
    const { formData } = await readUploadForm(post(body));
    expect(formData!.get("name")).toBe("Acme");
    const logo = formData!.get("logo") as File;
    expect([logo.name, logo.type, logo.size]).toEqual(["logo.png", "image/png", 3]);
  });

  it("stops reading at the size cap", async () => {
    const body = new FormData();
    body.set("name", "Acme");
    body.set("logo", new File([new Uint8Array(MAX_PART_BYTES + 1)], "huge.png", { type: "image/png" }));
    expect(await readUploadForm(post(body))).toEqual({ formData: null, tooLarge: true });
  });

  it("also takes a plain form", async () => {
    const { formData } = await readUploadForm(post(new URLSearchParams({ name: "Acme" })));
    expect(formData!.get("name")).toBe("Acme");
  });
});
