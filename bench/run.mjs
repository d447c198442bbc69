// The browser benchmark's runner (scripts/bench-browser builds what it serves, then calls it).
//
// Writes the texts, times Dossier's analysis natively on them (bench/wasm/examples/native.rs),
// serves target/bench-browser/site on 127.0.0.1, drives Debian's Chromium headless with
// playwright-core through bench/bench.js, and prints Markdown tables on standard output
// (progress on standard error). Results also go to target/bench-browser/results.{json,md}.
//
// Environment: BENCH_SIZES (MB, default "1,5,25"), BENCH_MAX_SECONDS (longest estimated run a
// cell may take, default 300; a slower cell is reported as not run), CHROMIUM (default
// /usr/bin/chromium), BENCH_TOOLS (default "dossier,wink,wink-full,compromise", with
// dossier-variant after dossier when scripts/bench-browser built one: BENCH_VARIANT).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'target/bench-browser');
const site = path.join(out, 'site');
const samplesDir = path.resolve(root, '../shared/samples');
const sizes = (process.env.BENCH_SIZES || '1,5,25').split(',').map(Number).filter((n) => n > 0);
const maxSeconds = Number(process.env.BENCH_MAX_SECONDS || 300);
// How scripts/bench-browser built Dossier's wasm: {pkg: {profile, opt}, pkg-variant?: {...}}.
const builds = process.argv.includes('--report') ? null : JSON.parse(fs.readFileSync(path.join(out, 'builds.json'), 'utf8'));
const toolNames = (process.env.BENCH_TOOLS || `dossier,${builds?.['pkg-variant'] ? 'dossier-variant,' : ''}wink,wink-full,compromise`).split(',');
const FLAGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-sandbox',
  '--enable-precise-memory-info', '--js-flags=--expose-gc'];

const progress = (line) => process.stderr.write(`bench-browser: ${line}\n`);
const words = (text) => text.split(/\s+/).filter(Boolean).length;
const MB = 1 << 20;
const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
const fmtMB = (bytes) => (bytes / MB).toFixed(1);
const gzipSize = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

const TOOLS = {
  dossier: {
    label: 'Dossier (wasm)',
    work: 'whole analysis: entities, figures with values, resolution, summary, quotes, contract JSON',
    files: ['pkg/dossier_bench_wasm_bg.wasm', 'pkg/dossier_bench_wasm.js'],
  },
  'dossier-variant': {
    label: 'Dossier (wasm, variant)',
    work: 'the same, built another way (BENCH_VARIANT)',
    files: ['pkg-variant/dossier_bench_wasm_bg.wasm', 'pkg-variant/dossier_bench_wasm.js'],
  },
  wink: {
    label: 'wink-nlp 2.4.0 + eng-lite-web-model 1.8.1',
    work: "entity pass (pipe ['sbd','ner']): figures and dates, no names",
    files: ['wink.js'],
  },
  'wink-full': {
    label: 'wink-nlp, default pipe',
    work: 'all annotations (sbd, negation, sentiment, pos, ner, cer), entities out',
    files: ['wink.js'],
  },
  compromise: {
    label: 'compromise 14.17.0 + compromise-dates 3.9.0',
    work: 'people, places, organizations; money, percentages, numbers; dates',
    files: ['compromise.js'],
  },
};

// ---- texts: the samples, ~1,000 words of them, and the samples repeated to each size.
function makeTexts() {
  const files = fs.readdirSync(samplesDir).filter((f) => f.endsWith('.txt')).sort();
  if (files.length === 0) throw new Error(`no samples in ${samplesDir}`);
  const samples = files.map((f) => fs.readFileSync(path.join(samplesDir, f), 'utf8') + '\n\n').join('');
  const paragraphs = samples.split(/\n\s*\n/).filter((p) => p.trim());
  let article = '';
  for (const p of paragraphs) {
    if (words(article) >= 1000) break;
    article += p.trim() + '\n\n';
  }
  const texts = { article, samples };
  for (const mb of sizes) {
    const copies = Math.ceil((mb * MB) / Buffer.byteLength(samples));
    texts[`${mb}mb`] = samples.repeat(copies);
  }
  fs.mkdirSync(path.join(site, 'texts'), { recursive: true });
  const meta = {};
  for (const [name, text] of Object.entries(texts)) {
    const file = path.join(site, 'texts', `${name}.txt`);
    fs.writeFileSync(file, text);
    meta[name] = { file, bytes: Buffer.byteLength(text), words: words(text) };
  }
  return meta;
}

const PLAN = {
  article: { warmups: 30, warmSeconds: 3, runs: 31, maxSeconds: 60 },
  samples: { warmups: 10, warmSeconds: 3, runs: 15, maxSeconds: 60 },
};
const plan = (name) => PLAN[name] || { warmups: 0, runs: 3, maxSeconds: 120 };
// Runs per turn of native and Chromium on the short texts (see `native` below).
const BLOCK = 8;
// Rounds of the paired measurement of Dossier and wink-nlp on the short texts (see `paired`).
const PAIRED_ROUNDS = 41;
const medianOf = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// ---- native: the same function on the same texts, timed by one process per Dossier build
// (bench/wasm/examples/native.rs --serve) on request, so that its runs interleave with the
// browser's and both see the same load on the machine: for each text, after the warm-ups of each
// side, native and browser take turns (blocks of BLOCK runs on the short texts, one run each on
// the large ones).
function nativeServer() {
  const bin = path.join(root, 'target/release/examples/native');
  const child = spawn(bin, ['--serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting = [];
  let buffer = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    for (let i; (i = buffer.indexOf('\n')) >= 0; buffer = buffer.slice(i + 1)) waiting.shift()?.resolve(JSON.parse(buffer.slice(0, i)).times);
  });
  child.on('exit', (code) => { for (const w of waiting.splice(0)) w.reject(new Error(`native exited (${code})`)); });
  return {
    times: (runs, file) => new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      child.stdin.write(`${runs} ${file}\n`);
    }),
    close: () => child.stdin.end(),
  };
}

// ---- the first article after the app worker's warm-up (src/work.rs: WARM_UP_RUNS analyses of
// WARM_UP_COPIES copies of the built-in example, one per task, after the worker says it is
// ready), then WARM_IDLE_MS of nothing (the reader choosing a file). Each trial in a fresh
// browser, so that no compiled code is shared with another page (V8 shares a module's code
// between instances in one process).
const WARM_UP_RUNS = Number(/WARM_UP_RUNS: u32 = (\d+)/.exec(fs.readFileSync(path.join(root, 'src/work.rs'), 'utf8'))?.[1] ?? 0);
const WARM_UP_COPIES = Number(/WARM_UP_COPIES: usize = (\d+)/.exec(fs.readFileSync(path.join(root, 'src/work.rs'), 'utf8'))?.[1] ?? 1);
const WARM_IDLE_MS = 1000;
const WARM_TRIALS = 3;
async function afterWarmUp(url, tool) {
  const trials = [];
  for (let i = 0; i < WARM_TRIALS; i++) {
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: FLAGS });
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await page.waitForFunction(() => window.benchReady === true);
      await page.evaluate(() => window.bench.texts(['article']));
      const load = await page.evaluate((t) => window.bench.load(t), tool);
      const warmMs = await page.evaluate(([t, runs, copies, idle]) => window.bench.warmUp(t, runs, copies, idle), [tool, WARM_UP_RUNS, WARM_UP_COPIES, WARM_IDLE_MS]);
      const m = await page.evaluate((t) => window.bench.measure(t, 'article', { warmups: 1, runs: 1 }), tool);
      trials.push({ loadMs: load.ms, warmMs, firstMs: m.firstMs });
    } finally {
      await browser.close();
    }
  }
  const r = { runs: WARM_UP_RUNS, idleMs: WARM_IDLE_MS, trials, firstMs: medianOf(trials.map((t) => t.firstMs)), warmMs: medianOf(trials.map((t) => t.warmMs)) };
  progress(`${tool}: first article after the warm-up (${WARM_UP_RUNS} runs, median ${r.warmMs.toFixed(0)} ms, then ${WARM_IDLE_MS} ms idle): ${trials.map((t) => t.firstMs.toFixed(1)).join(', ')} ms`);
  return r;
}

async function main() {
  const started = new Date();
  const load0 = os.loadavg();
  const meta = makeTexts();
  for (const [n, t] of Object.entries(meta)) progress(`text ${n}: ${t.bytes} bytes, ${t.words} words`);
  const natives = {}; // per Dossier build: text -> {runs, median_ms, min_ms, first_ms}

  const server = await serve(site);
  const url = `http://127.0.0.1:${server.address().port}/index.html`;
  const warmed = {};
  for (const tool of toolNames.filter((t) => t.startsWith('dossier'))) {
    try {
      warmed[tool] = await afterWarmUp(url, tool);
    } catch (e) {
      progress(`${tool}: warm-up trial failed: ${String(e.message || e).split('\n')[0]}`);
    }
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: FLAGS });
  const chromiumVersion = browser.version();
  let page;
  const openPage = async () => {
    page = await browser.newPage();
    page.on('pageerror', (e) => progress(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') progress(`console: ${m.text()}`); });
    await page.goto(url);
    await page.waitForFunction(() => window.benchReady === true);
    if (!(await page.evaluate(() => window.crossOriginIsolated))) progress('warning: the page is not cross-origin isolated: its timer ticks in 100 µs steps');
    await page.evaluate((names) => window.bench.texts(names), Object.keys(meta));
  };
  await openPage();

  const results = {};
  for (const tool of toolNames) {
    const r = (results[tool] = { cells: {}, warmUp: warmed[tool] });
    try {
      r.load = await page.evaluate((t) => window.bench.load(t), tool);
    } catch (e) {
      r.error = String(e.message || e).split('\n')[0];
      progress(`${tool}: could not load: ${r.error}`);
      await page.close().catch(() => {});
      await openPage();
      continue;
    }
    const native = tool.startsWith('dossier') ? nativeServer() : null;
    if (native) natives[tool] = {};
    let rate = null; // words per second on the last text
    let stopped = null;
    for (const name of Object.keys(meta)) {
      const { words: n } = meta[name];
      if (stopped) { r.cells[name] = { skipped: stopped }; continue; }
      const p = plan(name);
      const estimate = rate ? n / rate : 0;
      if (estimate > maxSeconds) {
        r.cells[name] = { skipped: `not run: one run would take ~${fmtInt(estimate)} s at the previous text's rate` };
        progress(`${tool} on ${name}: skipped (~${Math.round(estimate)} s estimated)`);
        continue;
      }
      try {
        const measure = (options) => page.evaluate(([t, text, o]) => window.bench.measure(t, text, o), [tool, name, options]);
        let m;
        if (native) {
          const file = meta[name].file;
          const first = p.warmups ? (await native.times(p.warmups, file))[0] : null;
          // Native and Chromium take turns, so that a change in the machine's load hits both
          // sides of the ratio alike. On the short texts the turns are blocks of BLOCK runs, and
          // Chromium's block is timed as every other tool's runs are (bench.measure: a full
          // collection before each timed run, the runs back to back in one call into the page),
          // after an untimed run; each native block starts with an untimed run too (a process
          // that has slept while the other side ran wakes on a cold core). Timing Dossier's runs
          // one by one, each in its own call after a native run, while the other tools' ran
          // back to back in one call, had made the per-tool cells unlike for unlike (session 10:
          // the article 1.47 ms against wink-nlp's 1.26, when run by run in turn, each in its own
          // call, the two took 1.61 and 1.69). The large texts alternate one run at a time.
          const block = p.warmups ? BLOCK : 1;
          const nat = [];
          const times = [];
          let firstMs = null;
          const begin = Date.now();
          const again = p.warmups ? 1 : 0;
          while (times.length < p.runs && (times.length === 0 || Date.now() - begin < p.maxSeconds * 1e3)) {
            const k = Math.min(block, p.runs - times.length);
            nat.push(...(await native.times(again + k, file)).slice(again));
            m = await measure({ warmups: times.length === 0 ? p.warmups : again, warmSeconds: times.length === 0 ? p.warmSeconds || 0 : 0, runs: k, maxSeconds: p.maxSeconds });
            if (times.length === 0) firstMs = m.firstMs;
            times.push(...m.times);
          }
          Object.assign(m, { times, median: medianOf(times), min: Math.min(...times), firstMs });
          natives[tool][name] = { runs: nat.length, median_ms: medianOf(nat), min_ms: Math.min(...nat), first_ms: first };
          progress(`native on ${name}: median ${medianOf(nat).toFixed(2)} ms of ${nat.length}`);
        } else {
          m = await measure(p);
        }
        m.wordsPerSecond = n / (m.median / 1e3);
        rate = m.wordsPerSecond;
        r.cells[name] = m;
        progress(`${tool} on ${name}: median ${m.median.toFixed(2)} ms of ${m.times.length}, ${fmtInt(rate)} words/s, found ${JSON.stringify(m.found)}`);
      } catch (e) {
        const crashed = page.isClosed() || /crash|Target closed|closed/i.test(String(e.message));
        stopped = crashed ? 'the page crashed (out of memory)' : `failed: ${String(e.message || e).split('\n')[0]}`;
        r.cells[name] = { skipped: stopped };
        progress(`${tool} on ${name}: ${stopped}`);
        await page.close().catch(() => {});
        await openPage();
      }
    }
    native?.close();
  }

  // ---- Dossier and wink-nlp run by run in turn on the short texts: the table above times each
  // tool minutes after the other, and this machine's speed can change by a third in that time;
  // here each round runs both (an untimed run, a full collection, then the timed run, as above),
  // the order swapped every round, so that the ratio compares runs made at the same moment.
  const paired = {};
  if (['dossier', 'wink'].every((t) => results[t]?.load && !results[t].error)) {
    for (const name of ['article', 'samples']) {
      const times = { dossier: [], wink: [] };
      try {
        for (let round = 0; round < PAIRED_ROUNDS; round++) {
          for (const tool of round % 2 ? ['wink', 'dossier'] : ['dossier', 'wink']) {
            const m = await page.evaluate(([t, x]) => window.bench.measure(t, x, { warmups: 1, runs: 1 }), [tool, name]);
            times[tool].push(...m.times);
          }
        }
        paired[name] = { rounds: PAIRED_ROUNDS, dossier: medianOf(times.dossier), wink: medianOf(times.wink) };
        progress(`paired on ${name}: Dossier ${paired[name].dossier.toFixed(2)} ms, wink-nlp ${paired[name].wink.toFixed(2)} ms (medians of ${PAIRED_ROUNDS} rounds)`);
      } catch (e) {
        progress(`paired on ${name}: failed: ${String(e.message || e).split('\n')[0]}`);
      }
    }
  }
  await browser.close();
  server.close();
  const load1 = os.loadavg();

  // ---- sizes of what each tool downloads
  const download = {};
  for (const tool of toolNames) {
    const files = TOOLS[tool].files.map((f) => path.join(site, f));
    download[tool] = { raw: files.reduce((s, f) => s + fs.statSync(f).size, 0), gzip: files.reduce((s, f) => s + gzipSize(f), 0) };
  }
  const wasmFile = path.join(site, 'pkg/dossier_bench_wasm_bg.wasm');
  const wasm = { raw: fs.statSync(wasmFile).size, gzip: gzipSize(wasmFile) };
  const variantFile = path.join(site, 'pkg-variant/dossier_bench_wasm_bg.wasm');
  const wasmVariant = builds['pkg-variant'] ? { raw: fs.statSync(variantFile).size, gzip: gzipSize(variantFile) } : null;

  const data = { started, load0, load1, sizes, toolNames, meta, nativeResults: natives.dossier, nativeVariant: natives['dossier-variant'], results, paired, download, wasm, wasmVariant, builds, chromiumVersion };
  fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify(data, null, 1));
  report(data);
}

// ---- the Markdown tables, from the measurements (also: `node bench/run.mjs --report` redoes
// them from target/bench-browser/results.json without measuring again).
function report({ started, load0, load1, sizes, toolNames, meta, nativeResults, nativeVariant, results, paired = {}, download, wasm, wasmVariant, builds, chromiumVersion }) {
  const how = (b) => `profile ${b.profile}, wasm-opt ${b.opt}`;
  const variant = results['dossier-variant'] && builds['pkg-variant'];
  // ---- tables
  const bigNames = sizes.map((mb) => `${mb}mb`);
  const lines = [];
  const cellRate = (c) => (c?.wordsPerSecond ? fmtInt(c.wordsPerSecond) : c?.skipped || '');
  lines.push(`| tool | work | 1,000-word article, first run after load, ms | 1,000-word article, first after the app's warm-up, ms | 1,000-word article, ms | words/s, samples | ${bigNames.map((n) => `words/s, ${n.replace('mb', ' MB')}`).join(' | ')} |`);
  lines.push(`|---|---|---:|---:|---:|---:|${bigNames.map(() => '---:').join('|')}|`);
  for (const tool of toolNames) {
    const r = results[tool];
    if (r.error) { lines.push(`| ${TOOLS[tool].label} | ${TOOLS[tool].work} | could not load: ${r.error} |`); continue; }
    const a = r.cells.article;
    lines.push(`| ${TOOLS[tool].label} | ${TOOLS[tool].work} | ${a?.firstMs != null ? a.firstMs.toFixed(1) : ''} | ${r.warmUp ? r.warmUp.firstMs.toFixed(1) : ''} | ${a?.median ? a.median.toFixed(2) : a?.skipped || ''} | ${cellRate(r.cells.samples)} | ${bigNames.map((n) => cellRate(r.cells[n])).join(' | ')} |`);
  }
  lines.push('');
  lines.push(`Texts: the ${fs.readdirSync(samplesDir).filter((f) => f.endsWith('.txt')).length} sample articles of ../shared/samples concatenated (${meta.samples.words} words, ${meta.samples.bytes} bytes); their first paragraphs up to ${meta.article.words} words as the ~1,000-word article; the samples repeated to ${sizes.map((s) => `${s} MB`).join(', ')} (${bigNames.map((n) => `${fmtInt(meta[n].words)} words`).join(', ')}), each analysed as one document. Times are medians (article: 31 runs after at least 30 warm-ups and 3 s of them; samples: 15 after at least 10 and 3 s; 1 MB and up: up to 3 runs, no new one after 120 s). First after the app's warm-up: what the app's worker does after it says it is ready (src/work.rs: ${WARM_UP_COPIES} copies of its built-in example as one document, analysed ${WARM_UP_RUNS} times, one run per task), then ${WARM_IDLE_MS} ms idle, then the article once; the median of ${WARM_TRIALS} fresh browsers.`);
  lines.push('');
  lines.push(`| tool | download, gzip | load, ms | JS heap after load, MB | ${bigNames.map((n) => `kept after ${n.replace('mb', ' MB')}, MB`).join(' | ')} |`);
  lines.push(`|---|---:|---:|---:|${bigNames.map(() => '---:').join('|')}|`);
  for (const tool of toolNames) {
    const r = results[tool];
    if (r.error) continue;
    const mem = (c) => {
      if (!c || c.skipped) return c?.skipped ? 'not run' : '';
      const js = `${fmtMB(c.retainedBytes)} JS (${fmtMB(c.uncollectedBytes)} before GC)`;
      return c.wasmBytes ? `${js} + ${fmtMB(c.wasmBytes)} wasm` : js;
    };
    lines.push(`| ${TOOLS[tool].label} | ${fmtInt(download[tool].gzip / 1024)} KB | ${r.load.ms.toFixed(0)} | ${fmtMB(r.load.heapBytes)}${r.load.wasmBytes ? ` + ${fmtMB(r.load.wasmBytes)} wasm` : ''} | ${bigNames.map((n) => mem(r.cells[n])).join(' | ')} |`);
  }
  lines.push('');
  lines.push('Memory: `performance.memory.usedJSHeapSize` (Chromium, `--enable-precise-memory-info`) after a full garbage collection with the result still referenced, minus the same reading before the run (in brackets: the same reading right after the run, before the collection, a floor for the peak); for Dossier plus the size of its wasm memory, which only grows and so is its peak over the whole session (wasm memory is not part of the JS heap). Load: fetching, compiling and setting up the tool in the page (for wink-nlp, the model).');
  lines.push('');
  lines.push(`| text | words | Dossier native, ms | Dossier in Chromium, ms | Chromium / native |${variant ? ' variant in Chromium, ms | variant / native |' : ''}`);
  lines.push(`|---|---:|---:|---:|---:|${variant ? '---:|---:|' : ''}`);
  const ratios = {};
  const ratiosVariant = {};
  for (const name of Object.keys(meta)) {
    const c = results.dossier?.cells[name];
    const o = results['dossier-variant']?.cells[name];
    const nat = nativeResults[name];
    if (c?.median && nat) ratios[name] = c.median / nat.median_ms;
    if (o?.median && nativeVariant?.[name]) ratiosVariant[name] = o.median / nativeVariant[name].median_ms;
    const ms = (x) => (x?.median ? x.median.toFixed(2) : x?.skipped ? 'not run' : '');
    const ratio = (r) => (r ? `${r.toFixed(2)}x` : '');
    lines.push(`| ${name} | ${fmtInt(meta[name].words)} | ${nat ? nat.median_ms.toFixed(2) : ''} | ${ms(c)} | ${ratio(ratios[name])} |${variant ? ` ${ms(o)} | ${ratio(ratiosVariant[name])} |` : ''}`);
  }
  lines.push('');
  lines.push(`Dossier's wasm (bench/wasm, ${how(builds.pkg)}: as index.html builds the app's worker): ${fmtInt(wasm.raw)} bytes, ${fmtInt(wasm.gzip)} bytes gzip -9${variant ? `; the variant (${how(variant)}): ${fmtInt(wasmVariant.raw)} bytes, ${fmtInt(wasmVariant.gzip)} bytes gzip -9` : ''}. Native: the same function (\`analyse_json\`) built with \`--release\`, timed by bench/wasm/examples/native.rs on the same files in turns with Chromium's (after each side's warm-ups, native then Chromium: on the article and the samples blocks of ${BLOCK} runs, each block after an untimed run of its side, Chromium's timed as every tool's are, a full collection before each run; on 1 MB and up one run each), so that both see the same load on the machine.`);
  lines.push('');

  // ---- the issue's targets
  const d = results.dossier?.cells || {};
  const rateOf = (tool, name) => results[tool]?.cells[name]?.wordsPerSecond;
  const largestShared = (tool) => [...bigNames].reverse().find((n) => rateOf('dossier', n) && rateOf(tool, n));
  const targets = [];
  const speedup = (peer, target) => {
    if (!results[peer] || !results.dossier) return;
    const names = ['article', 'samples', largestShared(peer)].filter((n) => n && rateOf('dossier', n) && rateOf(peer, n));
    const at = (tool) => names.map((x) => `${(rateOf(tool, x) / rateOf(peer, x)).toFixed(2)}x on ${x.replace('mb', ' MB')}`).join(', ');
    targets.push(`words/s, Dossier / ${TOOLS[peer].label}: ${at('dossier')} as the app builds it${variant ? `; ${at('dossier-variant')} for the variant` : ''} (target ${target})`);
  };
  speedup('wink', '>= 1x, aim 3x');
  const pairs = Object.entries(paired);
  if (pairs.length) targets.push(`Dossier / ${TOOLS.wink.label}, run by run in turn (medians of ${pairs[0][1].rounds} rounds, each an untimed run, a full collection and a timed run of each tool, the order swapped every round): ${pairs.map(([n, p]) => `${(p.wink / p.dossier).toFixed(2)}x on ${n} (${p.dossier.toFixed(2)} ms against ${p.wink.toFixed(2)})`).join(', ')} (target >= 1x)`);
  speedup('compromise', '>= 30x');
  if (d.article?.median) targets.push(`one ${meta.article.words}-word article: ${d.article.median.toFixed(2)} ms once warm, ${d.article.firstMs.toFixed(1)} ms for the first one after load (native: ${nativeResults.article.median_ms.toFixed(2)} ms warm, ${nativeResults.article.first_ms.toFixed(2)} ms first)${results.dossier.warmUp ? `; ${results.dossier.warmUp.firstMs.toFixed(1)} ms for the first one after the app worker's warm-up (median of ${results.dossier.warmUp.trials.length} fresh browsers: ${results.dossier.warmUp.trials.map((t) => t.firstMs.toFixed(1)).join(', ')}; ${results.dossier.warmUp.runs} runs of ${WARM_UP_COPIES} copies of the built-in example, ${results.dossier.warmUp.warmMs.toFixed(0)} ms in all, then ${results.dossier.warmUp.idleMs} ms idle)` : ''} (target < 20 ms)`);
  for (const n of ['article', ...bigNames]) {
    if (ratios[n]) targets.push(`Chromium / native, ${n.replace('mb', ' MB')}: ${ratios[n].toFixed(2)}x as the app builds it${ratiosVariant[n] ? `, ${ratiosVariant[n].toFixed(2)}x for the variant` : ''} (target <= 1.5x)`);
  }
  targets.push(`Dossier's wasm: ${fmtInt(wasm.gzip / 1024)} KB gzip (target for wasm plus models: <= 1,024 KB)`);
  lines.push('Against the targets of issue 8:');
  lines.push('');
  for (const t of targets) lines.push(`- ${t}`);
  lines.push('');
  const cpu = os.cpus();
  lines.push(`Machine: ${cpu[0]?.model || 'unknown CPU'}, ${cpu.length} cores, ${fmtInt(os.totalmem() / 2 ** 30)} GiB; ${os.type()} ${os.release()}; Chromium ${chromiumVersion} headless (playwright-core); Node ${process.version}. Load average ${load0.map((l) => l.toFixed(1)).join(' ')} at the start, ${load1.map((l) => l.toFixed(1)).join(' ')} at the end. Run ${new Date(started).toISOString().slice(0, 16).replace('T', ' ')} UTC.`);

  const md = lines.join('\n') + '\n';
  process.stdout.write(md);
  fs.writeFileSync(path.join(out, 'results.md'), md);
}

const run = process.argv.includes('--report')
  ? async () => report(JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')))
  : main;
run().catch((e) => {
  progress(e.stack || String(e));
  process.exit(1);
});
