/** The "Annalist" output channel: where problems are reported once, with enough context to file an issue. */
import * as vscode from 'vscode';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
const ORDER: LogLevel[] = ['error', 'warn', 'info', 'debug'];

export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Annalist');
  private level: LogLevel = 'info';
  private readonly reported = new Set<string>();

  setLevel(level: LogLevel): void {
    this.level = ORDER.includes(level) ? level : 'info';
  }

  error(message: string, err?: unknown): void {
    this.write('error', err ? `${message}: ${describe(err)}` : message);
  }
  warn(message: string): void { this.write('warn', message); }
  info(message: string): void { this.write('info', message); }
  debug(message: string): void { this.write('debug', message); }

  /** Logs an error once per key (a provider failing on every keystroke must not flood the channel). */
  errorOnce(key: string, message: string, err: unknown): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.error(message, err);
  }

  show(): void { this.channel.show(true); }

  private write(level: LogLevel, message: string): void {
    if (ORDER.indexOf(level) > ORDER.indexOf(this.level)) return;
    this.channel.appendLine(`[${new Date().toISOString()}] [${level}] ${message}`);
  }

  dispose(): void { this.channel.dispose(); }
}

function describe(err: unknown): string {
  if (err instanceof Error) return `${err.message}${err.stack ? `\n${err.stack}` : ''}`;
  return String(err);
}
