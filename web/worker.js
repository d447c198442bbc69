// Starts the analysis worker: loads trunk's no-modules wasm-bindgen build of `dossier-worker`.
importScripts('./dossier-worker.js');
wasm_bindgen({ module_or_path: './dossier-worker_bg.wasm' });
