// Starts Dossier: loads the wasm-bindgen module that trunk names in this script tag's data
// attributes (an external script, so the page's Content-Security-Policy needs no inline code),
// then registers the service worker that makes the page work offline after the first visit.
const tag = document.querySelector('script[data-js][data-wasm]');
const start = async () => {
  const bindings = await import(tag.dataset.js);
  await bindings.default({ module_or_path: tag.dataset.wasm });
};
const offline = async () => {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) {
    document.body.dataset.sw = 'none';
    return;
  }
  try {
    await navigator.serviceWorker.register('./sw.js');
    await navigator.serviceWorker.ready;
    document.body.dataset.sw = 'ready';
  } catch (e) {
    document.body.dataset.sw = 'failed';
    console.warn('Dossier: offline use is not available here:', e);
  }
};
start().then(offline, (e) => {
  document.body.textContent = 'Dossier could not start in this browser: ' + e;
});
