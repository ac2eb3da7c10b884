#!/usr/bin/env python3
"""Sizes of a release build, gzip -9, as a phone downloads them.

- first load: what the daily page fetches before its first screen answers a
  tap (index.html with its inlined CSS and page script, the daily wasm and
  its JS glue, the manifest and the icon the page names);
- whole build: everything the service worker keeps offline (every page);
- the first load again as a host that serves the build's .br files sends it.

    python3 scripts/sizes.py DIR            # two lines
    python3 scripts/sizes.py DIR --files    # and every file
"""
import gzip
import os
import re
import sys


def gz(path):
    with open(path, "rb") as f:
        return len(gzip.compress(f.read(), 9))


def main(argv):
    root = argv[1]
    files = sorted(
        os.path.relpath(os.path.join(d, n), root)
        for d, _, names in os.walk(root)
        for n in names
        if not n.endswith((".gz", ".br"))
    )
    index = open(os.path.join(root, "index.html"), encoding="utf-8").read()
    # What the daily page names in its <link>s: the wasm and its glue
    # (preload, modulepreload), the manifest and the icon.
    # (The build's HTML is minified: attributes may be unquoted.)
    named = {h.lstrip("./") for h in re.findall(r'<link[^>]*\shref="?([^"\s>#?]+)', index)}
    first = ["index.html"] + [f for f in files if f in named]
    sizes = {f: (os.path.getsize(os.path.join(root, f)), gz(os.path.join(root, f))) for f in files}
    if "--files" in argv:
        for f in files:
            mark = "*" if f in first else " "
            print(f"{mark} {f:<48} {sizes[f][0]:>10} {sizes[f][1]:>10}")
    kb = lambda fs: sum(sizes[f][1] for f in fs) / 1024
    budget = 250
    status = "within" if kb(first) <= budget else f"OVER by {kb(first) - budget:.1f} KB"
    print(f"first load (gzip -9): {kb(first):.1f} KB in {len(first)} files ({', '.join(first)}); budget {budget} KB: {status}")
    print(f"whole build (gzip -9): {kb(files):.1f} KB in {len(files)} files, every one kept offline")
    # The build also writes brotli copies (scripts/precompress.js), which a
    # host that serves them (nginx's brotli_static, most CDNs) sends instead.
    br = lambda f: os.path.join(root, f + ".br")
    if all(os.path.exists(br(f)) for f in first if not f.endswith(".png")):
        size = lambda f: os.path.getsize(br(f)) if os.path.exists(br(f)) else sizes[f][1]
        print(f"first load (brotli, from the build's .br files): {sum(size(f) for f in first) / 1024:.1f} KB")


if __name__ == "__main__":
    main(sys.argv)
