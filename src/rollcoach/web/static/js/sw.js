// rollcoach service worker (served at /sw.js, scope /): keeps the guided session usable offline.
// Session pages: network first, else the last copy. Static assets: cache first. Never POSTs or /api/.
// The server fills in VERSION and ASSETS (pages/pwa.py): the assets' addresses carry a digest of
// their content, so a new release means a new worker, a new cache and no stale files.
const VERSION = "%VERSION%";
const CACHE = `rollcoach-player-${VERSION}`;
const SESSION_KEY = "/session";
const ASSETS = ["%ASSETS%"];

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    try { await cache.addAll(ASSETS); } catch {
      await Promise.all(ASSETS.map((url) => cache.add(url).catch(() => {}))); // keep the ones that exist
    }
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith("rollcoach-") && n !== CACHE).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (req.mode === "navigate" && url.pathname.startsWith("/session")) event.respondWith(sessionPage(req));
  else if (url.pathname.startsWith("/static/")) event.respondWith(asset(req));
});

const usable = (res) => res && res.ok && res.type === "basic" && !res.redirected;

async function sessionPage(req) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(req);
    if (usable(res)) {
      await Promise.all([cache.put(req.url, res.clone()), cache.put(SESSION_KEY, res.clone())]);
    }
    return res;
  } catch (err) {
    const hit = (await cache.match(req.url)) || (await cache.match(SESSION_KEY));
    if (hit) return hit;
    return new Response(
      '<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
      "<title>Offline · rollcoach</title><main style=\"font:1.1rem system-ui;max-width:30rem;margin:2rem auto;padding:1rem\">" +
      "<h1>You are offline</h1><p>Open a guided session once while online and it will work here without a connection.</p></main>",
      { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } },
    );
  }
}

async function asset(req) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(req);
  if (hit) return hit;
  try {
    const res = await fetch(req);
    if (usable(res)) await cache.put(req, res.clone());
    return res;
  } catch (err) {
    const near = await cache.match(req, { ignoreSearch: true }); // same file, other version query
    if (near) return near;
    throw err;
  }
}
