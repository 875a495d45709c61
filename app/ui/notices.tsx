/** What an action has to say: a notice read out politely, a warning read out at once. */
export function ActionNotices({ notice, warning }: { notice?: string | null; warning?: string | null }) {
  return (
    <>
      {notice ? (
        <p role="status" className="notice">
          {notice}
        </p>
      ) : null}
      {warning ? (
        <p role="alert" className="warning">
          {warning}
        </p>
      ) : null}
    </>
  );
}
