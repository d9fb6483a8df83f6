"""The report printed: a year's report printed to PDF by Chromium (`--print-to-pdf`) on A4
and on Letter paper, its pages read back with poppler (`pdfinfo`, `pdftotext`,
`pdftoppm`): the right paper, every chart and label there, nothing running off a page."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import numpy as np
import pytest

from bench.server import CHROMIUM, CHROMIUM_ARGS
from tracker.demo import create_demo_person
from tracker.report import build_report
from tracker.store import open_store

pytestmark = pytest.mark.browser

PAPERS = {"A4": (595, 842), "Letter": (612, 792)}  # points
MARGIN_MM = 14  # the report's @page side margin


@pytest.fixture(scope="module")
def document(tmp_path_factory) -> str:
    """A year of demo journal, reported whole (every section but notes)."""
    with open_store(tmp_path_factory.mktemp("print") / "t.db") as store:
        person = create_demo_person(store, years=1)
        frames = person.frames()
    today = dt.date.today()
    return build_report(
        frames, "Sam", ["mood", "selfcare", "goals", "wins"], today - dt.timedelta(days=364), today
    )


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: 'make browser' installs poppler-utils", pytrace=False)
    return found


def print_pdf(document: str, paper: str, folder) -> bytes:
    html = folder / f"report-{paper}.html"
    # The paper a person's printer would pick, set the way a print dialog sets it.
    html.write_text(
        document.replace("</head>", f"<style>@page {{ size: {paper}; }}</style></head>", 1)
    )
    pdf = folder / f"report-{paper}.pdf"
    subprocess.run(
        [
            str(CHROMIUM),
            *CHROMIUM_ARGS,
            "--no-pdf-header-footer",
            "--virtual-time-budget=20000",  # let plotly draw every chart first
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return pdf


def grey_pages(pdf, folder) -> list[np.ndarray]:
    """Each page as greyscale pixels (0 black .. 255 white), at 50 dpi."""
    prefix = folder / pdf.stem
    subprocess.run([tool("pdftoppm"), "-r", "50", "-gray", str(pdf), str(prefix)], check=True)
    pages = []
    for path in sorted(folder.glob(f"{pdf.stem}-*.pgm")):
        data = path.read_bytes()
        header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
        width, height = int(header.group(1)), int(header.group(2))
        pages.append(np.frombuffer(data[header.end() :], dtype=np.uint8).reshape(height, width))
    return pages


@pytest.mark.parametrize("paper", PAPERS)
def test_a_years_report_prints_whole_on_a4_and_letter(document, paper, tmp_path):
    pdf = print_pdf(document, paper, tmp_path)
    info = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, text=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert (round(float(size.group(1))), round(float(size.group(2)))) == PAPERS[paper]
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 2 <= pages <= 10

    text = subprocess.run([tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert "Sam's journey" in flat
    assert "How the numbers are computed" in flat
    # Every chart printed, labels and all (text only the charts' SVG holds): the mood
    # axis and setback labels, the bounce-back bars, the calendar's months, strength %.
    for label in ("😄 great", "😣 awful", "back in", "Setback they noted"):
        assert label in flat, label
    for line in (r"\d+(\.\d+)? d", "Feb", "Nov", "100%", "60%"):
        assert re.search(rf"^{line}$", text, re.MULTILINE), line
    assert "1Y" not in flat  # the app's range buttons are for screens, not paper

    shots = grey_pages(pdf, tmp_path)
    assert len(shots) == pages
    for number, page in enumerate(shots, start=1):
        width = page.shape[1]
        margin = int(width * (MARGIN_MM - 3) / (PAPERS[paper][0] / 72 * 25.4))
        # Nothing runs past the text column into the side margins (a cut-off chart or label).
        assert page[:, -margin:].min() > 200, f"page {number} spills into its right margin"
        assert page[:, :margin].min() > 200, f"page {number} spills into its left margin"
        assert page.min() < 100, f"page {number} is blank"
