/** Preload of the kiosk window: exposes the kiosk device API (device-contract.ts) on window.hallBridge. */
import { contextBridge, ipcRenderer } from 'electron';
import { exposeRoleApi } from './role-bridge.ts';

exposeRoleApi('kiosk', contextBridge, ipcRenderer);
