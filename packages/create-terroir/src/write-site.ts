import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { OWNER_SETUP_FILE, siteFiles } from './site-files';
import { optionProblems, type SiteOptions } from './site-options';

/** A refusal with a one-line reason; nothing was written. */
export class SiteRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SiteRefusal';
  }
}

/**
 * Writes a new village site into `options.directory`. Refuses (with {@link SiteRefusal}, before
 * writing anything) invalid options and a folder that exists and is not empty, unless `force`.
 *
 * @example
 * const { directory, files } = await writeSite({ directory: 'my-village', name: 'My village', slug: 'my-village', demo: true, ownerEmail: 'me@example.org', ownerPassword: 'a long password', force: false }, '0.1.0');
 */
export async function writeSite(options: SiteOptions, terroirVersion: string): Promise<{ directory: string; files: string[] }> {
  const problems = optionProblems(options);
  if (problems.length > 0) throw new SiteRefusal(problems.join('; '));
  const directory = resolve(options.directory);
  const existing = await readdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    if (error.code === 'ENOTDIR') throw new SiteRefusal(`${directory} is a file, not a folder`);
    throw error;
  });
  if (existing.length > 0 && !options.force) {
    throw new SiteRefusal(`${directory} is not empty (${existing.length} entries); choose an empty or new folder, or pass --force to write into it`);
  }
  const files = siteFiles(options, terroirVersion);
  for (const [path, text] of Object.entries(files)) {
    const target = join(directory, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  }
  // The owner's password sits here until the first start: readable by this user only.
  await chmod(join(directory, OWNER_SETUP_FILE), 0o600);
  return { directory, files: Object.keys(files) };
}
