/** English screen text. The hall display. Every key of the Vietnamese catalogue, no other (the type says so). */
import type { display as vi } from '../vi/display.ts';

export const display: Record<keyof typeof vi, string> = {
  'display.calling': 'Now calling',
  'display.counter': 'Counter',
  'display.recent': 'Recent calls',
  'display.waiting': 'Waiting',
  'display.avgWait': 'Average wait today',
  'display.target': 'Target {n} min',
  'display.announcement': 'Number {number}, please go to counter {counter}',
  'display.closed': 'Closed',
};
