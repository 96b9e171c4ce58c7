#!/usr/bin/env bash
# Runs the S3 commands of docs/hosting.md against moto, a local imitation of the S3 API (not
# against AWS), and shows what each object got: content type, Cache-Control, and which stale
# objects --delete removed. It does not test S3's website endpoint (index documents, the
# trailing-slash redirect, the error document): moto does not serve one.
#
#   python3 -m venv /tmp/s3venv && /tmp/s3venv/bin/pip install awscli 'moto[server]'
#   VENV=/tmp/s3venv docs/hosting-tests/s3-sync-moto.sh [HANDBOOK_BINARY]
#
# Run from the repository root. HANDBOOK_BINARY defaults to target/release/handbook.
set -u
HB=$(realpath "${1:-target/release/handbook}"); VENV=${VENV:?set VENV to the venv with awscli and moto}
W=$(mktemp -d); BUCKET=handbook-test
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
"$VENV/bin/moto_server" -H 127.0.0.1 -p 15000 > "$W/moto.log" 2>&1 & MOTO=$!
trap 'kill $MOTO; rm -rf "$W"' EXIT
sleep 3
aws() { "$VENV/bin/aws" --endpoint-url http://127.0.0.1:15000 "$@"; }

"$HB" build --output "$W/public" --base-url "http://$BUCKET.s3-website-us-east-1.amazonaws.com/" | tail -1
cd "$W" || exit 1
aws s3 mb "s3://$BUCKET"
# --- setup commands of the guide ---
aws s3 website "s3://$BUCKET/" --index-document index.html --error-document 404.html
aws s3api put-public-access-block --bucket "$BUCKET" \
  --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=false,RestrictPublicBuckets=false
cat > policy.json <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "PublicReadForWebsite",
    "Effect": "Allow",
    "Principal": "*",
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::$BUCKET/*"
  }]
}
EOF
aws s3api put-bucket-policy --bucket "$BUCKET" --policy file://policy.json && echo "put-bucket-policy: ok"
aws s3api get-bucket-website --bucket "$BUCKET" --output text
# Objects an older build left behind, which --delete must remove.
echo old > old.txt
for k in assets/old.css acts/gone/index.html search/t-zz.js; do aws s3 cp old.txt "s3://$BUCKET/$k" --only-show-errors; done
# --- the two sync commands of the guide ---
aws s3 sync public/ "s3://$BUCKET/" --delete --only-show-errors \
  --exclude "*" --include "assets/*" --include "favicon.svg" \
  --cache-control "public, max-age=86400"
aws s3 sync public/ "s3://$BUCKET/" --delete --only-show-errors \
  --exclude "assets/*" --exclude "favicon.svg" --exclude ".handbook-output" \
  --cache-control "no-cache"
# ---
echo "objects: $(aws s3 ls --recursive "s3://$BUCKET/" | wc -l); files in public/ but the marker: $(find public -type f ! -name .handbook-output | wc -l)"
for k in index.html acts/share-the-credit/index.html 404.html search/index.js sitemap.xml \
         assets/style.css assets/theme.js assets/search.js favicon.svg \
         .handbook-output assets/old.css acts/gone/index.html search/t-zz.js; do
  printf '  %-34s %s\n' "$k" "$(aws s3api head-object --bucket "$BUCKET" --key "$k" --query '[ContentType,CacheControl]' --output text 2>&1 | tail -1)"
done
