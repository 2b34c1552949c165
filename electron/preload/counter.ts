/** Preload of the counter window: exposes the counter device API (device-contract.ts) on window.hallBridge. */
import { contextBridge, ipcRenderer } from 'electron';
import { exposeRoleApi } from './role-bridge.ts';

exposeRoleApi('counter', contextBridge, ipcRenderer);
