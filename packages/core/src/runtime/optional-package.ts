/**
 * Loads a package Terroir needs only for some set-ups (better-sqlite3 for SQLite, pg for
 * PostgreSQL, sharp for uploads, stripe for card payments), so a consumer installs only what
 * their set-up uses. These packages are optional peers; when one is missing the error names it.
 *
 * @example
 * const { default: sharp } = await loadOptionalPackage('sharp', () => import('sharp'), 'Image uploads');
 */
export async function loadOptionalPackage<T>(name: string, load: () => Promise<T>, purpose: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isMissingPackage(error, name)) {
      throw new MissingPackageError(name, purpose);
    }
    throw error;
  }
}

/** Thrown when an optional peer package a feature needs is not installed. */
export class MissingPackageError extends Error {
  readonly packageName: string;
  constructor(packageName: string, purpose: string) {
    super(`${purpose} needs the "${packageName}" package, which is not installed. Install it with: npm install ${packageName}`);
    this.name = 'MissingPackageError';
    this.packageName = packageName;
  }
}

function isMissingPackage(error: unknown, name: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  // ERR_MODULE_NOT_FOUND from ESM import; MODULE_NOT_FOUND when a CJS package's own require fails.
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && error.message.includes(`'${name}'`);
}
