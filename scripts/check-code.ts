/**
 * `npm run check:code [-- <deck filter>…]`: runs every ```python block of every deck and student
 * talk with PyTorch, as d2l.ai runs all its code in CI, so that every code slide works when a
 * student types it in. Prints `file:line (slide N "title"): error` for each failing block and
 * exits 1 if any fails; prints how many blocks ran and how many were skipped, and why.
 *
 * - The blocks of one deck run in file order in one namespace, like a notebook's cells: a slide
 *   may use what an earlier slide of its deck defined. Seeds are set to 0 before each block. One
 *   Python process per deck (decks share nothing), two decks at a time.
 * - A block whose first line is `# needs: gpu`, `# needs: download`, `# needs: long` or
 *   `# needs: torch>=2.0` is skipped and counted (`long` runs with DL_CODE_LONG=1, `torch>=X`
 *   when the installed torch is new enough).
 * - `DL_PYTHON` picks the interpreter (default `/usr/bin/python3`, where Debian's python3-torch
 *   lives); `DL_CODE_TIMEOUT` the seconds of CPU time each block may take (default 60); `DL_CODE_OUTPUT=1`
 *   prints what each block printed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findDecks } from '../build/decks.ts';
import { KNOWN_NEEDS, pythonBlocks, skipReason, type CodeBlock } from './code-blocks.ts';

const root = join(import.meta.dirname, '..');
const python = process.env.DL_PYTHON || '/usr/bin/python3';
const timeout = Number(process.env.DL_CODE_TIMEOUT || 60);
/** `DL_CODE_OUTPUT=1` prints what each block printed (to check the numbers quoted in notes). */
const show = process.env.DL_CODE_OUTPUT === '1';
const runner = join(import.meta.dirname, 'check-code.py');
/** Templates that findDecks leaves out (their folders start with _). */
const TEMPLATES = ['decks/_template/slides.md', 'student-talks/_template/slides.md'];
/** Decks run at the same time (each is one single-threaded Python process). */
const PARALLEL = 2;

interface BlockResult {
  line: number;
  ok: boolean;
  error_line?: number;
  error?: string;
  output?: string;
  seconds: number;
}

/** The installed torch version, or a sentence saying why there is none. */
function torchVersion(): { version?: string; problem?: string } {
  const r = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  if (r.error) return { problem: `cannot start ${python} (${r.error.message}). Set DL_PYTHON to a Python 3 that has PyTorch.` };
  if (r.status !== 0) {
    return { problem: `${python} has no PyTorch (${(r.stderr.trim().split('\n').pop() ?? '').trim()}). Install Debian's python3-torch (apt-get install python3-torch), or set DL_PYTHON to a Python that has torch.` };
  }
  return { version: r.stdout.trim() };
}

/** Run the given blocks of one file in one Python process. */
function runDeck(file: string, blocks: CodeBlock[]): Promise<BlockResult[]> {
  return new Promise((resolve) => {
    const child = spawn(python, [runner], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, OMP_NUM_THREADS: '1', PYTHONWARNINGS: 'ignore' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    // Backstop (wall time, generous for a busy machine) if a block hangs where the CPU-time limit cannot reach it.
    const killer = setTimeout(() => child.kill('SIGKILL'), (5 * timeout * blocks.length + 60) * 1000);
    child.on('close', (code) => {
      clearTimeout(killer);
      const results: BlockResult[] = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as BlockResult);
      // A crash (segfault, kill) loses the rest of the deck: report the block it died in.
      for (const b of blocks.slice(results.length)) {
        results.push({ line: b.line, ok: false, error_line: b.line, error: `the Python process ended (exit ${code}) while running this block: ${stderr.trim().split('\n').pop() ?? ''}`, seconds: 0 });
        break;
      }
      resolve(results);
    });
    child.stdin.end(JSON.stringify({ file, timeout, show, blocks: blocks.map((b) => ({ line: b.line, code: b.code })) }));
  });
}

async function main(): Promise<number> {
  const started = performance.now();
  const filters = process.argv.slice(2);
  const { version, problem } = torchVersion();
  if (!version) {
    console.error(`check:code: ${problem}`);
    return 1;
  }
  // The two templates too: students and lecturers copy them literally.
  const files = [...findDecks(root).map((d) => `${d.path}/slides.md`), ...TEMPLATES].filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
  const failures: string[] = [];
  const skipped = new Map<string, number>();
  let ran = 0;
  const times: { where: string; seconds: number }[] = [];
  const jobs: { file: string; blocks: CodeBlock[] }[] = [];
  for (const file of files) {
    const toRun: CodeBlock[] = [];
    for (const b of pythonBlocks(readFileSync(join(root, file), 'utf8'))) {
      const where = `${file}:${b.line} (slide ${b.slide}${b.title ? ` "${b.title}"` : ''})`;
      const unknown = b.needs.filter((n) => !KNOWN_NEEDS.some((k) => k.test(n)));
      if (unknown.length > 0) {
        failures.push(`${where}: unknown "# needs: ${unknown.join(', ')}" (use gpu, download, long or torch>=X.Y)`);
        continue;
      }
      const reason = skipReason(b.needs, version, process.env.DL_CODE_LONG === '1');
      if (reason) skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
      else toRun.push(b);
    }
    if (toRun.length > 0) jobs.push({ file, blocks: toRun });
  }
  const queue = [...jobs];
  await Promise.all(Array.from({ length: PARALLEL }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const results = await runDeck(job.file, job.blocks);
      for (const r of results) {
        ran++;
        times.push({ where: `${job.file}:${r.line}`, seconds: r.seconds });
        if (r.ok && show) console.log(`${job.file}:${r.line} (${r.seconds.toFixed(1)} s)\n${r.output ?? ''}`);
        if (r.ok) continue;
        const b = job.blocks.find((x) => x.line === r.line)!;
        const output = r.output?.trim() ? `\n    output: ${r.output.trim().split('\n').slice(-3).join('\n            ')}` : '';
        failures.push(`${job.file}:${r.error_line ?? r.line} (slide ${b.slide}${b.title ? ` "${b.title}"` : ''}): ${r.error}${output}`);
      }
    }
  }));
  for (const f of failures.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))) console.log(f);
  const skips = [...skipped].map(([why, n]) => `${n} × ${why}`).join(', ');
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(`check:code: torch ${version}, ${files.length} decks: ${ran} blocks ran, ${failures.length} failed, ${[...skipped.values()].reduce((a, b) => a + b, 0)} skipped by "# needs:"${skips ? ` (${skips})` : ''}, ${seconds} s.`);
  const slow = times.sort((a, b) => b.seconds - a.seconds).slice(0, 3).filter((t) => t.seconds >= 5);
  if (slow.length > 0) console.log(`check:code: slowest: ${slow.map((t) => `${t.where} ${t.seconds.toFixed(1)} s`).join(', ')}`);
  return failures.length === 0 ? 0 : 1;
}

process.exit(await main());
