import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { documentRequestId, RequestIdProvider } from "~/ui/request-id";

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RequestIdProvider value={documentRequestId()}>
        <RemixBrowser />
      </RequestIdProvider>
    </StrictMode>,
  );
});
