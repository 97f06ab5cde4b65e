// Regenerates public/media/liu-weaver-voice.wav: `npx tsx src/media/write-demo-audio.ts`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEMO_AUDIO, DEMO_PAPERCUT_AUDIO } from '@terroir/core/seed';
import { gentleToneWav } from './gentle-tone';

for (const audio of [DEMO_AUDIO, DEMO_PAPERCUT_AUDIO]) {
  const target = fileURLToPath(new URL(`../../public${audio.url}`, import.meta.url));
  writeFileSync(target, gentleToneWav({ seconds: audio.durationSeconds }));
  console.log(`wrote ${target}`);
}
