// Regenerates public/media/liu-weaver-voice.wav: `npx tsx src/media/write-demo-audio.ts`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEMO_AUDIO } from '@terroir/core/seed';
import { gentleToneWav } from './gentle-tone';

const target = fileURLToPath(new URL(`../../public${DEMO_AUDIO.url}`, import.meta.url));
writeFileSync(target, gentleToneWav({ seconds: DEMO_AUDIO.durationSeconds }));
console.log(`wrote ${target}`);
