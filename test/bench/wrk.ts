// Runs wrk (Debian's `wrk`) on its own core and reads its report.
import { execFileSync, spawn } from 'node:child_process';

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50ms: number;
  p99ms: number;
  bytesPerRequest: number;
  /** Responses that were not 2xx/3xx, plus socket errors. */
  errors: number;
}

export function requireWrk(): void {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
  } catch (error) {
    // wrk --version exits 1 after printing; only a missing binary throws ENOENT.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('wrk is not installed: sudo apt-get install -y wrk');
  }
}

const toMs = (value: string, unit: string) => Number(value) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[unit]!;
const toBytes = (value: string, unit: string) => Number(value) * ({ B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 } as Record<string, number>)[unit]!;

export async function runWrk(url: string, options: { seconds: number; connections: number; headers: Record<string, string>; cpu?: number }): Promise<LoadResult> {
  const args = ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--latency', ...Object.entries(options.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), url];
  const [command, argv] = options.cpu === undefined ? ['wrk', args] : ['taskset', ['-c', String(options.cpu), 'wrk', ...args]];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(command, argv as string[]);
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited ${code}:\n${out}`))));
  });
  const match = (re: RegExp) => {
    const m = re.exec(output);
    if (!m) throw new Error(`cannot read wrk output (${re}):\n${output}`);
    return m;
  };
  const [, requests, seconds, bytes, bytesUnit] = match(/(\d+) requests in ([\d.]+)s, ([\d.]+)(B|KB|MB|GB) read/);
  const p50 = match(/50%\s+([\d.]+)(us|ms|s)/);
  const p99 = match(/99%\s+([\d.]+)(us|ms|s)/);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const n = Number(requests);
  return {
    requests: n,
    seconds: Number(seconds),
    rps: n / Number(seconds),
    p50ms: toMs(p50[1]!, p50[2]!),
    p99ms: toMs(p99[1]!, p99[2]!),
    bytesPerRequest: toBytes(bytes!, bytesUnit!) / n,
    errors: (non2xx ? Number(non2xx[1]) : 0) + (socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0),
  };
}
