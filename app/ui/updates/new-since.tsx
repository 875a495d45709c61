import { createContext, useContext, type ReactNode } from "react";
import { NOTHING_NEW, type NewSince } from "~/domain/updates/new-since";

type PageContext = {
  newSince: NewSince;
  /** The signed-in person (to show their own reply); null when viewing as someone else. */
  viewerId: string | null;
  /** A contact on their own page: may answer decision requests. */
  canReply: boolean;
};

const Context = createContext<PageContext>({ newSince: NOTHING_NEW, viewerId: null, canReply: false });

/** What the client's page knows about the person looking at it: what is new to them, and whether they may reply. */
export function ClientPageContext({ value, children }: { value: PageContext; children: ReactNode }) {
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export const useClientPageContext = () => useContext(Context);

type Kind = "updates" | "slips" | "requirements" | "tasks";

/** A "New" mark on an item that changed since the person's previous visit (nothing otherwise). */
export function NewMark({ kind, id }: { kind: Kind; id: string | number }) {
  const { newSince } = useContext(Context);
  if (!(newSince[kind] as (string | number)[]).includes(id)) return null;
  return <span className="tag-new">New since your last visit</span>;
}
