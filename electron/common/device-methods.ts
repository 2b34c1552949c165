/**
 * The device contract as runtime data: which methods and events each role's bridge carries, and
 * the IPC channels of the Electron bridge. The preload builds the role's API from these lists and
 * the main process refuses any method outside them, so the two sides cannot drift apart. The
 * type checks at the end fail the build when device-contract.ts gains a member not listed here.
 */
import type { DeviceMethod, DeviceHostReply, TerminalRole } from './device-contract.ts';

export const ROLE_METHODS = {
  kiosk: ['terminalInfo', 'saveDeviceToken', 'health', 'printTicket', 'printerStatus', 'readCard', 'scanCardBack', 'scanDocument', 'endSession'],
  counter: ['terminalInfo', 'saveDeviceToken', 'health', 'openRatingWindow', 'closeRatingWindow', 'scanDocument'],
  display: ['terminalInfo', 'saveDeviceToken', 'health'],
} as const satisfies { readonly [R in TerminalRole]: readonly DeviceMethod<R>[] };

export type DeviceEventName = Extract<DeviceHostReply, { type: 'event' }>['name'];

/** Event name → the listener member of the role API that receives it. */
export const EVENT_LISTENERS = { health: 'onHealth', scan: 'onScan', cardPresence: 'onCardPresence', rating: 'onRating' } as const satisfies Record<
  DeviceEventName,
  `on${string}`
>;

export const ROLE_EVENTS = {
  kiosk: ['health', 'scan', 'cardPresence'],
  counter: ['health', 'rating', 'scan'],
  display: ['health'],
} as const satisfies { readonly [R in TerminalRole]: readonly DeviceEventName[] };

/**
 * IPC channels of the Electron bridge. `call` carries a DeviceHostMessage of type 'call' and is
 * answered with a DeviceHostReply ('result' or 'error'); `event` pushes a DeviceHostReply of type
 * 'event' from main to the page; `ready` tells main the page subscribed, so it may flush pushes.
 */
export const DEVICE_IPC = { call: 'hall-device:call', event: 'hall-device:event', ready: 'hall-device:ready' } as const;

// Compile-time completeness: every method and listener of each role API is listed above.
type Listed<R extends TerminalRole> = (typeof ROLE_METHODS)[R][number];
type ListenerOf<R extends TerminalRole> = (typeof EVENT_LISTENERS)[(typeof ROLE_EVENTS)[R][number]];
type ListenersInContract<R extends TerminalRole> = Extract<keyof import('./device-contract.ts').RoleDevices[R], `on${string}`>;
type Complete<R extends TerminalRole> = [
  Exclude<DeviceMethod<R>, Listed<R>>,
  Exclude<ListenersInContract<R>, ListenerOf<R>>,
  Exclude<ListenerOf<R>, ListenersInContract<R>>,
] extends [never, never, never]
  ? true
  : false;
export const CONTRACT_COMPLETE: { [R in TerminalRole]: Complete<R> } = { kiosk: true, counter: true, display: true };
