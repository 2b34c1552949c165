/** Who may call, return or cancel which ticket: a table over ticket positions and actors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorizeTicketAction, type TicketAction, type TicketActor } from '../../../../electron/core/authority.ts';
import { DomainError } from '../../../../electron/common/errors.ts';
import type { Ticket } from '../../../../electron/common/domain.ts';

const base = { id: 't', number: 'A001', status: 'waiting', counterId: null, targetCounterId: null } as unknown as Ticket;
const heldAt1 = { ...base, status: 'held', counterId: 'quay-1' } as Ticket;
const transferredTo1 = { ...base, targetCounterId: 'quay-1' } as Ticket;
const officer = (counterId: string | null): TicketActor => ({ staffId: 'o', staffRole: 'officer', counterId });
const supervisor: TicketActor = { staffId: 's', staffRole: 'supervisor', counterId: null };

const verdict = (actor: TicketActor, ticket: Ticket, action: TicketAction): 'ok' | 'FORBIDDEN' => {
  try {
    authorizeTicketAction(actor, ticket, action);
    return 'ok';
  } catch (error) {
    if (error instanceof DomainError) return error.code as 'FORBIDDEN';
    throw error;
  }
};

test('authority table', () => {
  const rows: [string, TicketActor, Ticket, TicketAction, 'ok' | 'FORBIDDEN'][] = [
    ['own counter calls its held ticket', officer('quay-1'), heldAt1, 'call', 'ok'],
    ['another counter calls it', officer('quay-2'), heldAt1, 'call', 'FORBIDDEN'],
    ['any counter calls a waiting ticket (the queue rule decides)', officer('quay-2'), base, 'call', 'ok'],
    ['own counter returns its held ticket', officer('quay-1'), heldAt1, 'return', 'ok'],
    ['another counter returns it', officer('quay-2'), heldAt1, 'return', 'FORBIDDEN'],
    ['own counter cancels its held ticket', officer('quay-1'), heldAt1, 'cancel', 'ok'],
    ['a counter cancels a ticket transferred to it', officer('quay-1'), transferredTo1, 'cancel', 'ok'],
    ['a counter cancels a waiting ticket of the hall', officer('quay-1'), base, 'cancel', 'FORBIDDEN'],
    ['an officer without a counter cancels', officer(null), heldAt1, 'cancel', 'FORBIDDEN'],
    ['a supervisor cancels any', supervisor, base, 'cancel', 'ok'],
    ['a supervisor returns any', supervisor, heldAt1, 'return', 'ok'],
    ['a supervisor calls a held ticket elsewhere', { ...supervisor, counterId: 'quay-2' }, heldAt1, 'call', 'ok'],
  ];
  for (const [name, actor, ticket, action, expected] of rows) assert.equal(verdict(actor, ticket, action), expected, name);
});
