#!/usr/bin/env node
// The `terroir` executable (dist/terroir.js once built): every command lives in ./terroir.ts.
import { runTerroir } from './terroir';

process.exitCode = await runTerroir(process.argv.slice(2));
