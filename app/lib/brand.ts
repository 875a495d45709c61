// Brand colours: shared by the UI (CSS custom properties), the domain and the emails,
// so nothing below app/ui has to import from it.
import { getContrast } from "color2k";

const DARK = "#111827";
const LIGHT = "#ffffff";

/** The text colour (near-black or white) with the higher contrast on `background`: always at least 4.5:1. */
export function textColorOn(background: string): string {
  return getContrast(background, LIGHT) >= getContrast(background, DARK) ? LIGHT : DARK;
}

export function brandStyle(primary: string, accent: string): Record<string, string> {
  return {
    "--brand-primary": primary,
    "--brand-on-primary": textColorOn(primary),
    "--brand-accent": accent,
    "--brand-on-accent": textColorOn(accent),
  };
}

/** What an email needs of a brand: the provider's name on the client's primary colour. */
export type Brand = { name: string; primaryColor: string; textOnPrimary: string };

export function emailBrand(name: string, primaryColor: string): Brand {
  return { name, primaryColor, textOnPrimary: textColorOn(primaryColor) };
}
