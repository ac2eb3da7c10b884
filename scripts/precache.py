#!/usr/bin/env python3
"""Stamps a release build for the service worker: writes into sw.js the list
of every file of the build (FILES) and a version (VERSION, a hash of all their
contents), and the same version into index.html's <meta name="sotay-build">.
Every changed build thus gives a byte-different sw.js, which the browser
installs as an update; an unchanged build gives the same bytes.

As trunk's post_build hook (Trunk.toml), with no argument: stamps
$TRUNK_STAGING_DIR, but only for a release build that trunk serve did not make
(its page carries the live-reload script). Otherwise index.html keeps
content="dev" and sw.js VERSION = 'dev': the page then registers no worker,
and sw.js refuses to install.

    python3 scripts/precache.py DIR     # stamps DIR (e.g. a copy of dist/)

Stamping again is idempotent: the version is computed with both placeholders
put back, so it only changes when a file does.
"""
import hashlib
import json
import os
import re
import sys

META = re.compile(rb'(<meta name="sotay-build" content=")([^"]*)(")')
VERSION = re.compile(rb"^const VERSION = '([^']*)';$", re.M)
FILES = re.compile(rb"^const FILES = \[[^\]]*\];$", re.M)
SERVE_MARK = b"{{__TRUNK_ADDRESS__}}"  # trunk serve's live-reload script, in the staged page


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
    """Every file under root except sw.js and dot files, as sorted posix paths."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith("."):
                continue
            rel = os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/")
            if rel != "sw.js":
                out.append(rel)
    return sorted(out)


def exactly_one(regex, text, where):
    n = len(regex.findall(text))
    if n != 1:
        die(f"{where}: expected exactly one match of {regex.pattern.decode()}, found {n}")


def stamp(root):
    index_path, sw_path = os.path.join(root, "index.html"), os.path.join(root, "sw.js")
    for p in (index_path, sw_path):
        if not os.path.isfile(p):
            die(f"{p} is missing (index.html must copy sw.js: <link data-trunk rel=\"copy-file\" href=\"sw.js\">)")
    index, sw = read(index_path), read(sw_path)
    exactly_one(META, index, index_path)
    exactly_one(VERSION, sw, sw_path)
    exactly_one(FILES, sw, sw_path)

    # The build as trunk made it, placeholders back in.
    sources = {
        "index.html": META.sub(rb"\g<1>dev\g<3>", index),
        "sw.js": FILES.sub(b"const FILES = [];", VERSION.sub(b"const VERSION = 'dev';", sw)),
    }
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
    write(index_path, META.sub(rb"\g<1>" + version.encode() + rb"\g<3>", sources["index.html"]))
    print(f"precache: release {version}: {len(files)} files, {total} bytes, in sw.js")


def main(argv):
    if len(argv) > 2 or (len(argv) == 2 and argv[1].startswith("-")):
        print(__doc__.strip())
        return 0 if len(argv) == 2 and argv[1] in ("-h", "--help") else 2
    if len(argv) == 2:
        stamp(argv[1])
        return 0
    root = os.environ.get("TRUNK_STAGING_DIR")
    if not root:
        die("run me as trunk's post_build hook (TRUNK_STAGING_DIR unset) or give a directory")
    if os.environ.get("TRUNK_PROFILE") != "release":
        print("precache: debug build: no offline copy (sw.js stays a development worker)")
        return 0
    if SERVE_MARK in read(os.path.join(root, "index.html")):
        print("precache: trunk serve: no offline copy (sw.js stays a development worker)")
        return 0
    stamp(root)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
