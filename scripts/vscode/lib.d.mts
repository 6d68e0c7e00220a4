// Types of lib.mjs for the TypeScript callers (test/e2e).
import type { ChildProcess } from 'node:child_process';
import type { Browser } from 'playwright-core';

export const CODE_SERVER_VERSION: string;
export const REPO_ROOT: string;
export const CHROMIUM: string;
export const CHROMIUM_ARGS: string[];
export const HARNESS_SETTINGS: Record<string, unknown>;
export interface Scratch {
  root: string; userData: string; extensions: string; xdgConfig: string; xdgData: string; xdgCache: string; browserProfile: string;
}
export interface CodeServer {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
  exited(): { code: number | null; signal: string | null } | null;
}
export function log(prefix: string, msg: string): void;
export function cacheDir(): string;
export function ensureCodeServer(options?: { quiet?: boolean }): string;
export function vscodeVersionOf(entry: string): string;
export function makeScratch(prefix?: string): Scratch;
export function writeUserSettings(userDataDir: string, extra?: Record<string, unknown>): void;
export function startCodeServer(options: {
  entry: string; scratch: Scratch; folder?: string; port?: number; settings?: Record<string, unknown>;
  extraArgs?: string[]; echo?: boolean; startTimeoutMs?: number;
}): Promise<CodeServer>;
export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void;
export function launchChromium(options?: { headless?: boolean }): Promise<Browser>;
export function remoteUri(port: number, absPath: string): string;
export function workbenchUrl(baseUrl: string, folder?: string, payload?: [string, string][]): string;
export function collectServerLogs(userDataDir: string, match?: RegExp): { path: string; contents: string }[];
export function removeScratch(scratch: Scratch): void;
export function delay(ms: number): Promise<void>;
