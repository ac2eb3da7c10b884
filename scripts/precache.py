#!/usr/bin/env python3
"""Stamps a release build for the service worker: writes into sw.js the list
of every file of the build (FILES) and a version (VERSION, a hash of all their
contents), and the same version into every page's <meta name="sotay-build">
(index.html and more.html). Every changed build thus gives a byte-different
sw.js, which the browser installs as an update; an unchanged build gives the
same bytes. Precompressed copies (.gz, .br) are not listed: the worker asks
for the files themselves and the server picks the encoding.

scripts/setup's sotay_build_dist runs it on the merged release build. A debug
build is never stamped: its pages keep content="dev" and sw.js VERSION =
'dev', so the page registers no worker and sw.js refuses to install.

    python3 scripts/precache.py DIR     # stamps DIR (e.g. a copy of dist/)

Stamping again is idempotent: the version is computed with both placeholders
put back, so it only changes when a file does.
"""
import hashlib
import json
import os
import re
import sys

# The page's <meta name="sotay-build" content="..."> as written in the
# sources, or as trunk's minifier leaves it (`<meta content=dev
# name=sotay-build>`): stamped back in the sources' form, which the tests and
# anyone reading the page find.
META = re.compile(rb'<meta (?:name="?sotay-build"? content="?([^"\s>]*)"?|content="?([^"\s>]*)"? name="?sotay-build"?)>')
VERSION = re.compile(rb"^const VERSION = '([^']*)';$", re.M)
FILES = re.compile(rb"^const FILES = \[[^\]]*\];$", re.M)


def meta(version):
    return lambda _: b'<meta name="sotay-build" content="' + version + b'">'


def die(msg):
    print(f"precache: {msg}", file=sys.stderr)
    sys.exit(1)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def build_files(root):
    """Every file under root except sw.js, dot files and precompressed
    copies, as sorted posix paths."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith("."):
                continue
            rel = os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/")
            if rel != "sw.js" and not rel.endswith((".gz", ".br")):
                out.append(rel)
    return sorted(out)


def exactly_one(regex, text, where):
    n = len(regex.findall(text))
    if n != 1:
        die(f"{where}: expected exactly one match of {regex.pattern.decode()}, found {n}")


def stamp(root):
    sw_path = os.path.join(root, "sw.js")
    pages = sorted(n for n in os.listdir(root) if n.endswith(".html"))
    if "index.html" not in pages:
        die(f"{root}/index.html is missing")
    if not os.path.isfile(sw_path):
        die(f"{sw_path} is missing (index.html must copy sw.js: <link data-trunk rel=\"copy-file\" href=\"sw.js\">)")
    sw = read(sw_path)
    exactly_one(VERSION, sw, sw_path)
    exactly_one(FILES, sw, sw_path)

    # The build as trunk made it, placeholders back in.
    sources = {"sw.js": FILES.sub(b"const FILES = [];", VERSION.sub(b"const VERSION = 'dev';", sw))}
    for page in pages:
        text = read(os.path.join(root, page))
        exactly_one(META, text, page)
        sources[page] = META.sub(meta(b"dev"), text)
    files = build_files(root)
    digest = hashlib.sha256()
    total = 0
    for rel in ["sw.js"] + files:
        data = sources.get(rel)
        if data is None:
            data = read(os.path.join(root, rel))
        total += len(data)
        digest.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
    version = digest.hexdigest()[:16]

    listed = ",\n".join("  " + json.dumps("./" + rel) for rel in files)
    sw = sources["sw.js"]
    sw = VERSION.sub(f"const VERSION = '{version}';".encode(), sw)
    sw = FILES.sub(("const FILES = [\n" + listed + "\n];").encode(), sw)
    write(sw_path, sw)
    for page in pages:
        write(os.path.join(root, page), META.sub(meta(version.encode()), sources[page]))
    print(f"precache: release {version}: {len(files)} files, {total} bytes, in sw.js")


def main(argv):
    if len(argv) != 2 or argv[1].startswith("-"):
        print(__doc__.strip())
        return 0 if len(argv) == 2 and argv[1] in ("-h", "--help") else 2
    stamp(argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
