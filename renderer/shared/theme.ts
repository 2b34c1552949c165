/** Theme tokens from the hall's brand config (getHallConfig → hall.brand) applied as CSS custom properties. */

export interface Brand {
  readonly primaryColor: string;
  readonly accentColor: string;
}

const HEX = /^#[0-9a-fA-F]{6}$/;

/** Custom properties for a brand; colours that are not #rrggbb are ignored (the defaults stay). */
export function brandTokens(brand: Brand): Record<string, string> {
  const tokens: Record<string, string> = {};
  if (HEX.test(brand.primaryColor)) tokens['--brand'] = brand.primaryColor;
  if (HEX.test(brand.accentColor)) tokens['--accent'] = brand.accentColor;
  return tokens;
}

/** Sets the tokens on an element's style (the document root in the apps). */
export function applyBrand(brand: Brand, root: { readonly style: { setProperty(name: string, value: string): void } }): void {
  for (const [name, value] of Object.entries(brandTokens(brand))) root.style.setProperty(name, value);
}
