"""How full the pages of a rendered PDF are: each page rasterised (poppler's pdftoppm) and read
back row by row, so charts count as much as text. Used by the layout test and handy by hand:
`python tests/pagefill.py reports/standard/report.pdf`."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdf

# the body of the page, as the template sets it (A4, margins top 2.6 cm, bottom 2.4 cm)
PAGE_CM, TOP_CM, BOTTOM_CM = 29.7, 2.6, 2.4
INK = 235  # a row holds content if any pixel is darker than this (0 black, 255 white)


@dataclass
class Page:
    number: int  # 1-based
    blank_bottom: float  # share of the body height left blank under the last content
    largest_gap: float  # share of the body height in the tallest blank band anywhere in the body
    starts_chapter: bool  # a level-1 heading starts here


# The largest blank band a page may hold, as a share of the body height. It is the gap the
# template itself allows (templates/report.typ): a chart that would shrink below chart-min-scale
# (0.55) of its full size (at most chart-max-height, 55% of the body) moves on whole, because
# typst does not float it and lettering smaller than that cannot be read; such a chart and its
# caption leave at most 0.55 x 55% = 30% plus about 7% for the caption. Anything taller is a
# layout fault (a chapter end, a table that would not break).
LIMIT = 0.37


def have_rasteriser() -> bool:
    return shutil.which("pdftoppm") is not None


def read_pgm(path: Path) -> np.ndarray:
    """A binary 8-bit greyscale PGM (what `pdftoppm -gray` writes) as a height × width array."""
    data = Path(path).read_bytes()
    magic, width, height, maxval, *_ = data.split(maxsplit=4)
    if magic != b"P5" or int(maxval) > 255:
        raise ValueError(f"{path}: not an 8-bit binary PGM")
    w, h = int(width), int(height)
    return np.frombuffer(data[len(data) - w * h:], dtype=np.uint8).reshape(h, w)


def chapter_pages(pdf: Path) -> set[int]:
    """1-based pages on which a top-level outline entry (a level-1 heading) starts."""
    reader = pypdf.PdfReader(str(pdf))
    return {reader.get_destination_page_number(e) + 1 for e in reader.outline if not isinstance(e, list)}


def measure(pdf: Path, dpi: int = 40) -> list[Page]:
    starts = chapter_pages(pdf)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf), f"{tmp}/p"], check=True)
        files = sorted(Path(tmp).glob("p-*.pgm"), key=lambda p: int(re.findall(r"\d+", p.stem)[-1]))
        pages = []
        for n, f in enumerate(files, 1):
            img = read_pgm(f)
            h = img.shape[0]
            top, bottom = round(h * TOP_CM / PAGE_CM), round(h * (1 - BOTTOM_CM / PAGE_CM))
            inked = (img[top:bottom] < INK).any(axis=1)
            body = bottom - top
            rows = np.flatnonzero(inked)
            if rows.size == 0:
                pages.append(Page(n, 1.0, 1.0, n in starts))
                continue
            # blank bands: before the first inked row, between inked rows, after the last
            edges = np.concatenate([[-1], rows, [body]])
            gap = int((np.diff(edges) - 1).max())
            pages.append(Page(n, (body - 1 - rows[-1]) / body, gap / body, n in starts))
    return pages


def exempt(pages: list[Page]) -> set[int]:
    """Pages allowed to be part empty: the cover, the contents (the page before the first
    chapter) and the last page. A chapter's last page is not: a level-1 heading starts a new page
    only where less than a third of the body is left (templates/report.typ)."""
    first = next((p.number for p in pages if p.starts_chapter), 1)
    return {1, first - 1, len(pages)}


def chapter_count(pdf: Path) -> int:
    """How many level-1 headings (chapters, notes, appendices) the PDF's outline holds."""
    return sum(1 for e in pypdf.PdfReader(str(pdf)).outline if not isinstance(e, list))


def half_empty(pages: list[Page], limit: float = LIMIT) -> list[Page]:
    """Pages, other than the exempt ones, with a blank band taller than `limit` of the body:
    under the last line, or between the text and the footnotes (the gap a chart pushed on to the
    next page leaves behind)."""
    skip = exempt(pages)
    return [p for p in pages if p.number not in skip and p.largest_gap > limit]


if __name__ == "__main__":
    for p in measure(Path(sys.argv[1])):
        print(f"{p.number:3d}  bottom blank {p.blank_bottom:5.0%}  largest gap {p.largest_gap:5.0%}"
              + ("  (chapter starts)" if p.starts_chapter else ""))
