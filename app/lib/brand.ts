// Brand colours: the text colour readable on a brand colour, for the emails and for
// the client pages' CSS custom properties (./brand.server.ts, computed in loaders, so
// color2k never ships to the browser).
import { getContrast } from "color2k";

const DARK = "#111827";
const LIGHT = "#ffffff";

/** The text colour (near-black or white) with the higher contrast on `background`: always at least 4.5:1. */
export function textColorOn(background: string): string {
  return getContrast(background, LIGHT) >= getContrast(background, DARK) ? LIGHT : DARK;
}

/** What an email needs of a brand: the provider's name on the client's primary colour. */
export type Brand = { name: string; primaryColor: string; textOnPrimary: string };

export function emailBrand(name: string, primaryColor: string): Brand {
  return { name, primaryColor, textOnPrimary: textColorOn(primaryColor) };
}
