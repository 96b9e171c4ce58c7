// A tiny static file server for the browser tests: serves one built folder on 127.0.0.1 (a free
// port) at `/` or under a prefix such as `/handbook/`, the way GitHub Pages or nginx with
// `error_page 404 /404.html` would. It knows nothing about the handbook beyond that convention.
//
// Behaviour, matching common static hosts:
// - `/dir` redirects (301) to `/dir/`, and `/dir/` serves `dir/index.html`;
// - a miss inside the prefix serves `<prefix>404.html` with status 404 (plain text if the folder
//   has no 404.html); a path outside the prefix gets a plain 404, as a host root with nothing
//   else on it would;
// - dotfiles are misses, and `..`, encoded separators, backslashes and NUL get 400;
// - GET and HEAD only; every response says `Cache-Control: no-store`, so each visit refetches.

import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".atom": "application/atom+xml; charset=utf-8",
  ".rss": "application/rss+xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
  ".wasm": "application/wasm",
};

/** Content type for a file name; unknown extensions are served as bytes. */
export function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

/** Normalises a mount prefix to the form `/` or `/a/b/`. */
export function normalizePrefix(prefix = "/") {
  const trimmed = prefix.replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "/" : `/${trimmed}/`;
}

/**
 * Starts serving `dir` under `prefix`. Resolves to
 * `{ origin, base, prefix, port, url(rel), requests, close() }` where `base` is the site's root URL
 * (`http://127.0.0.1:PORT/handbook/`), `url(rel)` resolves a site-relative path against it and
 * `requests` logs `{ method, path, status }` of every request served.
 */
export async function startServer(dir, prefix = "/") {
  const root = path.resolve(dir);
  const mount = normalizePrefix(prefix);
  const requests = [];

  const server = createServer((req, res) => {
    handle(root, mount, req, res)
      .catch((err) => {
        if (res.headersSent) return res.destroy(err);
        return send(res, req, 500, "text/plain; charset=utf-8", `500 ${err.message}\n`);
      })
      .finally(() => requests.push({ method: req.method, path: req.url, status: res.statusCode }));
  });
  // Keep-alive sockets would otherwise hold close() open until they time out.
  server.keepAliveTimeout = 1000;

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  const base = `${origin}${mount}`;
  return {
    origin,
    base,
    prefix: mount,
    port,
    requests,
    url: (rel = "") => new URL(rel.replace(/^\/+/, ""), base).href,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}

async function handle(root, mount, req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("Allow", "GET, HEAD");
    return send(res, req, 405, "text/plain; charset=utf-8", "405 method not allowed\n");
  }
  // Not `new URL(req.url)`: it would resolve `..` and `%2e%2e` before we could refuse them.
  const queryAt = req.url.indexOf("?");
  const rawPath = queryAt === -1 ? req.url : req.url.slice(0, queryAt);
  const search = queryAt === -1 ? "" : req.url.slice(queryAt);
  if (!rawPath.startsWith("/")) return send(res, req, 400, "text/plain; charset=utf-8", "400 bad path\n");
  if (/%2f|%5c|%00/i.test(rawPath) || rawPath.includes("\\")) {
    return send(res, req, 400, "text/plain; charset=utf-8", "400 bad path\n");
  }
  let decoded;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return send(res, req, 400, "text/plain; charset=utf-8", "400 bad path\n");
  }
  const segments = decoded.split("/");
  if (decoded.includes("\0") || segments.some((s) => s === "..")) {
    return send(res, req, 400, "text/plain; charset=utf-8", "400 bad path\n");
  }

  // The prefix itself without its slash redirects, like any other folder.
  if (mount !== "/" && decoded === mount.slice(0, -1)) {
    return redirect(res, req, `${rawPath}/${search}`);
  }
  if (!decoded.startsWith(mount)) {
    return send(res, req, 404, "text/plain; charset=utf-8", `404 nothing is served outside ${mount}\n`);
  }

  const rel = decoded.slice(mount.length);
  if (rel.split("/").some((s) => s.startsWith("."))) return notFound(root, req, res);
  const file = path.join(root, rel);
  if (file !== root && !file.startsWith(root + path.sep)) {
    return send(res, req, 400, "text/plain; charset=utf-8", "400 bad path\n");
  }

  const info = await statOrNull(file);
  if (info?.isDirectory()) {
    if (!rawPath.endsWith("/")) return redirect(res, req, `${rawPath}/${search}`);
    const index = path.join(file, "index.html");
    const indexInfo = await statOrNull(index);
    if (indexInfo?.isFile()) return sendFile(res, req, 200, index, indexInfo.size);
    return notFound(root, req, res);
  }
  if (info?.isFile()) return sendFile(res, req, 200, file, info.size);
  return notFound(root, req, res);
}

async function notFound(root, req, res) {
  const page = path.join(root, "404.html");
  const info = await statOrNull(page);
  if (info?.isFile()) return sendFile(res, req, 404, page, info.size);
  return send(res, req, 404, "text/plain; charset=utf-8", "404 not found (the site has no 404.html)\n");
}

function redirect(res, req, location) {
  res.setHeader("Location", location);
  return send(res, req, 301, "text/plain; charset=utf-8", `301 see ${location}\n`);
}

function send(res, req, status, type, body) {
  res.writeHead(status, {
    "Content-Type": type,
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

function sendFile(res, req, status, file, size) {
  res.writeHead(status, {
    "Content-Type": contentType(file),
    "Content-Length": size,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  if (req.method === "HEAD") return res.end();
  return new Promise((resolve, reject) => {
    const stream = createReadStream(file);
    stream.on("error", reject);
    stream.on("end", resolve);
    stream.pipe(res);
  });
}

async function statOrNull(file) {
  try {
    return await stat(file);
  } catch (err) {
    if (err.code === "ENOENT" || err.code === "ENOTDIR") return null;
    throw err;
  }
}
