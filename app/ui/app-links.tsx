import { useNavigate } from "@remix-run/react";
import { useEffect, useRef, type HTMLAttributes } from "react";

/**
 * A list whose links are plain `<a href>` elements that still navigate inside
 * the app, the way Remix's `<Link>` does, through one click listener for the
 * whole list. Each `<Link>` resolves its path several times while rendering:
 * with six per card, the fifty cards of the staff portfolio spent ~7 ms of
 * server CPU per page on it (issue 12). Modified clicks (new tab, download),
 * other targets and other origins are left to the browser, and without
 * JavaScript they are ordinary links.
 */
export function AppLinks({ children, ...props }: HTMLAttributes<HTMLUListElement>) {
  const navigate = useNavigate();
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const element = list.current;
    if (!element) return;
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
      const link = event.target instanceof Element ? event.target.closest("a") : null;
      if (!link || !element.contains(link) || link.hasAttribute("download")) return;
      if ((link.target && link.target !== "_self") || link.origin !== window.location.origin) return;
      event.preventDefault();
      navigate(link.pathname + link.search + link.hash);
    };
    element.addEventListener("click", onClick);
    return () => element.removeEventListener("click", onClick);
  }, [navigate]);
  return (
    <ul ref={list} {...props}>
      {children}
    </ul>
  );
}
