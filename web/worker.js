// Starts the analysis worker: loads trunk's no-modules wasm-bindgen build of `dossier-worker`.
// A failure to start is rethrown outside the promise, so that the page hears it as the worker's
// `error` event (and tells the reader) instead of waiting for an answer that never comes.
importScripts('./dossier-worker.js');
wasm_bindgen({ module_or_path: './dossier-worker_bg.wasm' }).catch((e) => {
  setTimeout(() => {
    throw e;
  });
});
