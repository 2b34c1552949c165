/**
 * Every call the hall can make is spoken by the offline voice pack: every phrase of the demo hall
 * (each service's prefix × its whole number range × each counter) and of the largest config the
 * schema accepts (any one- or two-letter prefix, tickets 1–999, counters 1–99) maps to clips the
 * pack has; then the pack is built with espeak-ng and every clip (the calls' and the kiosk's
 * guidance, voice-guidance.test.ts) is a playable WAV.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { hallConfigSchema } from '../../../../electron/common/hall-config.ts';
import { MAX_COUNTER_NUMBER } from '../../../../electron/common/counter-numbers.ts';
import { loadSite } from '../../../../kiosk-config/load-site.ts';
import { guidanceClipTexts } from '../../../../renderer/shared/voice-guidance-texts.ts';
import { announcementClips, announcementSpeech, voiceClipTexts } from '../../../../renderer/shared/voice-phrases.ts';
import { DEMO_SITE, tempDir } from '../../../support/hall-server.ts';

const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const pad = (n: number): string => String(n).padStart(3, '0');

/** Checks every (ticket, counter) phrase; returns how many were checked. */
function checkPhrases(tickets: Iterable<string>, counters: readonly number[], clips: Readonly<Record<string, string>>): number {
  let phrases = 0;
  for (const ticket of tickets) {
    for (const counter of counters) {
      const keys = announcementClips(ticket, counter);
      for (const k of keys) if (!(k in clips)) assert.fail(`${ticket} at counter ${counter} needs clip ${k}, which the pack lacks`);
      assert.equal(keys.at(-1), `counter-${counter}`, 'the counter number is spoken');
      phrases++;
    }
  }
  return phrases;
}

function* ticketsOf(prefixes: readonly string[], from: number, to: number): Generator<string> {
  for (const p of prefixes) for (let n = from; n <= to; n++) yield `${p}${pad(n)}`;
}

describe('voice pack coverage', () => {
  const clips = voiceClipTexts();

  it('every phrase of the demo hall has its clips', () => {
    const config = loadSite(DEMO_SITE);
    const counters = config.counters.map((c) => c.number);
    let phrases = 0;
    for (const s of config.services) phrases += checkPhrases(ticketsOf([s.prefix], s.numberRange.from, s.numberRange.to), counters, clips);
    assert.equal(phrases, config.services.reduce((sum, s) => sum + (s.numberRange.to - s.numberRange.from + 1), 0) * counters.length);
  });

  it('every phrase of the largest config: any prefix of one or two letters, tickets 1–999, counters 1–99', () => {
    const counters = Array.from({ length: MAX_COUNTER_NUMBER }, (_, i) => i + 1);
    assert.equal(checkPhrases(ticketsOf(LETTERS, 1, 999), counters, clips), 26 * 999 * 99);
    const pairs = LETTERS.flatMap((a) => LETTERS.map((b) => a + b));
    assert.equal(checkPhrases(ticketsOf(pairs, 1, 999), [MAX_COUNTER_NUMBER], clips), 676 * 999);
  });

  it('a call at counter 57 says its number; the schema refuses counter 100', () => {
    assert.equal(announcementSpeech('A015', 57), 'Mời công dân có số a không một năm đến quầy số năm mươi bảy');
    assert.throws(() => announcementClips('A015', 100), RangeError);
    const base = loadSite(DEMO_SITE);
    const tooHigh = hallConfigSchema.safeParse({ ...base, counters: [{ ...base.counters[0], number: 100 }, ...base.counters.slice(1)] });
    assert.equal(tooHigh.success, false);
    assert.match(JSON.stringify(tooHigh.error?.issues), /counter numbers go up to 99/);
  });

  it('the built pack has every clip as a playable WAV (espeak-ng)', (t) => {
    if (spawnSync('espeak-ng', ['--version']).status !== 0) {
      t.skip('espeak-ng is not installed (scripts/setup.sh installs it)');
      return;
    }
    const tmp = tempDir('voice-');
    t.after(tmp.cleanup);
    const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-voice-pack.ts', '--out', tmp.dir], { encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    const manifest = JSON.parse(readFileSync(join(tmp.dir, 'manifest.json'), 'utf8')) as { clips: Record<string, string> };
    const guidance = guidanceClipTexts();
    assert.deepEqual(Object.keys(manifest.clips).sort(), [...Object.keys(clips), ...Object.keys(guidance)].sort());
    for (const [key, file] of Object.entries(manifest.clips)) {
      const wav = readFileSync(join(tmp.dir, file));
      assert.equal(wav.toString('latin1', 0, 4), 'RIFF', key);
      assert.equal(wav.toString('latin1', 8, 12), 'WAVE', key);
      const channels = wav.readUInt16LE(22);
      const rate = wav.readUInt32LE(24);
      const bits = wav.readUInt16LE(34);
      const dataAt = wav.indexOf('data', 36, 'latin1');
      assert.ok(dataAt > 0, `${key}: no data chunk`);
      const seconds = wav.readUInt32LE(dataAt + 4) / (rate * channels * (bits / 8));
      // A call's clip is a word or two; a guidance clip a sentence.
      assert.ok(seconds > 0.1 && seconds < (key in guidance ? 12 : 5), `${key}: ${seconds.toFixed(2)} s of audio`);
      // Not silence: some sample well above the noise floor.
      const samples = new Int16Array(wav.buffer, wav.byteOffset + dataAt + 8, Math.floor(wav.readUInt32LE(dataAt + 4) / 2));
      assert.ok(
        samples.some((s) => Math.abs(s) > 2000),
        `${key}: the clip is silent`,
      );
    }
  });
});
