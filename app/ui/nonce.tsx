// The Content-Security-Policy nonce of this response (server-rendered only:
// browsers hide the attribute from scripts, so on the client it is "").
import { createContext, useContext } from "react";

const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce() {
  return useContext(NonceContext);
}
