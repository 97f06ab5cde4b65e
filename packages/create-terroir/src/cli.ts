#!/usr/bin/env node
// `npm create terroir@latest my-village` / `pnpm create terroir my-village`.
import { createRequire } from 'node:module';
import { basename, relative } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseCommandLine, USAGE, type CommandLine } from './command-line';
import { emailProblem, passwordProblem, slugProblem, suggestSlug, type SiteOptions } from './site-options';
import { SiteRefusal, writeSite } from './write-site';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

async function main(argv: readonly string[]): Promise<number> {
  let line: CommandLine;
  try {
    line = parseCommandLine(argv);
  } catch (error) {
    console.error(`create-terroir: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (line.help) {
    console.log(USAGE);
    return 0;
  }
  const options = await completeOptions(line);
  if (typeof options === 'string') {
    console.error(`create-terroir: ${options}`);
    return 1;
  }
  try {
    const { directory } = await writeSite(options, version);
    const folder = relative(process.cwd(), directory) || '.';
    console.log(
      `Created ${options.name} (${options.slug}) in ${folder}.\n\n  cd ${folder}\n  npm install\n  npm start\n\nThen open http://localhost:8787/ and log in at /admin/ as ${options.ownerEmail}.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof SiteRefusal) {
      console.error(`create-terroir: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

/** Fills what the command line left out, by asking on a terminal or from defaults under --yes; a string is a refusal. */
async function completeOptions(line: CommandLine): Promise<SiteOptions | string> {
  const interactive = !line.yes && process.stdin.isTTY === true;
  const prompt = interactive ? createInterface({ input: process.stdin, output: process.stdout }) : null;
  const ask = async (question: string, fallback: string | undefined, problem: (value: string) => string | null): Promise<string | undefined> => {
    if (!prompt) return fallback;
    for (;;) {
      const answer = (await prompt.question(`${question}${fallback ? ` (${fallback})` : ''}: `)).trim() || fallback || '';
      const reason = problem(answer);
      if (!reason) return answer;
      console.log(`  ${reason}`);
    }
  };
  try {
    const directory = line.directory ?? (await ask('Folder for the site / 站点目录', 'my-village', (value) => (value ? null : 'a folder is needed')));
    if (!directory) return 'give a folder: npm create terroir@latest my-village';
    const name =
      line.name ?? (await ask('Cooperative name / 合作社名称', basename(directory), (value) => (value ? null : 'a name is needed'))) ?? basename(directory);
    const slug =
      line.slug ?? (await ask('Slug for URLs / 网址名', suggestSlug(line.name ?? basename(directory)), slugProblem)) ?? suggestSlug(basename(directory));
    let demo = line.demo;
    if (demo === undefined) demo = prompt ? !/^n/i.test((await prompt.question('Add the demo village content? / 添加演示内容？(Y/n): ')).trim()) : true;
    const ownerEmail = line.ownerEmail ?? (await ask('Owner email / 管理员邮箱', undefined, emailProblem));
    if (!ownerEmail) return 'give the owner email: --owner-email you@example.org';
    const ownerPassword = line.ownerPassword ?? (await ask('Owner password (10+ characters) / 管理员密码', undefined, passwordProblem));
    if (!ownerPassword) return 'give the owner password: --owner-password (at least 10 characters)';
    return { directory, name, slug, demo, ownerEmail, ownerPassword, force: line.force };
  } finally {
    prompt?.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
