#!/usr/bin/env python3
"""Writes handbooks whose one page is pathological Markdown (deep quotes and lists, long runs of
delimiters, brackets, angle brackets and backticks), scaled by K, for checking that build time
grows linearly with the size of such a page:

    python3 benches/pathological.py /tmp/patho 1 2 4 8
    hyperfine -N 'target/release/handbook check --root /tmp/patho/p1' ... '.../p8'
"""
import sys
from pathlib import Path

out = Path(sys.argv[1])
for k in map(int, sys.argv[2:]):
    root = out / f"p{k}"
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "book.toml").write_text('[book]\ntitle = "P"\n')
    (root / "content/_index.md").write_text('+++\ntitle = "H"\n+++\n')
    body = '+++\ntitle = "P"\n+++\n'
    body += ">" * (5000 * k) + " deep quote\n\n"
    body += "".join("  " * (i % 200) + "- item\n" for i in range(500 * k))
    for run in ["*a_", "[", "<", "`"]:
        body += run * (20000 * k) + "\n"
    (root / "content/p.md").write_text(body)
