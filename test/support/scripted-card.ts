/** Test support: a card that answers a fixed transcript of (expected command, response) pairs, like JMRTD's replay tests. */
import assert from 'node:assert/strict';
import { fromHex, hex } from '../../devices/card-reader/bytes.ts';
import { type CommandApdu, type ResponseApdu, decodeResponse, encodeCommand } from '../../devices/card-reader/protocol/apdu.ts';

/** `null` as the expected command accepts any command at that step. */
export function scriptedCard(script: ReadonlyArray<readonly [string | null, string]>): { send: (c: CommandApdu) => Promise<ResponseApdu>; done: () => void } {
  let step = 0;
  return {
    send: async (c) => {
      const entry = script[step++];
      assert.ok(entry, `unexpected command ${hex(encodeCommand(c))}`);
      if (entry[0] !== null) assert.equal(hex(encodeCommand(c)), entry[0], `command ${step}`);
      return decodeResponse(fromHex(entry[1]));
    },
    done: () => assert.equal(step, script.length, 'not every scripted command was sent'),
  };
}
