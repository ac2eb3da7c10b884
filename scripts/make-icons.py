#!/usr/bin/env python3
"""Draws the app icons into icons/: a red (#b71c1c) square with a gold
five-pointed star, the Front's colours. Pure Python (zlib + struct), so it
runs anywhere python3 does; the PNGs are committed, this script only remakes
them when the design changes.

    python3 scripts/make-icons.py            # writes icons/*.png

  icon-192.png, icon-512.png   purpose "any": the star fills most of the square
  maskable-512.png             purpose "maskable": the star stays inside the
                               central circle of radius 40% that every launcher
                               mask keeps (the "safe zone")

The star is antialiased: every pixel row is cut into SUB scanlines, and each
scanline's coverage of a pixel is computed exactly from the polygon's spans.
"""
import math
import os
import struct
import sys
import zlib

RED = (0xB7, 0x1C, 0x1C)
GOLD = (0xFF, 0xD5, 0x4F)
SUB = 4  # scanlines per pixel row
LEVELS = 16  # coverage steps: a 17-colour palette keeps the files small

# (file name, size in px, star outer radius as a share of the size)
ICONS = [
    ("icon-192.png", 192, 0.42),
    ("icon-512.png", 512, 0.42),
    ("maskable-512.png", 512, 0.30),
]


def star(size, outer_share):
    """The 10 corners of an upright regular star centred in the square."""
    outer = size * outer_share
    inner = outer * math.sin(math.radians(18)) / math.sin(math.radians(126))
    # The star reaches `outer` above its centre but only outer*cos(36deg) below:
    # move it down by half the difference so it sits in the middle.
    cx = size / 2
    cy = size / 2 + outer * (1 - math.cos(math.radians(36))) / 2
    points = []
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        a = math.radians(-90 + 36 * i)
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return points


def spans(points, y):
    """x intervals inside the polygon on the horizontal line y (even-odd)."""
    xs = []
    n = len(points)
    for i in range(n):
        (x0, y0), (x1, y1) = points[i], points[(i + 1) % n]
        if (y0 <= y < y1) or (y1 <= y < y0):
            xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
    xs.sort()
    return list(zip(xs[0::2], xs[1::2]))


def render(size, outer_share):
    points = star(size, outer_share)
    rows = []
    for py in range(size):
        cover = [0.0] * size
        for s in range(SUB):
            for x0, x1 in spans(points, py + (s + 0.5) / SUB):
                for px in range(max(0, int(x0)), min(size, int(math.ceil(x1)))):
                    overlap = min(x1, px + 1) - max(x0, px)
                    if overlap > 0:
                        cover[px] += overlap / SUB
        rows.append(bytes(round(min(1.0, c) * LEVELS) for c in cover))
    return rows


def palette():
    out = bytearray()
    for i in range(LEVELS + 1):
        out += bytes(round(r + (g - r) * i / LEVELS) for r, g in zip(RED, GOLD))
    return bytes(out)


def png(size, rows):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + row for row in rows)  # filter 0 (None) per row
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 3, 0, 0, 0)  # 8-bit palette indices
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"PLTE", palette())
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "icons")
    os.makedirs(out, exist_ok=True)
    for name, size, share in ICONS:
        data = png(size, render(size, share))
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        print(f"make-icons: icons/{name} {size}x{size} {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
