/** What `create-terroir` needs to write a site. */
export interface SiteOptions {
  /** Folder to create the site in (relative to the working directory, or absolute). */
  directory: string;
  /** The cooperative's display name, e.g. `莱阳梨合作社`. */
  name: string;
  /** The cooperative's URL name, e.g. `laiyang-pear` (see {@link SLUG_RULE}). */
  slug: string;
  /** Seed the demo village (products, stories, producers) beside the new cooperative. */
  demo: boolean;
  /** The first owner's login. */
  ownerEmail: string;
  ownerPassword: string;
  /** Write into a non-empty folder (files of the same name are replaced). */
  force: boolean;
}

/** The rule a slug must follow, quoted in every refusal. Same rule as the storefront's URLs. */
export const SLUG_RULE =
  'a slug is 2 to 64 characters of lowercase a-z, digits and single hyphens, starting with a letter and not ending with a hyphen (e.g. laiyang-pear)';

const SLUG_PATTERN = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){1,63}$/;

/** Minimum owner password length, the same as the admin API asks for. */
export const MIN_PASSWORD_LENGTH = 10;

/**
 * Why a value cannot be used, in one line for a person, or `null` when it is fine.
 *
 * @example
 * slugProblem('Laiyang Pear'); // 'invalid slug "Laiyang Pear": a slug is 2 to 64 characters …'
 * slugProblem('laiyang-pear'); // null
 */
export function slugProblem(slug: string): string | null {
  return SLUG_PATTERN.test(slug) ? null : `invalid slug "${slug}": ${SLUG_RULE}`;
}

/** One-line reason an owner email cannot be used, or `null`. */
export function emailProblem(email: string): string | null {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? null : `invalid owner email "${email}": it needs the form name@example.org`;
}

/** One-line reason an owner password cannot be used, or `null`. */
export function passwordProblem(password: string): string | null {
  return password.length >= MIN_PASSWORD_LENGTH ? null : `the owner password needs at least ${MIN_PASSWORD_LENGTH} characters`;
}

/** Every problem with a complete set of options (empty when they can be used). */
export function optionProblems(options: SiteOptions): string[] {
  const problems = [
    options.name.trim() ? null : 'the cooperative name is empty',
    slugProblem(options.slug),
    emailProblem(options.ownerEmail),
    passwordProblem(options.ownerPassword),
  ];
  return problems.filter((problem): problem is string => problem !== null);
}

/** A slug proposed from a folder or cooperative name (`My Village` → `my-village`), possibly still invalid. */
export function suggestSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, 64);
}
