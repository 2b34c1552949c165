/**
 * The kiosk's reach zone: the part of the portrait screen a citizen in a wheelchair can touch
 * (PRODUCT.md, Accessibility: forward reach 380–1220 mm above the floor).
 *
 * The hall's kiosk is a 43-inch 16:9 screen in portrait: its long side is about 950 mm
 * (43 in × 25.4 mm × 16/√337 ≈ 952 mm), its lower edge about 760 mm above the floor. The whole
 * screen is above the 380 mm floor of the range; the 1220 mm ceiling crosses it
 * (1220 − 760) / 950 ≈ 48 % of the way up. So of the kiosk's 1920 CSS px, the zone is everything
 * at or below REACH_TOP_PX, counted from the top of the screen. The layout takes the same share of
 * whatever height the window has (the millimetres scale with the screen, not with CSS pixels).
 */

/** The screen's height and the height of its lower edge above the floor, mm. */
export const SCREEN_HEIGHT_MM = 950;
export const SCREEN_BOTTOM_MM = 760;
/** The highest point a seated citizen reaches forward, mm above the floor. */
export const REACH_MAX_MM = 1220;
/** The kiosk's design height, CSS px (1080×1920 portrait). */
export const KIOSK_HEIGHT_PX = 1920;

/** The top of the reach zone, CSS px from the top of a 1920 px screen: 991. */
export const REACH_TOP_PX = Math.ceil(KIOSK_HEIGHT_PX * (1 - (REACH_MAX_MM - SCREEN_BOTTOM_MM) / SCREEN_HEIGHT_MM));

/** The top of the reach zone as CSS, the same share of the window's height (991 px of 1920). */
export const REACH_TOP_CSS = `calc(100vh * ${REACH_TOP_PX} / ${KIOSK_HEIGHT_PX})`;
