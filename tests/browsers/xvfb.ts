/**
 * A virtual X display for the browsers that need one (Firefox for WebGL, WebKitGTK's MiniBrowser
 * always). Xvfb picks a free display number itself (`-displayfd`), so several runs can share a
 * machine; the caller kills it at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** A running Xvfb. */
export interface Display {
  /** e.g. `:99`, for the DISPLAY variable. */
  display: string;
  stop(): Promise<void>;
}

/** Start Xvfb with one 1280×1024 screen; resolves when it accepts clients. */
export function startXvfb(): Promise<Display> {
  return new Promise((resolve, reject) => {
    // fd 3 receives the display number once the server is ready.
    const proc: ChildProcess = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp', '-noreset'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`Xvfb did not start in 10 s: ${stderr}`));
    }, 10_000);
    proc.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`Cannot start Xvfb (apt-get install xvfb): ${e.message}`));
    });
    let out = '';
    (proc.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => {
      out += d.toString();
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      const stop = () =>
        new Promise<void>((done) => {
          if (proc.exitCode !== null) return done();
          proc.once('exit', () => done());
          proc.kill('SIGTERM');
        });
      resolve({ display: `:${out.trim()}`, stop });
    });
  });
}
