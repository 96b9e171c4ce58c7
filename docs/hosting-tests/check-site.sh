#!/usr/bin/env bash
# Checks a handbook served over HTTP against the folder it was built into.
#
#   check-site.sh ORIGIN PREFIX DIR
#     ORIGIN  e.g. http://127.0.0.1:18080
#     PREFIX  "" for a site at the domain root, "/handbook" for one under /handbook/
#     DIR     the output folder being served (to compare bodies with)
#
# Needs curl, cmp and wget. Prints one line per check and "N passed, N failed"; exits 1 if
# anything failed. Used by serve-and-check.sh; see docs/hosting.md.
O=$1; P=$2; D=$3; fails=0; passes=0
ok()   { passes=$((passes+1)); echo "  ok   $*"; }
bad()  { fails=$((fails+1));  echo "  FAIL $*"; }
hdr()  { curl -s -o /dev/null -D - "$1" | tr -d '\r' | grep -i "^$2:" | head -1 | cut -d' ' -f2-; }
code() { curl -s -o /dev/null -w '%{http_code}' "$1"; }
expect_code() { local c; c=$(code "$1"); [ "$c" = "$2" ] && ok "$1 -> $c" || bad "$1 -> $c (want $2)"; }
expect_hdr()  {  # URL HEADER GLOB
  local v; v=$(hdr "$1" "$2")
  # shellcheck disable=SC2254  # $3 is a glob on purpose
  case "$v" in $3) ok "$1 $2: $v";; *) bad "$1 $2: '$v' (want $3)";; esac
}
same_body()   { curl -s "$O$P$1" | cmp -s - "$D/$2" && ok "$P$1 body = $2" || bad "$P$1 body is not $2"; }

echo "== $O$P/"
# Pages: folders are served from their index.html, as HTML, revalidated on every visit.
expect_code "$O$P/" 200
expect_hdr  "$O$P/" Content-Type 'text/html*'
expect_hdr  "$O$P/" Cache-Control 'no-cache'
same_body   / index.html
expect_code "$O$P/acts/share-the-credit/" 200
expect_hdr  "$O$P/acts/share-the-credit/" Cache-Control 'no-cache'
same_body   /acts/share-the-credit/ acts/share-the-credit/index.html
# A folder without its trailing slash is redirected to it (the relative links need the slash).
for f in acts acts/share-the-credit; do
  expect_code "$O$P/$f" 301
  expect_hdr  "$O$P/$f" Location "*$P/$f/"
done
# Theme files: right content types, kept for a day.
expect_code "$O$P/assets/style.css" 200
expect_hdr  "$O$P/assets/style.css" Content-Type 'text/css*'
expect_hdr  "$O$P/assets/style.css" Cache-Control 'public, max-age=86400'
expect_hdr  "$O$P/assets/theme.js" Content-Type '*javascript*'
expect_hdr  "$O$P/favicon.svg" Content-Type 'image/svg+xml*'
expect_hdr  "$O$P/favicon.svg" Cache-Control 'public, max-age=86400'
# The search index changes with the content: revalidated like the pages.
if [ -f "$D/search/index.js" ]; then
  expect_code "$O$P/search/index.js" 200
  expect_hdr  "$O$P/search/index.js" Content-Type '*javascript*'
  expect_hdr  "$O$P/search/index.js" Cache-Control 'no-cache'
  expect_hdr  "$O$P/assets/search.js" Cache-Control 'public, max-age=86400'
fi
# Sitemap and feeds (written only when base_url is set): XML, revalidated like the pages.
for x in sitemap.xml examples/atom.xml; do
  if [ -f "$D/$x" ]; then
    expect_hdr "$O$P/$x" Content-Type '*xml*'
    expect_hdr "$O$P/$x" Cache-Control 'no-cache'
  fi
done
v=$(curl -s -H 'Accept-Encoding: gzip' -o /dev/null -D - "$O$P/assets/style.css" | tr -d '\r' | grep -i '^content-encoding' | cut -d' ' -f2)
echo "  info style.css Content-Encoding when gzip is accepted: ${v:-none}"
# Missing URLs: status 404 with the handbook's own 404.html as the body.
for miss in /no-such-page /no/such/page/ /acts/no-such-act/ /assets/missing.css; do
  expect_code "$O$P$miss" 404
  same_body   "$miss" 404.html
done
home=$(grep -o 'class="brand" href="[^"]*"' "$D/404.html" | cut -d'"' -f4)
[ "$home" = "$P/" ] && ok "404.html home link = $home" || bad "404.html home link = $home (want $P/)"
[ "$(grep -c 'href="[^"]*assets/style.css"' "$D/404.html")" = 0 ] && ok "404.html inlines its CSS" || bad "404.html links a stylesheet"
broken=0
for u in $(grep -o '\(href\|src\)="/[^"#]*"' "$D/404.html" | cut -d'"' -f2 | sort -u); do
  c=$(code "$O$u"); [ "$c" = 200 ] || { bad "404 page link $u -> $c"; broken=1; }
done
[ $broken = 0 ] && ok "every absolute link of 404.html answers 200"
# Crawl everything reachable from the home page through the relative links.
log=$(mktemp); spider=$(mktemp -d)
wget -r -l inf -np --spider -e robots=off -P "$spider" -o "$log" "$O$P/"
n=$(grep -o 'Downloaded: [0-9]* files' "$log" | cut -d' ' -f2)
if grep -q 'Found no broken links' "$log"; then ok "crawl of $P/ ($n files) through relative links: no broken link"
else bad "crawl of $P/: broken links"; grep -A8 'broken link' "$log"; fi
rm -rf "$log" "$spider"
echo "  => $passes passed, $fails failed"
[ $fails = 0 ]
