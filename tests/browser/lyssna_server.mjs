// The real lyssna binary serving a database on a free port, for the browser
// tests: started, its address read from its first line, stopped with
// SIGTERM (SIGKILL after 10 s), and killed whatever happens to the test.
import { spawn } from 'node:child_process';

export class LyssnaServer {
  constructor(binary, dbPath) {
    this.binary = binary;
    this.dbPath = dbPath;
    this.child = null;
    this.log = '';  // what the server wrote to stderr
    const kill = () => {
      if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    };
    process.on('exit', kill);
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.on(signal, () => { kill(); process.exit(130); });
    }
  }

  // Resolves with the base address, e.g. http://127.0.0.1:41234.
  start() {
    return new Promise((resolve, reject) => {
      const child = spawn(this.binary, ['--db', this.dbPath, 'serve', '--port', '0'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      this.child = child;
      let out = '';
      const timer = setTimeout(() => reject(new Error(`lyssna serve printed no address within 15 s:\n${out}${this.log}`)), 15000);
      child.stderr.on('data', (d) => { this.log += d; });
      child.stdout.on('data', (d) => {
        out += d;
        const m = out.match(/listening on (http:\/\/127\.0\.0\.1:(\d+))\//);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.on('error', (e) => { clearTimeout(timer); reject(e); });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`lyssna serve exited early (code ${code}, signal ${signal}):\n${out}${this.log}`));
      });
    });
  }

  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    let timer;
    const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), 10000); });
    const outcome = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      console.log('  lyssna serve did not stop within 10 s of SIGTERM; killing it');
      child.kill('SIGKILL');
      await exited;
    }
  }
}
