"""Draw the app's home-screen icons into ``static/``: ``python -m hosting.icons``.

The mark is the app's idea in one line: a path that dips and comes back higher, on the
theme colour. Icons are full-bleed squares with the mark inside the central circle a
phone keeps when it rounds or masks them ("maskable"), so no shape cuts the mark.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parent.parent / "static"
THEME = "#365f6c"
LIGHT = "#fbfaf7"
SIZES = {"icon-192.png": 192, "icon-512.png": 512, "apple-touch-icon.png": 180}
# A rising path with a setback dip in it, in a 0–1 square (y grows downwards).
PATH = [(0.24, 0.64), (0.41, 0.49), (0.51, 0.59), (0.62, 0.42), (0.74, 0.33)]
SCALE = 4  # draw large, then shrink: smooth edges without an anti-aliasing library


def draw_icon(size: int) -> Image.Image:
    big = size * SCALE
    image = Image.new("RGB", (big, big), THEME)
    draw = ImageDraw.Draw(image)
    points = [(x * big, y * big) for x, y in PATH]
    width = round(big * 0.07)
    draw.line(points, fill=LIGHT, width=width, joint="curve")
    for x, y in points[:1]:
        radius = width / 2
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=LIGHT)
    x, y = points[-1]
    radius = width * 0.95  # the end of the path: where you are now
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=LIGHT)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    STATIC.mkdir(exist_ok=True)
    for name, size in SIZES.items():
        draw_icon(size).save(STATIC / name, optimize=True)
        print(f"Wrote {STATIC / name} ({size}×{size})")


if __name__ == "__main__":
    main()
