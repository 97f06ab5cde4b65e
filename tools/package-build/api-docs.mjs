#!/usr/bin/env node
// `pnpm docs:api`: the API reference of every published entry (TypeDoc) into docs/api/
// (git-ignored). The entries are read from each package's `exports`, so a new sub-entry shows
// up without editing this file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Application, OptionDefaults } from 'typedoc';

const root = new URL('../../', import.meta.url).pathname;
const entryPoints = [];
for (const dir of readdirSync(join(root, 'packages'))) {
  const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
  if (manifest.private) continue;
  for (const target of Object.values(manifest.exports ?? {})) {
    if (typeof target === 'string' && target.endsWith('.ts')) entryPoints.push(join(root, 'packages', dir, target));
  }
}

const app = await Application.bootstrap({
  name: 'Terroir',
  entryPoints,
  tsconfig: new URL('./tsconfig.build.json', import.meta.url).pathname,
  out: join(root, 'docs/api'),
  readme: join(root, 'README.md'),
  // The widgets document their custom-element contract with these tags (see CRAFT.md).
  blockTags: [...OptionDefaults.blockTags, '@cssprop', '@csspart', '@slot', '@event', '@fires', '@attr'],
  excludePrivate: true,
  excludeInternal: true,
  skipErrorChecking: true,
  validation: { notExported: false, invalidLink: false },
  logLevel: 'Warn',
});
const project = await app.convert();
if (!project) {
  console.error('typedoc: conversion failed');
  process.exit(1);
}
await app.generateDocs(project, app.options.getValue('out'));
console.log(`API reference: ${join(root, 'docs/api/index.html')} (${entryPoints.length} entries)`);
