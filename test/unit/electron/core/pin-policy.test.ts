/** The PIN policy: table of refused and accepted PINs, with and without a birth date. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pinProblem, type PinProblem } from '../../../../electron/core/pin-policy.ts';

test('PINs an attacker tries first are refused, with the reason', () => {
  const cases: [string, PinProblem | null][] = [
    ['1234', 'too_short'],
    ['12345', 'too_short'],
    ['123456789', 'too_long'],
    ['12a456', 'not_digits'],
    ['', 'too_short'],
    ['000000', 'repeated'],
    ['99999999', 'repeated'],
    ['123456', 'sequence'],
    ['654321', 'sequence'],
    ['012345', 'sequence'],
    ['890123', 'sequence'],
    ['12345678', 'sequence'],
    ['121212', 'pattern'],
    ['123123', 'pattern'],
    ['112233', 'pattern'],
    ['11223344', 'pattern'],
    ['12341234', 'pattern'],
    ['418263', null],
    ['246810', null],
    ['90817263', null],
    ['135790', null],
  ];
  for (const [pin, expected] of cases) assert.equal(pinProblem(pin), expected, pin);
});

test('the birth date of the staff record in any usual digit order is refused', () => {
  const person = { birthDate: '15/05/1990' };
  for (const pin of ['150590', '15051990', '900515', '19900515', '051590', '05151990']) assert.equal(pinProblem(pin, person), 'birth_date', pin);
  assert.equal(pinProblem('150591', person), null);
  assert.equal(pinProblem('150590'), null, 'without a birth date on record it is an ordinary PIN');
});
