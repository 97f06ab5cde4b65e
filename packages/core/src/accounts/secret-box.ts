import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'enc1:';

/** Two-factor secrets are sealed but `TERROIR_SECRET_KEY` is not set here: they cannot be read. */
export class SecretKeyMissingError extends Error {
  override readonly name = 'SecretKeyMissingError';
}

function keyFrom(material: string | undefined): Buffer | undefined {
  if (!material) return undefined;
  if (material.length < 32) throw new RangeError('TERROIR_SECRET_KEY must be at least 32 characters (e.g. `openssl rand -base64 32`).');
  return Buffer.from(hkdfSync('sha256', material, 'terroir', 'terroir/secret-box/v1', 32));
}

/**
 * Seals a secret the server must read back (TOTP seeds) with AES-256-GCM under a key derived
 * from `TERROIR_SECRET_KEY`, so a copied database or backup alone does not give them away.
 * Without the variable the secret is stored as it is (the demo, tests); `openSecret` reads
 * both forms, so setting the key later seals every secret written from then on.
 *
 * @example
 * const stored = sealSecret('JBSWY3DPEHPK3PXP', process.env.TERROIR_SECRET_KEY); // 'enc1:…'
 * openSecret(stored, process.env.TERROIR_SECRET_KEY) // 'JBSWY3DPEHPK3PXP'
 */
export function sealSecret(plain: string, keyMaterial: string | undefined = process.env.TERROIR_SECRET_KEY): string {
  const key = keyFrom(keyMaterial);
  if (!key) return plain;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/**
 * Reads what `sealSecret` stored: a sealed value with the key, a plain (older or keyless) one
 * as it is. Throws `SecretKeyMissingError` for a sealed value without the key, and an error
 * for a wrong key or a tampered value (GCM checks both).
 *
 * @example
 * openSecret(row.secret) // the base32 TOTP seed
 */
export function openSecret(stored: string, keyMaterial: string | undefined = process.env.TERROIR_SECRET_KEY): string {
  if (!stored.startsWith(PREFIX)) return stored;
  const key = keyFrom(keyMaterial);
  if (!key) throw new SecretKeyMissingError('This secret is sealed: set TERROIR_SECRET_KEY to the key it was sealed with.');
  const bytes = Buffer.from(stored.slice(PREFIX.length), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}
