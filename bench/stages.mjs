// Where a text's time goes, stage by stage, in Chromium against natively: for finding what makes
// short texts relatively slower in the page (issue 4's "within 1.5x of native").
//
//   node bench/stages.mjs [TEXT [RUNS]]
//
// Needs what scripts/bench-browser builds (target/bench-browser/site and the native example);
// TEXT defaults to the benchmark's 1,000-word article (site/texts/article.txt), RUNS to 300.
// Both sides run `stages_json` of bench/wasm (the analysis of `analyse_json`, stage by stage)
// RUNS times after as many warm-up runs, natively first, then in the page, three rounds, and the
// best round of each is printed as a Markdown table.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const site = path.join(root, 'target/bench-browser/site');
const textFile = path.resolve(process.argv[2] || path.join(site, 'texts/article.txt'));
const runs = Number(process.argv[3] || 300);
const native = path.join(root, 'target/release/examples/native');

const server = await serve(site);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
const text = fs.readFileSync(textFile, 'utf8');
await page.evaluate(async () => {
  const glue = await import('./pkg/dossier_bench_wasm.js');
  await glue.default({ module_or_path: new URL('pkg/dossier_bench_wasm_bg.wasm', location.href) });
  window.glue = glue;
});

const best = { native: null, wasm: null };
const keep = (side, r) => {
  if (!best[side]) best[side] = r;
  else for (const k of Object.keys(r)) best[side][k] = Math.min(best[side][k], r[k]);
};
for (let round = 0; round < 3; round++) {
  keep('native', JSON.parse(execFileSync(native, ['--stages', String(runs), textFile], { encoding: 'utf8' })));
  keep('wasm', await page.evaluate(([t, n]) => {
    window.glue.stages_json(t, n);
    return JSON.parse(window.glue.stages_json(t, n));
  }, [text, runs]));
}
await browser.close();
server.close();

const per = (ms) => (ms * 1000 / runs).toFixed(1);
console.log(`${path.basename(textFile)}: ${Buffer.byteLength(text)} bytes; microseconds per run, best of 3 rounds of ${runs} runs\n`);
console.log('| stage | native, µs | Chromium, µs | Chromium / native |');
console.log('|---|---:|---:|---:|');
let n = 0;
let w = 0;
for (const k of Object.keys(best.native)) {
  n += best.native[k];
  w += best.wasm[k];
  console.log(`| ${k} | ${per(best.native[k])} | ${per(best.wasm[k])} | ${(best.wasm[k] / best.native[k]).toFixed(2)}x |`);
}
console.log(`| all | ${per(n)} | ${per(w)} | ${(w / n).toFixed(2)}x |`);
