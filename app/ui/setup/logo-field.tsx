// The logo upload: a styled file input that previews the chosen image on the
// client's banner colour before anything is saved (read as a data: URL, which
// the page's Content-Security-Policy allows for images). Without JavaScript the
// field still uploads; the saved logo then shows as the current one.
import { useState, type InputHTMLAttributes } from "react";
import { Field } from "~/ui/field";

const PREVIEWABLE = /^image\/(png|jpeg|webp)$/;

export function LogoField({
  label,
  hint,
  errors,
  inputProps,
  background,
}: {
  label: string;
  hint?: string;
  errors?: string[];
  inputProps: InputHTMLAttributes<HTMLInputElement> & { id: string };
  /** The banner colour the logo will sit on. */
  background?: string;
}) {
  const [preview, setPreview] = useState<{ src: string; name: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Field
      label={label}
      hint={hint}
      errors={errors}
      inputProps={{
        ...inputProps,
        type: "file",
        onChange: (event) => {
          inputProps.onChange?.(event);
          const file = event.currentTarget.files?.[0];
          setPreview(null);
          setProblem(null);
          if (!file) return;
          if (!PREVIEWABLE.test(file.type)) {
            setProblem(`${file.name} is not a PNG, JPEG or WebP image.`);
            return;
          }
          const reader = new FileReader();
          reader.onload = () => typeof reader.result === "string" && setPreview({ src: reader.result, name: file.name });
          reader.readAsDataURL(file);
        },
      }}
    >
      <div className="logo-preview" aria-live="polite">
        {preview ? (
          <figure>
            <span className="logo-preview-banner" style={background ? { backgroundColor: background } : undefined}>
              <img src={preview.src} alt={`Preview of the new logo (${preview.name})`} />
            </span>
            <figcaption>Preview: the logo as it will sit in the client&apos;s banner. Save to use it.</figcaption>
          </figure>
        ) : null}
        {problem ? <p className="field-hint">{problem}</p> : null}
      </div>
    </Field>
  );
}
