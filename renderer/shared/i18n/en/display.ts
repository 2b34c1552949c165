/**
 * English screen text. The hall display, which shows it under the Vietnamese (smaller, second).
 * Every key of the Vietnamese catalogue, no other (the type says so).
 */
import type { display as vi } from '../vi/display.ts';

export const display: Record<keyof typeof vi, string> = {
  'display.calling': 'Now calling',
  'display.number': 'Number',
  'display.counter': 'Counter',
  'display.recent': 'Recently called',
  'display.waiting': 'Waiting',
  'display.avgWait': 'Average wait today',
  'display.target': 'Target {n} minutes',
  'display.announcement': 'Number {number}, please go to counter {counter}',
  'display.closed': 'Closed',
};
