/**
 * Property tests of the request validators of the wire protocol: they never throw, accept every
 * well-formed request (adding only defaults), refuse unknown keys, and draw the lines of the
 * ID number, ticket number, pairing code and PIN formats exactly.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { z } from 'zod';
import { PRIORITY_CLASSES, SERVICE_OUTCOMES } from '../../../../electron/common/domain.ts';
import {
  callTicketRequest,
  finishServiceRequest,
  issueTicketRequest,
  pairDeviceRequest,
  staffLoginRequest,
  transferTicketRequest,
} from '../../../../electron/common/wire.ts';
import { IDENTIFY_CONSENT } from '../../../support/consent.ts';

const RUNS = { numRuns: 300 } as const;

const chars = (s: string): string[] => [...s];
const DIGITS = chars('0123456789');
const UPPER = chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
const ID_CHARS = [...UPPER, ...chars('abcdefghijklmnopqrstuvwxyz'), ...DIGITS, ...chars('._:-')];
/** Characters that look like digits or letters, or are whitespace: the near misses. */
const LOOKALIKES = chars('０１２٣४৫๖\u0660\u06F1 \t\n\r-+.,eE_aZđĐÁ\u00A0\u200B');

const digitString = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...DIGITS), minLength: min, maxLength: max });
const idArb = fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 1, maxLength: 64 });
const ticketNumberArb = fc
  .tuple(fc.string({ unit: fc.constantFrom(...UPPER), minLength: 1, maxLength: 2 }), digitString(3, 4))
  .map(([letters, digits]) => letters + digits);
/** Strings made mostly of the characters a format is about, with near misses mixed in. */
const nearFormat = (core: readonly string[], maxLength: number) =>
  fc.oneof(
    fc.string({ unit: fc.constantFrom(...core), maxLength }),
    fc.string({ unit: fc.oneof({ arbitrary: fc.constantFrom(...core), weight: 8 }, { arbitrary: fc.constantFrom(...LOOKALIKES), weight: 1 }), maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: 'binary', maxLength }),
  );

const validIssue = fc
  .record(
    {
      serviceId: idArb,
      priority: fc.constantFrom(...PRIORITY_CLASSES),
      idNumber: digitString(12, 12),
      procedureId: idArb,
      slotStart: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
      dossierCount: fc.integer({ min: 1, max: 20 }),
    },
    { requiredKeys: ['serviceId'] },
  )
  .map((r) => ('idNumber' in r ? { ...r, consent: IDENTIFY_CONSENT } : r));
const validCall = fc.oneof(fc.record({ ticketId: idArb }), fc.record({ number: ticketNumberArb }));
const validTransfer = fc.oneof(fc.record({ toServiceId: idArb }), fc.record({ toCounterId: idArb }), fc.record({ toServiceId: idArb, toCounterId: idArb }));
const validPair = fc.tuple(digitString(4, 4), fc.boolean(), digitString(4, 4)).map(([a, dash, b]) => ({ code: `${a}${dash ? '-' : ''}${b}` }));
const validLogin = fc.record({ username: fc.string({ minLength: 1, maxLength: 64 }), pin: digitString(6, 8) });
const validFinish = fc.record({ outcome: fc.constantFrom(...SERVICE_OUTCOMES) });

interface Case {
  readonly name: string;
  readonly schema: z.ZodType;
  readonly valid: fc.Arbitrary<Record<string, unknown>>;
  readonly keys: readonly string[];
  readonly defaults: Readonly<Record<string, unknown>>;
}

const CASES: readonly Case[] = [
  {
    name: 'issueTicketRequest',
    schema: issueTicketRequest,
    valid: validIssue,
    keys: ['serviceId', 'priority', 'idNumber', 'procedureId', 'slotStart', 'dossierCount', 'consent'],
    defaults: { priority: 'normal', dossierCount: 1 },
  },
  { name: 'callTicketRequest', schema: callTicketRequest, valid: validCall, keys: ['ticketId', 'number'], defaults: {} },
  { name: 'transferTicketRequest', schema: transferTicketRequest, valid: validTransfer, keys: ['toServiceId', 'toCounterId'], defaults: {} },
  { name: 'pairDeviceRequest', schema: pairDeviceRequest, valid: validPair, keys: ['code'], defaults: {} },
  { name: 'staffLoginRequest', schema: staffLoginRequest, valid: validLogin, keys: ['username', 'pin'], defaults: {} },
  { name: 'finishServiceRequest', schema: finishServiceRequest, valid: validFinish, keys: ['outcome'], defaults: {} },
];

const anythingAtAll = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});

for (const c of CASES) {
  describe(c.name, () => {
    test('never throws on arbitrary JSON, objects or any value', () => {
      fc.assert(
        fc.property(fc.oneof(fc.jsonValue(), fc.object(), anythingAtAll), (value) => {
          const result = c.schema.safeParse(value);
          assert.equal(typeof result.success, 'boolean');
          if (value === null || typeof value !== 'object' || Array.isArray(value)) assert.equal(result.success, false);
        }),
        RUNS,
      );
    });

    test('never throws on objects built from its own keys with arbitrary values', () => {
      const partial = fc.dictionary(fc.constantFrom(...c.keys), fc.oneof(fc.jsonValue(), anythingAtAll), { maxKeys: c.keys.length });
      fc.assert(
        fc.property(partial, (value) => {
          assert.equal(typeof c.schema.safeParse(value).success, 'boolean');
        }),
        RUNS,
      );
    });

    test('accepts every well-formed request; the output is the input plus defaults', () => {
      fc.assert(
        fc.property(c.valid, (input) => {
          const snapshot = structuredClone(input);
          const result = c.schema.safeParse(input);
          assert.ok(result.success, JSON.stringify(result.error?.issues));
          assert.deepEqual(result.data, { ...c.defaults, ...input });
          // fc.record may build null-prototype objects; compare own properties only.
          assert.deepEqual({ ...input }, snapshot, 'the input is not mutated');
        }),
        RUNS,
      );
    });

    test('accepts the same request after a JSON round trip', () => {
      fc.assert(
        fc.property(c.valid, (input) => {
          assert.equal(c.schema.safeParse(JSON.parse(JSON.stringify(input))).success, true);
        }),
        { numRuns: 100 },
      );
    });

    test('rejects any request with an extra unknown key', () => {
      const extraKey = fc.string({ maxLength: 20 }).filter((k) => !c.keys.includes(k));
      const special = fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', 'serviceID', 'Pin');
      fc.assert(
        fc.property(
          c.valid,
          fc.oneof(
            extraKey,
            special.filter((k) => !c.keys.includes(k)),
          ),
          fc.jsonValue(),
          (input, key, value) => {
            const withExtra: Record<string, unknown> = { ...input };
            Object.defineProperty(withExtra, key, { value, enumerable: true, configurable: true, writable: true });
            const result = c.schema.safeParse(withExtra);
            assert.equal(result.success, false, `extra key ${JSON.stringify(key)} was accepted`);
            assert.ok(result.error?.issues.some((i) => i.code === 'unrecognized_keys'));
          },
        ),
        RUNS,
      );
    });
  });
}

describe('field formats', () => {
  const validIdNumber = (s: string): boolean => /^[0-9]{12}$/.test(s);
  const base = { serviceId: 'ho-tich', consent: IDENTIFY_CONSENT };

  test('an ID number without the citizen’s consent is refused, whatever the number', () => {
    fc.assert(
      fc.property(digitString(12, 12), (idNumber) => {
        const result = issueTicketRequest.safeParse({ serviceId: 'ho-tich', idNumber });
        assert.equal(result.success, false);
        assert.deepEqual(
          result.error?.issues.map((i) => i.path.join('.')),
          ['consent'],
        );
      }),
      RUNS,
    );
  });

  test('idNumber is accepted iff it is exactly 12 ASCII digits', () => {
    const candidates = fc.oneof(
      digitString(12, 12),
      digitString(0, 16),
      digitString(12, 12).chain((d) => fc.constantFrom(`${d}\n`, ` ${d}`, `${d} `, `\n${d}`, `${d}0`, d.slice(1), `+${d.slice(1)}`)),
      nearFormat(DIGITS, 14),
    );
    fc.assert(
      fc.property(candidates, (s) => {
        const result = issueTicketRequest.safeParse({ ...base, idNumber: s });
        assert.equal(result.success, validIdNumber(s), JSON.stringify(s));
        if (!result.success) {
          assert.deepEqual(
            result.error.issues.map((i) => i.path.join('.')),
            ['idNumber'],
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  test('idNumber must be a string: numbers and other types are refused', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer()), fc.object()), (v) => {
        assert.equal(issueTicketRequest.safeParse({ ...base, idNumber: v }).success, false);
      }),
      RUNS,
    );
    assert.equal(issueTicketRequest.safeParse({ ...base, idNumber: 1_234_567_890_12 }).success, false);
  });

  test('ticket number is accepted iff 1–2 capital ASCII letters then 3–4 ASCII digits', () => {
    const pattern = /^[A-Z]{1,2}[0-9]{3,4}$/;
    const candidates = fc.oneof(ticketNumberArb, nearFormat([...UPPER.slice(0, 4), ...DIGITS, 'a', 'Đ'], 8));
    fc.assert(
      fc.property(candidates, (s) => {
        assert.equal(callTicketRequest.safeParse({ number: s }).success, pattern.test(s), JSON.stringify(s));
      }),
      { numRuns: 500 },
    );
    for (const bad of ['A01', 'ABC001', 'a015', 'A00001', 'A015 ', '15', 'Đ015'])
      assert.equal(callTicketRequest.safeParse({ number: bad }).success, false, bad);
    for (const good of ['A015', 'AB0001', 'Z999']) assert.equal(callTicketRequest.safeParse({ number: good }).success, true, good);
  });

  test('call: exactly one of ticketId and number', () => {
    fc.assert(
      fc.property(idArb, ticketNumberArb, (ticketId, number) => {
        assert.equal(callTicketRequest.safeParse({ ticketId, number }).success, false);
      }),
      { numRuns: 100 },
    );
    assert.equal(callTicketRequest.safeParse({}).success, false);
  });

  test('ids are accepted iff 1–64 of letters, digits and . _ : -', () => {
    const pattern = /^[A-Za-z0-9._:-]{1,64}$/;
    const candidates = fc.oneof(idArb, nearFormat(ID_CHARS.slice(0, 10), 70), fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 60, maxLength: 70 }));
    fc.assert(
      fc.property(candidates, (s) => {
        assert.equal(issueTicketRequest.safeParse({ serviceId: s }).success, pattern.test(s), JSON.stringify(s));
        assert.equal(transferTicketRequest.safeParse({ toCounterId: s }).success, pattern.test(s), JSON.stringify(s));
      }),
      { numRuns: 500 },
    );
  });

  test('transfer needs a service, a counter or both', () => {
    assert.equal(transferTicketRequest.safeParse({}).success, false);
  });

  test('pairing code is accepted iff 8 ASCII digits with an optional dash in the middle', () => {
    const pattern = /^[0-9]{4}-?[0-9]{4}$/;
    fc.assert(
      fc.property(
        fc.oneof(
          validPair.map((p) => p.code),
          nearFormat([...DIGITS, '-'], 11),
        ),
        (code) => {
          assert.equal(pairDeviceRequest.safeParse({ code }).success, pattern.test(code), JSON.stringify(code));
        },
      ),
      { numRuns: 500 },
    );
  });

  test('PIN is accepted iff 4–8 ASCII digits; username iff 1–64 characters', () => {
    fc.assert(
      fc.property(nearFormat(DIGITS, 10), (pin) => {
        assert.equal(staffLoginRequest.safeParse({ username: 'lan.nt', pin }).success, /^[0-9]{6,8}$/.test(pin), JSON.stringify(pin));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (username) => {
        const ok = username.length >= 1 && username.length <= 64;
        assert.equal(staffLoginRequest.safeParse({ username, pin: '135790' }).success, ok);
      }),
      RUNS,
    );
  });

  test('priority and outcome are accepted iff one of the listed values', () => {
    const word = fc.oneof(
      fc.constantFrom(...PRIORITY_CLASSES, ...SERVICE_OUTCOMES),
      fc.string({ maxLength: 20 }),
      fc.constantFrom('Normal', 'NORMAL', ' normal', 'done'),
    );
    fc.assert(
      fc.property(word, (w) => {
        assert.equal(issueTicketRequest.safeParse({ ...base, priority: w }).success, (PRIORITY_CLASSES as readonly string[]).includes(w));
        assert.equal(finishServiceRequest.safeParse({ outcome: w }).success, (SERVICE_OUTCOMES as readonly string[]).includes(w));
      }),
      RUNS,
    );
  });

  test('slotStart is accepted iff a positive safe integer', () => {
    const candidates = fc.oneof(
      fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: 0 }),
      fc.double(),
      fc.constantFrom(Number.MAX_SAFE_INTEGER + 1, 1e300, Infinity, -Infinity, NaN, 0.5, -0),
    );
    fc.assert(
      fc.property(candidates, (slotStart) => {
        const ok = Number.isSafeInteger(slotStart) && slotStart > 0;
        assert.equal(issueTicketRequest.safeParse({ ...base, priority: 'appointment', slotStart }).success, ok, String(slotStart));
      }),
      { numRuns: 500 },
    );
    assert.equal(issueTicketRequest.safeParse({ ...base, slotStart: '1700000000000' }).success, false);
  });

  test('dossierCount is accepted iff a whole number from 1 to 20', () => {
    const candidates = fc.oneof(fc.integer({ min: -5, max: 30 }), fc.double({ min: -5, max: 30 }), fc.constantFrom(NaN, Infinity, '2', null, true));
    fc.assert(
      fc.property(candidates, (dossierCount) => {
        const ok = typeof dossierCount === 'number' && Number.isInteger(dossierCount) && dossierCount >= 1 && dossierCount <= 20;
        assert.equal(issueTicketRequest.safeParse({ ...base, dossierCount }).success, ok, String(dossierCount));
      }),
      { numRuns: 500 },
    );
  });
});
