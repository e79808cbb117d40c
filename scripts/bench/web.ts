/** The web app's initial JavaScript: the scripts index.html loads (and their static imports), gzipped. */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export function initialJsGzipKb(dist = 'dist/web'): { files: string[]; gzipKb: number } {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const files = [...new Set(scripts)];
  const bytes = files.reduce((sum, f) => sum + gzipSync(fs.readFileSync(path.join(dist, f))).length, 0);
  return { files, gzipKb: Math.round(bytes / 1024) };
}
