#!/usr/bin/env bash
# Serves freshly built copies of the handbook with docs/nginx.conf.example,
# docs/apache.conf.example and docs/apache.htaccess.example (root and /handbook/ cases, on
# 127.0.0.1 ports 18080-18081 and 18090-18093), checks each with check-site.sh, then stops
# the servers. See "How these instructions were tested" in docs/hosting.md.
#
#   docs/hosting-tests/serve-and-check.sh [HANDBOOK_BINARY]
#
# Run from the repository root, as root (Apache switches to www-data), on Debian/Ubuntu with
# `apt-get install -y nginx apache2 curl wget`. HANDBOOK_BINARY defaults to
# target/release/handbook (`cargo build --release` first). Work files go to
# $HOSTING_TEST_DIR (default /tmp/handbook-hosting-test). Touches no system configuration:
# both servers run in the foreground from private config files.
set -eu -o pipefail; trap 'echo "setup failed at line $LINENO"' ERR
REPO=$(pwd); HB=$(realpath "${1:-target/release/handbook}")
DOCS=$(cd "$(dirname "$0")/.." && pwd); CHECK="$DOCS/hosting-tests/check-site.sh"
T=${HOSTING_TEST_DIR:-/tmp/handbook-hosting-test}
rm -rf $T/www $T/nginx $T/apache; mkdir -p $T/www/site $T/www/ht-site $T/nginx/tmp $T/apache $T/logs
echo '<!doctype html><title>other site</title><p>The rest of www.example.org' > $T/www/site/index.html
cp $T/www/site/index.html $T/www/ht-site/index.html
build() { (cd "$REPO" && "$HB" build --output "$1" --base-url "$2" | tail -1); }
build $T/www/ng-root            http://127.0.0.1:18080/
build $T/www/ng-sub             http://127.0.0.1:18081/handbook/
build $T/www/ap-root            http://127.0.0.1:18090/
build $T/www/ap-sub             http://127.0.0.1:18091/handbook/
build $T/www/ht-root            http://127.0.0.1:18092/
build $T/www/ht-site/handbook   http://127.0.0.1:18093/handbook/

# nginx: docs/nginx.conf.example, server A on 18080, server B on 18081
awk -v T=$T '
  /^server \{/ { n++ }
  /listen 80;/ { sub(/listen 80;/, "listen 127.0.0.1:" (n==1 ? 18080 : 18081) ";") }
  n==1 { sub(/root \/var\/www\/handbook;/, "root " T "/www/ng-root;") }
  n==2 { sub(/root \/var\/www\/example.org;/, "root " T "/www/site;"); sub(/alias \/var\/www\/handbook\/;/, "alias " T "/www/ng-sub/;") }
  { print }' $DOCS/nginx.conf.example > $T/nginx/site.conf
cat > $T/nginx/nginx.conf <<NGX
worker_processes 1;
pid $T/nginx/nginx.pid;
error_log $T/nginx/error.log;
events {}
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $T/nginx/access.log;
    client_body_temp_path $T/nginx/tmp/body;
    proxy_temp_path $T/nginx/tmp/proxy;
    fastcgi_temp_path $T/nginx/tmp/fastcgi;
    uwsgi_temp_path $T/nginx/tmp/uwsgi;
    scgi_temp_path $T/nginx/tmp/scgi;
    include $T/nginx/site.conf;
}
NGX

# Apache: docs/apache.conf.example, vhost A on 18090, vhost B on 18091; the .htaccess example
# at a domain root (18092) and, with its subpath ErrorDocument line, under /handbook/ (18093)
awk -v T=$T '
  /^<VirtualHost \*:80>/ { n++; sub(/\*:80/, "127.0.0.1:" (n==1 ? 18090 : 18091)) }
  n==1 { gsub(/\/var\/www\/handbook/, T "/www/ap-root") }
  n==2 { gsub(/\/var\/www\/example.org/, T "/www/site"); gsub(/\/var\/www\/handbook/, T "/www/ap-sub") }
  { print }' $DOCS/apache.conf.example > $T/apache/site.conf
cp $DOCS/apache.htaccess.example $T/www/ht-root/.htaccess
sed -e 's|^ErrorDocument 404 /404.html|# (root line removed)|' \
    -e 's|^# ErrorDocument 404 /handbook/404.html|ErrorDocument 404 /handbook/404.html|' \
    $DOCS/apache.htaccess.example > $T/www/ht-site/handbook/.htaccess
M=/usr/lib/apache2/modules
cat > $T/apache/httpd.conf <<APA
ServerRoot /etc/apache2
DefaultRuntimeDir $T/apache
PidFile $T/apache/httpd.pid
Mutex file:$T/apache default
ErrorLog $T/apache/error.log
LogLevel warn
User www-data
Group www-data
ServerName 127.0.0.1
LoadModule mpm_event_module $M/mod_mpm_event.so
LoadModule authz_core_module $M/mod_authz_core.so
LoadModule authz_host_module $M/mod_authz_host.so
LoadModule dir_module $M/mod_dir.so
LoadModule autoindex_module $M/mod_autoindex.so
LoadModule mime_module $M/mod_mime.so
LoadModule alias_module $M/mod_alias.so
LoadModule headers_module $M/mod_headers.so
TypesConfig /etc/mime.types
AccessFileName .htaccess
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<FilesMatch "^\.ht">
    Require all denied
</FilesMatch>
# as Debian's apache2.conf does for /var/www/
<Directory $T/www/site>
    Require all granted
</Directory>
Listen 127.0.0.1:18090
Listen 127.0.0.1:18091
Listen 127.0.0.1:18092
Listen 127.0.0.1:18093
Include $T/apache/site.conf
<VirtualHost 127.0.0.1:18092>
    DocumentRoot $T/www/ht-root
    <Directory $T/www/ht-root>
        Require all granted
        Options Indexes FollowSymLinks
        AllowOverride FileInfo Indexes
    </Directory>
</VirtualHost>
<VirtualHost 127.0.0.1:18093>
    DocumentRoot $T/www/ht-site
    <Directory $T/www/ht-site>
        Require all granted
        Options Indexes FollowSymLinks
        AllowOverride FileInfo Indexes
    </Directory>
</VirtualHost>
APA

set +e; trap - ERR
nginx -t -q -p $T/nginx -c $T/nginx/nginx.conf || exit 1
apache2 -t -f $T/apache/httpd.conf || exit 1
nginx -p $T/nginx -c $T/nginx/nginx.conf -g 'daemon off;' > $T/nginx/stdout.log 2>&1 & NGINX=$!
apache2 -f $T/apache/httpd.conf -DFOREGROUND > $T/apache/stdout.log 2>&1 & APACHE=$!
sleep 2
rc=0
c() { bash "$CHECK" "$@" > $T/logs/$4.txt 2>&1 || rc=1; printf '%-16s %s\n' "$4" "$(grep '=>' $T/logs/$4.txt)"; }
c http://127.0.0.1:18080 ""          $T/www/ng-root            nginx-root
c http://127.0.0.1:18081 /handbook   $T/www/ng-sub             nginx-sub
c http://127.0.0.1:18090 ""          $T/www/ap-root            apache-root
c http://127.0.0.1:18091 /handbook   $T/www/ap-sub             apache-sub
c http://127.0.0.1:18092 ""          $T/www/ht-root            htaccess-root
c http://127.0.0.1:18093 /handbook   $T/www/ht-site/handbook   htaccess-sub
# Subpath hosts: "/handbook" redirects, the rest of the site keeps its own pages and 404s.
for p in 18081 18091 18093; do
  for u in /handbook / /elsewhere-missing; do
    printf '%s %-20s %s | %s\n' $p "$u" "$(curl -s -o /dev/null -D - http://127.0.0.1:$p$u | tr -d '\r' | grep -iE '^(HTTP|location)' | tr '\n' ' ')" "$(curl -s http://127.0.0.1:$p$u | grep -o '<title>[^<]*</title>')"
  done
done > $T/logs/subpath-extra.txt
# Cache-Control sent with a 404 for a missing theme file (should not be cached for a day)
for p in 18080 18090 18092; do printf '%s /assets/missing.css: %s\n' $p "$(curl -s -o /dev/null -D - http://127.0.0.1:$p/assets/missing.css | tr -d '\r' | grep -iE '^(HTTP|cache-control)' | tr '\n' ' ')"; done >> $T/logs/subpath-extra.txt
cat $T/logs/subpath-extra.txt
kill -TERM $NGINX $APACHE; wait $NGINX $APACHE 2>/dev/null
exit $rc
