"""The home-screen manifest and its icons, as files (the browser test reads them served)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from PIL import Image

from hosting import icons

ROOT = Path(__file__).parent.parent
STATIC = ROOT / "static"


def test_static_serving_is_on_so_the_manifest_is_served():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableStaticServing"] is True


def test_every_icon_the_manifest_names_exists_at_its_size():
    manifest = json.loads((STATIC / "manifest.json").read_text())
    assert manifest["display"] == "standalone" and manifest["theme_color"] == icons.THEME
    for icon in manifest["icons"]:
        with Image.open(STATIC / icon["src"]) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
            assert image.format == "PNG" == icon["type"].split("/")[1].upper()
    with Image.open(STATIC / "apple-touch-icon.png") as image:
        assert image.size == (180, 180)


def test_the_mark_stays_inside_the_circle_a_phone_keeps_when_it_masks_the_icon():
    for name, size in icons.SIZES.items():
        with Image.open(STATIC / name) as stored:
            image = stored.convert("RGB")
        theme = image.getpixel((0, 0))
        centre, safe = size / 2, 0.4 * size  # the maskable safe zone: a circle of 80%
        outside = [
            (x, y)
            for x in range(size)
            for y in range(size)
            if (x + 0.5 - centre) ** 2 + (y + 0.5 - centre) ** 2 > safe**2
            and image.getpixel((x, y)) != theme
        ]
        assert not outside, f"{name}: the mark reaches {outside[:3]}"
        assert image.getcolors(size * size) and len(image.getcolors(size * size)) > 2  # a mark


def test_the_stored_icons_are_what_the_script_draws():
    for name, size in icons.SIZES.items():
        with Image.open(STATIC / name) as stored:
            assert stored.convert("RGB").tobytes() == icons.draw_icon(size).tobytes()
