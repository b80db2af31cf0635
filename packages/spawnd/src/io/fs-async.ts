import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs';
import { promisify } from 'node:util';

// The callback API, promisified: node:fs/promises loads fs streams, readline, REPL history and
// fs watchers besides, which stay resident for the daemon's life (with main.ts's lazy stdin,
// 0.6 MB measured by bench-spawnd).
export const accessAsync = promisify(access);
export const mkdirAsync = promisify(mkdir);
export const readFileAsync = promisify(readFile);
export const renameAsync = promisify(rename);
export const rmAsync = promisify(rm);
export const writeFileAsync = promisify(writeFile);
