// The client details that the new-client form and the settings form share:
// brand colours, welcome text and the two dates. Each form keeps its own
// fieldsets around them (the logo and the people differ).
import { getInputProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { DateField } from "~/ui/date-field";
import { Field, TextareaField } from "~/ui/field";

type DetailFields = {
  primaryColor: FieldMetadata<string>;
  accentColor: FieldMetadata<string>;
  welcomeText: FieldMetadata<string | undefined>;
  goLiveDate: FieldMetadata<string | undefined>;
  serviceTakeoverDate: FieldMetadata<string | undefined>;
};

export function BrandColourFields({ fields }: { fields: Pick<DetailFields, "primaryColor" | "accentColor"> }) {
  return (
    <div className="colour-pair">
      <Field
        label="Main colour"
        hint="Banner and buttons."
        errors={fields.primaryColor.errors}
        inputProps={getInputProps(fields.primaryColor, { type: "color" })}
      />
      <Field
        label="Accent colour"
        hint="Highlights."
        errors={fields.accentColor.errors}
        inputProps={getInputProps(fields.accentColor, { type: "color" })}
      />
    </div>
  );
}

export function WelcomeTextField({ field }: { field: DetailFields["welcomeText"] }) {
  return (
    <TextareaField
      label="Welcome message (optional)"
      hint="The first thing the client reads on their page."
      errors={field.errors}
      textareaProps={{ ...getTextareaProps(field), rows: 4 }}
    />
  );
}

export function ClientDateFields({ fields }: { fields: Pick<DetailFields, "goLiveDate" | "serviceTakeoverDate"> }) {
  return (
    <div className="date-pair">
      <DateField
        label="Go-live date (optional)"
        errors={fields.goLiveDate.errors}
        inputProps={getInputProps(fields.goLiveDate, { type: "date" })}
      />
      <DateField
        label="Service take-over date (optional)"
        hint="When the service team takes over; not before go-live."
        errors={fields.serviceTakeoverDate.errors}
        inputProps={getInputProps(fields.serviceTakeoverDate, { type: "date" })}
      />
    </div>
  );
}
