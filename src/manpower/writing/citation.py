"""How to cite a rendered report: one text, made from CITATION.cff (who, what, which version)
and the report itself (the data's as-of line, the commit, the date rendered), printed on the
back of the PDF's title page, in the HTML and in its meta tags. The licences are said once here."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import __version__

LICENCE = ("Code: MIT licence. Curated figures: CC BY 4.0. The articles quoted remain the copyright of "
           "their publishers; the quotes are excerpts kept as evidence.")


@dataclass(frozen=True)
class Citation:
    authors: str
    title: str
    version: str
    year: str
    commit: str | None
    as_of: str
    rendered: str

    def text(self) -> str:
        """The reference a reader copies: authors (year). Title, version, commit. As-of. Rendered."""
        build = f"version {self.version}" + (f", commit {self.commit[:12]}" if self.commit else "")
        return f"{self.authors} ({self.year}). {self.title}, {build}. {self.as_of}. Rendered {self.rendered}."

    def bibtex(self) -> str:
        note = f"{self.as_of}; rendered {self.rendered}" + (f"; commit {self.commit}" if self.commit else "")
        return (f"@misc{{manpower{self.year},\n  author = {{{{{self.authors}}}}},\n  title = {{{self.title}}},\n"
                f"  year = {{{self.year}}},\n  version = {{{self.version}}},\n  note = {{{note}}}\n}}")


def _cff(root: Path | None) -> dict:
    path = Path(root) / "CITATION.cff" if root else None
    if path is not None and path.is_file():
        try:
            return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            return {}
    return {}


def citation(root: Path | None, as_of: str, rendered: str, commit: str | None) -> Citation:
    """The citation of a report rendered from the project at `root` on `rendered` (ISO date)."""
    cff = _cff(root)
    names = [a.get("name") or " ".join(x for x in (a.get("given-names"), a.get("family-names")) if x)
             for a in cff.get("authors", []) if isinstance(a, dict)]
    return Citation(authors=", ".join(n for n in names if n) or "The manpower contributors",
                    title=str(cff.get("title") or "manpower: how Russia keeps its army manned"),
                    version=str(cff.get("version") or __version__), year=rendered[:4], commit=commit,
                    as_of=as_of, rendered=rendered)
