// The test server itself (lib/server.js), on a small folder made here: if it served the wrong
// thing, every browser test built on it would be measuring the server, not the site.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { startServer } from "./lib/server.js";

const dir = mkdtempSync(path.join(tmpdir(), "handbook-server-test-"));
const files = {
  "index.html": "<h1>home</h1>",
  "404.html": "<h1>not found</h1>",
  "a/index.html": "<h1>a</h1>",
  "assets/style.css": "body{}",
  "assets/app.js": "1",
  "favicon.svg": "<svg/>",
  "empty/.keep": "",
  ".secret": "no",
};
for (const [rel, body] of Object.entries(files)) {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), body);
}
after(() => rmSync(dir, { recursive: true, force: true }));

/** The status of a GET whose path is sent exactly as given. */
function rawStatus(port, rawPath) {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: rawPath, method: "GET" }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on("error", reject);
    req.end();
  });
}

for (const prefix of ["/", "/handbook/"]) {
  describe(`static server at ${prefix}`, () => {
    let server;
    before(async () => (server = await startServer(dir, prefix)));
    after(() => server.close());
    const get = (p, init = {}) => fetch(`${server.origin}${p}`, { redirect: "manual", ...init });

    test("listens on 127.0.0.1", () => assert.match(server.base, new RegExp(`^http://127\\.0\\.0\\.1:\\d+${prefix}$`)));

    test("serves index.html for folders, with content types", async () => {
      for (const [p, type, body] of [
        [prefix, "text/html", "<h1>home</h1>"],
        [`${prefix}a/`, "text/html", "<h1>a</h1>"],
        [`${prefix}assets/style.css`, "text/css", "body{}"],
        [`${prefix}assets/app.js`, "text/javascript", "1"],
        [`${prefix}favicon.svg`, "image/svg+xml", "<svg/>"],
      ]) {
        const res = await get(p);
        assert.equal(res.status, 200, p);
        assert.ok(res.headers.get("content-type").startsWith(type), `${p}: ${res.headers.get("content-type")}`);
        assert.equal(await res.text(), body, p);
      }
    });

    test("redirects a folder without its slash", async () => {
      const res = await get(`${prefix}a?x=1`);
      assert.equal(res.status, 301);
      assert.equal(res.headers.get("location"), `${prefix}a/?x=1`);
      if (prefix !== "/") {
        const top = await get(prefix.slice(0, -1));
        assert.equal(top.status, 301);
        assert.equal(top.headers.get("location"), prefix);
      }
    });

    test("serves <prefix>404.html with status 404 for misses, dotfiles and index-less folders", async () => {
      for (const p of [`${prefix}missing`, `${prefix}a/b/c/missing/`, `${prefix}.secret`, `${prefix}empty/`]) {
        const res = await get(p);
        assert.equal(res.status, 404, p);
        assert.equal(await res.text(), "<h1>not found</h1>", p);
        assert.ok(res.headers.get("content-type").startsWith("text/html"), p);
      }
    });

    test("rejects traversal and encoded separators", async () => {
      // Sent byte for byte: fetch() would resolve the dot segments before sending.
      for (const p of [`${prefix}../etc/passwd`, `${prefix}%2e%2e/%2e%2e/etc/passwd`, `${prefix}a%2findex.html`, `${prefix}a%5cindex.html`, `${prefix}%00`]) {
        assert.equal(await rawStatus(server.port, p), 400, p);
      }
    });

    test("answers HEAD without a body and refuses other methods", async () => {
      const head = await get(prefix, { method: "HEAD" });
      assert.equal(head.status, 200);
      assert.equal(await head.text(), "");
      assert.equal((await get(prefix, { method: "POST" })).status, 405);
    });

    if (prefix !== "/") {
      test("serves nothing outside the prefix", async () => {
        for (const p of ["/", "/index.html", "/a/", "/favicon.svg"]) {
          const res = await get(p);
          assert.equal(res.status, 404, p);
          assert.ok(res.headers.get("content-type").startsWith("text/plain"), p);
        }
      });
    }
  });
}
