// The browser benchmark's page code: loads each tool on request and times it on the texts the
// runner (bench/run.mjs) serves from texts/. The runner drives it through `window.bench`; every
// file is fetched from the same local server, nothing from the network.
//
// Each tool is given comparable work and its result is kept until the memory reading:
// - dossier: the whole analysis as the app's worker does it (decode, entities, figures,
//   resolution, summary, quotes) and the version-1 contract JSON (bench/wasm), built as the app
//   builds its worker; dossier-variant is the same code built another way (BENCH_VARIANT).
// - compromise: compromise + compromise-dates: people, places, organizations; money,
//   percentages, numbers (with values); dates (resolved start and end).
// - wink: wink-nlp's entity pass with the lite web model: tokens, sentences and entities
//   (pipe ['sbd', 'ner']), entities read out with their details.
// - wink-full: the same with wink-nlp's default pipe (sbd, negation, sentiment, pos, ner, cer).

const log = (line) => {
  document.getElementById('log').textContent += line + '\n';
};

const heap = () => (performance.memory ? performance.memory.usedJSHeapSize : NaN);
const collect = () => {
  if (typeof globalThis.gc === 'function') globalThis.gc();
};

// Dossier's wasm as built in DIR (pkg: as the app ships its worker; pkg-variant: BENCH_VARIANT):
// each glue module is its own instance with its own memory.
const dossier = (dir) => ({
  async load() {
    const glue = await import(`./${dir}/dossier_bench_wasm.js`);
    const wasm = await glue.default({ module_or_path: new URL(`${dir}/dossier_bench_wasm_bg.wasm`, import.meta.url) });
    this.analyse = glue.analyse_json;
    this.glue = glue;
    this.memory = wasm.memory;
  },
  run(text) {
    return this.analyse(text);
  },
  wasmBytes() {
    return this.memory.buffer.byteLength;
  },
  found(json) {
    const doc = JSON.parse(json).documents[0];
    if (doc.error) throw new Error(`dossier: ${doc.error}`);
    return { entities: doc.entities.length, figures: doc.figures.length, sentences: doc.sentences.length };
  },
});

const tools = {
  dossier: dossier('pkg'),
  'dossier-variant': dossier('pkg-variant'),
  compromise: {
    async load() {
      this.nlp = (await import('./compromise.js')).default;
    },
    run(text) {
      const doc = this.nlp(text);
      return {
        people: doc.people().out('array'),
        places: doc.places().out('array'),
        organizations: doc.organizations().out('array'),
        money: doc.money().json(),
        percentages: doc.percentages().json(),
        numbers: doc.numbers().get(),
        dates: doc.dates().get(),
      };
    },
    found: (r) => ({
      names: r.people.length + r.places.length + r.organizations.length,
      figures: r.money.length + r.percentages.length + r.numbers.length,
      dates: r.dates.length,
    }),
  },
  wink: {
    pipe: ['sbd', 'ner'],
    async load() {
      const { winkNLP, model } = await import('./wink.js');
      this.nlp = winkNLP(model, this.pipe);
    },
    run(text) {
      const doc = this.nlp.readDoc(text);
      return { doc, entities: doc.entities().out(this.nlp.its.detail) };
    },
    found: (r) => ({ entities: r.entities.length, sentences: r.doc.sentences().length() }),
  },
};
tools['wink-full'] = { ...tools.wink, pipe: undefined };

const texts = {};
const loaded = {};

window.bench = {
  /**
   * The app worker's warm-up (src/bin/dossier-worker.rs): `runs` analyses of `copies` copies of
   * the app's built-in example as one document, each in its own task (setTimeout 0), as the worker runs them after saying it is
   * ready; then `idleMs` of nothing (the reader choosing a file, while Chromium optimises in the
   * background). Returns the milliseconds the runs took (the first also decodes the tagger model).
   */
  async warmUp(name, runs, copies, idleMs) {
    const tool = tools[name];
    let ms = 0;
    for (let i = 0; i < runs; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      const start = performance.now();
      tool.glue.warm_up(copies);
      ms += performance.now() - start;
    }
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    return ms;
  },

  /** Fetches the named texts (texts/NAME.txt) once; returns their lengths in UTF-16 units. */
  async texts(names) {
    for (const name of names) {
      if (!(name in texts)) texts[name] = await (await fetch(`texts/${name}.txt`)).text();
    }
    return Object.fromEntries(names.map((n) => [n, texts[n].length]));
  },

  /** Loads a tool: milliseconds to fetch, compile and set it up, and the JS heap it keeps. */
  async load(name) {
    collect();
    const before = heap();
    const start = performance.now();
    await tools[name].load();
    const ms = performance.now() - start;
    loaded[name] = true;
    collect();
    log(`${name}: loaded in ${ms.toFixed(0)} ms`);
    return { ms, heapBytes: heap() - before, wasmBytes: tools[name].wasmBytes?.() ?? null };
  },

  /**
   * Times `name` on text `textName`: `warmups` runs, more while `warmSeconds` have not passed
   * (so that the engine's optimising compiler has caught up: V8 optimises a function in the
   * background once it has run enough, which for code run once per short document takes a
   * hundred documents or more on a busy machine; the first warm-up's time is returned as
   * `firstMs`), then up to `runs` timed runs
   * (at least one; no more once `maxSeconds` have passed). A full garbage collection precedes
   * each timed run, outside the timing. The last result is kept for the memory reading: the JS
   * heap it holds after a collection (`retainedBytes`), and for wasm the size of its memory,
   * which only grows and so is its peak.
   */
  measure(name, textName, { warmups = 0, warmSeconds = 0, runs = 1, maxSeconds = Infinity } = {}) {
    const tool = tools[name];
    const text = texts[textName];
    let firstMs = null; // the first warm-up: cold code when it is the tool's first text
    const warmStart = performance.now();
    for (let i = 0; i < warmups || (warmups > 0 && performance.now() - warmStart < warmSeconds * 1e3); i++) {
      const start = performance.now();
      tool.run(text);
      if (i === 0) firstMs = performance.now() - start;
    }
    let result = null;
    collect();
    const before = heap();
    const times = [];
    const begin = performance.now();
    while (times.length < runs && (times.length === 0 || performance.now() - begin < maxSeconds * 1e3)) {
      result = null;
      collect();
      const start = performance.now();
      result = tool.run(text);
      times.push(performance.now() - start);
    }
    const uncollectedBytes = heap() - before; // the last run's garbage not yet collected: a floor for the peak
    collect();
    const retainedBytes = heap() - before;
    const found = tool.found(result);
    result = null;
    collect();
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]
      : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    log(`${name} on ${textName}: median ${median.toFixed(2)} ms of ${times.length}`);
    return { times, median, min: sorted[0], firstMs, retainedBytes, uncollectedBytes, wasmBytes: tool.wasmBytes?.() ?? null, found };
  },
};

window.benchReady = true;
log('ready');
