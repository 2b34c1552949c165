/** Preload of the display window: exposes the display device API (device-contract.ts) on window.hallBridge. */
import { contextBridge, ipcRenderer } from 'electron';
import { exposeRoleApi } from './role-bridge.ts';

exposeRoleApi('display', contextBridge, ipcRenderer);
