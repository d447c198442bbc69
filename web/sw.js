// Dossier's service worker: caches the built files on install and serves them from the cache, so
// that the page opens and works offline after the first visit. The build writes VERSION (a hash
// of the built files) and FILES; a new build changes this file, the browser installs the new
// worker in the background when the page is opened, and the next visit (or reload) uses the new
// version. The open page has loaded everything it needs by then, so it is not disturbed.
const VERSION = '__DOSSIER_VERSION__';
const FILES = ['./' /* __DOSSIER_FILES__ */];
const CACHE = 'dossier-' + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) =>
      Promise.all(keys.filter((k) => k.startsWith('dossier-') && k !== CACHE).map((k) => caches.delete(k))),
    ).then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request)),
    ),
  );
});
