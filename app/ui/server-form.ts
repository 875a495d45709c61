// Forms checked on the server only (the client's pages): what the action answered
// (conform's SubmissionResult, made by `submission.reply()` on the server), read
// without conform's client runtime, so the page's JavaScript stays small. The ids
// are the ones conform would give (`<form>-<field>`, `<id>-error`), so labels,
// aria-describedby and the tests see the same page. Works the same with
// JavaScript off: the server renders the errors and the values sent. These forms
// are on the client's pages, sent without React (ADR 0018): the page's inline
// script puts the focus on the first refused field (~/ui/server-rendered).
// A type only: nothing of conform reaches the browser from here.
import type { SubmissionResult } from "@conform-to/react";

export type ServerResult = SubmissionResult<string[]> | null | undefined;

export type ServerField = {
  id: string;
  name: string;
  errors: string[] | undefined;
  /** The value sent, when the server refused it (so nothing typed is lost), else the default. */
  defaultValue: string | undefined;
};

/** What the server said about one form: its own errors, and each field's errors and value. */
export function serverForm(formId: string, result: ServerResult, defaults: Record<string, string | undefined> = {}) {
  const refused = result?.status === "error";
  const error = refused ? (result?.error ?? {}) : {};
  const sent = refused ? (result?.initialValue ?? {}) : {};
  const list = (errors: string[] | null | undefined) => (errors?.length ? errors : undefined);
  const formErrors = list(error[""]);
  return {
    id: formId,
    errorId: `${formId}-error`,
    errors: formErrors,
    /** The <form>'s own props: no browser validation (the server's messages are the ones shown), errors announced. */
    props: {
      id: formId,
      noValidate: true,
      "aria-invalid": formErrors ? true : undefined,
      "aria-describedby": formErrors ? `${formId}-error` : undefined,
    },
    field(name: string): ServerField {
      const value = sent[name];
      return {
        id: `${formId}-${name}`,
        name,
        errors: list(error[name]),
        defaultValue: typeof value === "string" ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : defaults[name],
      };
    },
  };
}
