/**
 * Generates the offline voice pack at build time with espeak-ng: one WAV clip per entry of
 * renderer/shared/voice-phrases.ts (the display's calls, Vietnamese voice) and per guidance text
 * the kiosk can speak (renderer/shared/voice-guidance.ts, from the kiosk's screen catalogues, in
 * the Vietnamese and the English voice), plus manifest.json, into dist/renderer/voice/vi/ (served
 * by the hall server at /voice/vi/).
 *
 *   node --import tsx scripts/build-voice-pack.ts [--out DIR]
 *
 * Without espeak-ng (Debian package `espeak-ng`) it writes no pack and says so: the display then
 * speaks with the browser's speech synthesis and the kiosk's guidance with it too.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { guidanceClipTexts } from '../renderer/shared/voice-guidance-texts.ts';
import { voiceClipTexts } from '../renderer/shared/voice-phrases.ts';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist/renderer/voice/vi' } } });
const out = values.out ?? 'dist/renderer/voice/vi';

const probe = spawnSync('espeak-ng', ['--version'], { encoding: 'utf8' });
if (probe.error || probe.status !== 0) {
  process.stderr.write('espeak-ng not found: no offline voice pack built; displays fall back to speech synthesis (install Debian espeak-ng)\n');
  process.exit(0);
}

mkdirSync(out, { recursive: true });
const clips: Record<string, string> = {};
const texts = [
  ...Object.entries(voiceClipTexts()).map(([key, text]) => ({ key, text, voice: 'vi' })),
  ...Object.entries(guidanceClipTexts()).map(([key, { lang, text }]) => ({ key, text, voice: lang })),
];
for (const { key, text, voice } of texts) {
  const file = `${key}.wav`;
  // -v vi|en: the text's voice; -s 140 words per minute (slower than default, for a hall's acoustics).
  const r = spawnSync('espeak-ng', ['-v', voice, '-s', '140', '-w', join(out, file), text], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`espeak-ng failed on clip ${key}: ${r.stderr}`);
  clips[key] = file;
}
writeFileSync(join(out, 'manifest.json'), `${JSON.stringify({ voice: 'espeak-ng vi, en', clips }, null, 2)}\n`);
process.stdout.write(`voice pack: ${Object.keys(clips).length} clips in ${out}\n`);
