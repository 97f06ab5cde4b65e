import { describe, expect, it } from 'vitest';
import { loadOptionalPackage, MissingPackageError } from './optional-package';

describe('loadOptionalPackage', () => {
  it('returns the module when it is installed', async () => {
    const path = await loadOptionalPackage('node:path', () => import('node:path'), 'Paths');
    expect(path.join('a', 'b')).toBe('a/b');
  });

  it('names the package to install when it is missing', async () => {
    // A specifier no registry has, so the import fails the way a missing optional peer does.
    const name = 'terroir-no-such-package-for-tests';
    const loading = loadOptionalPackage(name, () => import(/* @vite-ignore */ name), 'Image uploads');
    await expect(loading).rejects.toBeInstanceOf(MissingPackageError);
    await expect(loading).rejects.toThrow(`Image uploads needs the "${name}" package, which is not installed. Install it with: npm install ${name}`);
  });

  it('passes on other failures unchanged', async () => {
    const broken = new Error('native binding failed to load');
    await expect(loadOptionalPackage('sharp', () => Promise.reject(broken), 'Image uploads')).rejects.toBe(broken);
  });
});
