// A Vite plugin writing dist/manifest.json (every built file with its SRI hash, the chunks it
// imports, and which widget it holds) and dist/terroir.js.sri (the entry's hash), so both exist
// after every `vite build` — the server and scripts/size.mjs read them.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Plugin } from 'vite';

/** One built JavaScript file of the widget bundle. */
export interface ManifestFile {
  /** `sha384-…`, for `integrity=""` or an import map's `integrity`. */
  integrity: string;
  /** Files it imports statically (fetched with it). */
  imports: string[];
  /** Files it imports on demand. */
  dynamicImports: string[];
  /** Source module names this chunk stands for (`products.component`), empty for shared chunks. */
  modules: string[];
  bytes: number;
}

/** dist/manifest.json. */
export interface WidgetManifest {
  /** The entry (loader) file, e.g. `terroir.Bx3k9a.js`; `/widgets/v1/terroir.js` serves it. */
  entry: string;
  files: Record<string, ManifestFile>;
}

/** `sha384-<base64>` of some bytes. */
export const integrityOf = (bytes: Uint8Array | string) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

export function widgetManifest(): Plugin {
  return {
    name: 'terroir-widget-manifest',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir!;
      const manifest: WidgetManifest = { entry: '', files: {} };
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        if (output.isEntry) manifest.entry = output.fileName;
        manifest.files[output.fileName] = {
          integrity: integrityOf(output.code),
          imports: output.imports,
          dynamicImports: output.dynamicImports,
          modules: output.facadeModuleId && !output.isEntry ? [basename(output.facadeModuleId).replace(/\.tsx?$/, '')] : [],
          bytes: Buffer.byteLength(output.code),
        };
      }
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
      writeFileSync(join(dir, 'terroir.js.sri'), manifest.files[manifest.entry]!.integrity + '\n');
    },
  };
}
