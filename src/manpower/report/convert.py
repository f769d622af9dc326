"""An executed chapter notebook as Markdown (nbconvert): no code, charts as captioned figures."""
from __future__ import annotations

from pathlib import Path

from ..vocabulary.chapters import REPORT_MIME, chart_meta


def chapter_markdown(nb_path: Path) -> str:
    """An executed notebook as Markdown through nbconvert, code excluded, charts as captioned figures."""
    import nbformat
    from nbconvert import MarkdownExporter

    nb = nbformat.read(str(nb_path), as_version=4)
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            if "parameters" in cell.metadata.get("tags", []) or "injected-parameters" in cell.metadata.get("tags", []):
                continue
            outputs = []
            for out in cell.get("outputs", []):
                meta = chart_meta(out)
                if meta:
                    rel = f"charts/{Path(meta['file']).name}"
                    caption = meta["caption"].replace("[", "(").replace("]", ")")
                    outputs.append(nbformat.v4.new_output(
                        "display_data", data={"text/markdown": f"![{caption}]({rel})"}))
                elif out.get("output_type") in ("display_data", "execute_result") and (
                        REPORT_MIME in out.get("data", {}) or "text/markdown" in out.get("data", {})):
                    # the chapter's Markdown as the report reads it; text/markdown beside it is JupyterLab's
                    text = out["data"].get(REPORT_MIME, out["data"].get("text/markdown"))
                    outputs.append(nbformat.v4.new_output("display_data", data={"text/markdown": text}))
                # streams, errors and plain-text reprs are not part of the report
            cell.outputs = outputs
        cells.append(cell)
    nb.cells = cells
    exporter = MarkdownExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    return body.strip() + "\n"
