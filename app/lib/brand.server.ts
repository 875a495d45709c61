// The client page's brand colours as CSS custom properties, computed in the loader:
// the contrast check (color2k) runs on the server, and the browser only gets four
// colours. The emails use the same rule through ./brand.
import { textColorOn } from "./brand";

export type BrandStyle = Record<`--brand-${string}`, string>;

export function brandStyle(primary: string, accent: string): BrandStyle {
  return {
    "--brand-primary": primary,
    "--brand-on-primary": textColorOn(primary),
    "--brand-accent": accent,
    "--brand-on-accent": textColorOn(accent),
  };
}
