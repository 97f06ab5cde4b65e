export { writeSite, SiteRefusal } from './write-site';
export { siteFiles, OWNER_SETUP_FILE, type SiteFiles } from './site-files';
export { slugProblem, emailProblem, passwordProblem, optionProblems, suggestSlug, SLUG_RULE, MIN_PASSWORD_LENGTH, type SiteOptions } from './site-options';
export { parseCommandLine, USAGE, type CommandLine } from './command-line';
