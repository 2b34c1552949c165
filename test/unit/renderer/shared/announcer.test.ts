import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Announcer, type AnnouncementPlayer } from '../../../../renderer/shared/announcer.ts';

function recordingPlayer(options: { packComplete: boolean; failOn?: string }) {
  const log: string[] = [];
  let playing = 0;
  let overlap = false;
  const step = async (what: string) => {
    playing++;
    if (playing > 1) overlap = true;
    log.push(what);
    await new Promise((r) => setTimeout(r, 2));
    playing--;
    if (what === options.failOn) throw new Error('audio device gone');
  };
  const player: AnnouncementPlayer = {
    chime: () => step('chime'),
    clips: async (keys) => {
      await step(`clips:${keys.join(',')}`);
      return options.packComplete;
    },
    speak: (text) => step(`speak:${text}`),
  };
  return { player, log, overlapped: () => overlap };
}

describe('announcement queue', () => {
  it('plays calls one after the other, chime first, never overlapping', async () => {
    const p = recordingPlayer({ packComplete: true });
    const a = new Announcer(p.player);
    a.announce({ number: 'A001', counterNumber: 1 });
    a.announce({ number: 'B002', counterNumber: 2 });
    assert.equal(a.pending, 2);
    await a.whenIdle();
    assert.equal(p.overlapped(), false);
    assert.deepEqual(p.log, [
      'chime',
      'clips:invite,letter-A,digit-0,digit-0,digit-1,to-counter,counter-1',
      'chime',
      'clips:invite,letter-B,digit-0,digit-0,digit-2,to-counter,counter-2',
    ]);
  });
  it('falls back to speech synthesis when the pack lacks a clip', async () => {
    const p = recordingPlayer({ packComplete: false });
    const a = new Announcer(p.player);
    a.announce({ number: 'A015', counterNumber: 3 });
    await a.whenIdle();
    assert.equal(p.log.at(-1), 'speak:Mời công dân có số a không một năm đến quầy số ba');
  });
  it('a failing announcement does not block the next; the caption clears at the end', async () => {
    const p = recordingPlayer({ packComplete: true, failOn: 'chime' });
    const a = new Announcer(p.player);
    const captions: (string | null)[] = [];
    a.onSpeaking = (c) => captions.push(c?.number ?? null);
    a.announce({ number: 'A001', counterNumber: 1 });
    a.announce({ number: 'A002', counterNumber: 1 });
    await a.whenIdle();
    assert.deepEqual(captions, ['A001', 'A002', null]);
    assert.equal(a.pending, 0);
  });
});
