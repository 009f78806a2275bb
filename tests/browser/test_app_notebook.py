"""The no-code page's notebook (``make app``: Voilà on ``notebooks/00_app.ipynb``).

Voilà shows every markdown cell and every cell's output, so the notebook must hold one
code cell that displays the app and nothing else (no text, no second output, no stored
output: nbstripout keeps it clean in git). No browser needed, so this runs everywhere.
"""

from __future__ import annotations

import json

from servers import NOTEBOOKS

APP = NOTEBOOKS / "00_app.ipynb"


def test_app_notebook_shows_only_the_planner() -> None:
    cells = json.loads(APP.read_text(encoding="utf-8"))["cells"]
    assert [c["cell_type"] for c in cells] == ["code"]
    (cell,) = cells
    assert cell["outputs"] == [] and cell["execution_count"] is None
    code = [line for line in "".join(cell["source"]).splitlines()
            if line.strip() and not line.lstrip().startswith("#")]
    assert code[-1] == "app"  # the last expression: the one output Voilà shows
    assert any(line.startswith("app = PlannerApp(") for line in code)


def test_make_app_serves_that_notebook() -> None:
    makefile = (NOTEBOOKS.parent / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\napp:", 1)[1].split("\n\n", 1)[0]
    assert "voila notebooks/00_app.ipynb" in recipe and "--no-browser" in recipe
    assert "--token" in recipe  # never a page without a token, even on localhost
