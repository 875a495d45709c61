// The id of the request that rendered this document (server.js makes one per
// request; the error page shows it so a person can quote it). Server-side from
// the load context; in the browser from the <meta name="request-id"> the root
// layout writes, so hydration sees the same value.
import { createContext, useContext } from "react";

const RequestIdContext = createContext("");

export const RequestIdProvider = RequestIdContext.Provider;

export function useRequestId() {
  return useContext(RequestIdContext);
}

export function documentRequestId() {
  return typeof document === "undefined" ? "" : (document.querySelector<HTMLMetaElement>('meta[name="request-id"]')?.content ?? "");
}
