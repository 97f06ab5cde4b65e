// `pnpm changeset …`: @changesets/cli 3.0.3's own bin calls module.enableCompileCache(), which
// Node 20 lacks (22.1+); importing the CLI module directly skips that optimisation and works.
await import('@changesets/cli');
