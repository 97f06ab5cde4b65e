import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Starts a TypeScript server script as its own Node process (through tsx) and resolves once
 * it prints `LISTENING <port>`; rejects with its stderr if it exits or takes over 60 s.
 *
 * @example
 * const { url, child } = await startServerProcess(SCRIPT, { TERROIR_DB_URL: database.url });
 */
export function startServerProcess(script: string, env: Record<string, string>): Promise<{ url: string; port: number; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, ...env },
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server process did not start: ${err}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /LISTENING (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${match[1]}`, port: Number(match[1]), child });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!out.includes('LISTENING')) reject(new Error(`server process exited with ${code}: ${err}`));
    });
  });
}
