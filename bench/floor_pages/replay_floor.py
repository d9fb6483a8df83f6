"""The floor of a page: the elements it drew, drawn again from values computed beforehand
(see bench/replay.py). Run only by `python -m bench`, which stages what to draw."""

from bench import replay

replay.draw_staged()
