"""The data editor: the workbook's tables in an editable grid, with the issues beside it.

A coordinator fixes a quarter's data where they see it: they pick a table, type into a
cell, add or delete rows, and the whole workbook is validated again at once. Every
issue names its table, row (as the grid numbers it), column, value and what was
expected; cells with an error are shaded, and choosing an issue in the list selects its
cell. The editor holds no data of its own: it shows :class:`~matching.ui.state.PlannerState`
tables and reports edits to callbacks that the app routes to the state.

The tables of activities and their roles follow the scope: with one quarter chosen the
grid shows that quarter's rows (a year has hundreds), plus any row that belongs to no
valid activity yet (a new or broken row must stay in sight to be fixed). The grid keeps
the workbook's row numbers, and the editor maps its positions back to the table's.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as widgets
import pandas as pd
from ipydatagrid import DataGrid, TextRenderer, VegaExpr

from ..errors import Issue
from ..i18n import Listing, column_named
from ..io.schema import TABLES
from .i18n import Translator
from .state import EDITABLE_TABLES, PlannerState

EditCallback = Callable[[str, int, str, object], None]
_ERROR_COLOUR, _WARNING_COLOUR = "#f8c4c4", "#fbeeb8"

#: Tables whose rows each belong to one activity (by their ``activity_id`` column).
SCOPED_TABLES = ("activities", "roles")
#: Scrolls a grid so that a cell is in view, a few rows under its top edge. ipydatagrid
#: (1.4) selects a cell from the kernel but never scrolls to it and has no call that does
#: (its issues #305, #408 and #493); Lumino's grid scrolls on the mouse wheel, so a
#: wheel to the top left then one to the cell do it. ``{grid}``: the grid's own class.
SCROLL_SCRIPT = (
    "(() => {{ const view = document.querySelector('.{grid} .lm-DataGrid-viewport');"
    " if (view) for (const [dx, dy] of [[-1e9, -1e9], [{x}, {y}]]) view.dispatchEvent("
    "new WheelEvent('wheel', {{deltaX: dx, deltaY: dy, bubbles: true, cancelable: true}}));"
    " }})();")
#: Rows left in view above the one scrolled to.
CONTEXT_ROWS = 3


def rows_in_scope(state: PlannerState, table: str) -> list[int]:
    """Positions of the rows of ``table`` that belong to the state's scope.

    Only rows of a valid activity outside the scope are left out; the whole table is in
    scope when the scope is the whole workbook or the table is not one of
    :data:`SCOPED_TABLES`.
    """
    frame = state.tables.get(table)
    if frame is None:
        return []
    workbook, problem = state.workbook, state.problem
    if table not in SCOPED_TABLES or workbook is None or problem is None \
            or problem is workbook:
        return list(range(len(frame)))
    outside = set(workbook.activity_by_id) - set(problem.activity_by_id)
    ids = frame["activity_id"].astype(str).str.strip()
    return [n for n, aid in enumerate(ids) if aid not in outside]


def _shade(error_rows: list[int], warning_rows: list[int]) -> VegaExpr:
    """Background of one column: red on rows with an error, yellow on warnings."""
    return VegaExpr(
        f"indexof({error_rows}, cell.row) >= 0 ? '{_ERROR_COLOUR}' : "
        f"(indexof({warning_rows}, cell.row) >= 0 ? '{_WARNING_COLOUR}' : 'white')")


class DataEditor:
    """Grid, row buttons, save controls and issue list for the workbook's tables.

    Parameters
    ----------
    state
        The app's state, read to show tables and issues.
    tr
        The app's translator (shared, so a language switch reaches the editor).
    on_edit, on_add, on_delete, on_save, on_reload
        What to do when the coordinator edits a cell ``(table, position, column,
        value)``, adds a row ``(table)``, deletes rows ``(table, positions)``, saves
        ``(path)`` or reloads the file; the app wraps each so that errors are shown.
    """

    def __init__(self, state: PlannerState, tr: Translator, *, on_edit: EditCallback,
                 on_add: Callable[[str], None], on_delete: Callable[[str, list[int]], None],
                 on_save: Callable[[str], None], on_reload: Callable[[], None]) -> None:
        self.state, self.tr = state, tr
        self._on_edit = on_edit
        self._issues: list[Issue] = []
        self.focus: tuple[str, int | None, str | None] | None = None
        self.table = widgets.Dropdown(options=[(t, t) for t in EDITABLE_TABLES],
                                      value="activities",
                                      layout=widgets.Layout(width="220px"))
        self.add_button = widgets.Button(icon="plus", layout=widgets.Layout(width="auto"))
        self.delete_button = widgets.Button(icon="trash", layout=widgets.Layout(width="auto"))
        self.save_path = widgets.Text(layout=widgets.Layout(width="320px"))
        self.save_button = widgets.Button(icon="save", button_style="primary",
                                          layout=widgets.Layout(width="auto"))
        self.reload_button = widgets.Button(icon="refresh", layout=widgets.Layout(width="auto"))
        self.all_rows = widgets.Checkbox(value=False, indent=False,
                                         layout=widgets.Layout(width="auto"))
        self.positions: list[int] = []  # the table position of each row shown
        self.grid = DataGrid(self._frame("activities"), editable=True, selection_mode="cell",
                             base_column_size=120, base_row_header_size=48,
                             layout=widgets.Layout(height="380px", width="auto"))
        self.grid.on_cell_change(self._cell_changed)
        self.grid_class = f"matching-data-grid-{id(self)}"  # this editor's, on any page
        self.grid.add_class(self.grid_class)
        #: Runs :data:`SCROLL_SCRIPT` in the browser; shows nothing.
        self.scroller = widgets.Output(layout=widgets.Layout(height="0px"))
        self.summary = widgets.HTML()
        #: the columns' words beside their names, where they differ (in Chinese): the
        #: grid's header shows the names the file has
        self.legend = widgets.HTML(layout=widgets.Layout(width="auto"))
        self.issue_list = widgets.Select(options=[], rows=8,
                                         layout=widgets.Layout(width="auto"))
        self.table.observe(lambda change: self.show_table(change["new"]), names="value")
        self.all_rows.observe(lambda _: self.show_table(self.table.value), names="value")
        self.issue_list.observe(self._issue_chosen, names="value")
        self.add_button.on_click(lambda _: on_add(self.table.value))
        self.delete_button.on_click(lambda _: on_delete(self.table.value,
                                                        self.selected_positions()))
        self.save_button.on_click(lambda _: on_save(self.save_path.value))
        self.reload_button.on_click(lambda _: on_reload())
        toolbar = widgets.HBox([self.table, self.all_rows, self.add_button,
                                self.delete_button, self.reload_button, self.save_path,
                                self.save_button],
                               layout=widgets.Layout(flex_flow="row wrap", width="auto"))
        self.issues_title = widgets.HTML()
        #: the chosen issue in full, wrapped: a list's line is cut at its width (1280 px:
        #: "…Studio只能容纳 5"), and the end of a reason is often what says why
        self.issue_detail = widgets.HTML(layout=widgets.Layout(width="auto"))
        self.widget = widgets.VBox([toolbar, self.legend, self.grid, self.summary,
                                    self.issues_title,
                                    self.issue_list, self.issue_detail, self.scroller])
        self.relabel()

    # -- showing -----------------------------------------------------------------------
    def _frame(self, table: str) -> pd.DataFrame:
        frame = self.state.tables.get(table)
        if frame is None:
            frame = pd.DataFrame(columns=list(TABLES[table].columns), dtype=object)
            frame.index.name = "row"
        return frame

    def show_table(self, table: str) -> None:
        """Show ``table`` in the grid (fresh data: after a switch, an add or a delete)."""
        if self.table.value != table:
            self.table.value = table  # observing this calls show_table again
            return
        frame = self._frame(table)
        state = self.state
        scoped = (table in SCOPED_TABLES and state.problem is not None
                  and state.workbook is not None
                  and len(state.problem.activities) < len(state.workbook.activities))
        self.all_rows.layout.display = None if scoped else "none"  # nothing to widen
        self.positions = (list(range(len(frame))) if self.all_rows.value
                          else rows_in_scope(state, table))
        self.grid.data = frame.iloc[self.positions]
        self.shade()
        self._summarise()
        self._show_legend()

    def _show_legend(self) -> None:
        """The shown table's columns by their words, where a word differs from a name."""
        table, language = self.table.value, self.tr.language
        columns = tuple(map(str, self._frame(table).columns)) if table else ()
        named = tuple(column_named(column, table, language) for column in columns)
        self.legend.value = "" if named == columns else html.escape(
            self.tr("data.columns", columns=Listing(named).render(language)))

    def shade(self) -> None:
        """Shade the cells of the shown table that the latest validation points at."""
        table = self.table.value
        frame = self._frame(table)
        shown = {position: n for n, position in enumerate(self.positions)}
        marked = [(shown[position], i) for i in self.state.cell_issues(table)
                  if (position := self.state.position_of(table, i.row or 0)) in shown]
        renderers = {}
        for column in frame.columns:
            errors = sorted({n for n, i in marked if i.severity == "error"
                             and i.column in (column, None)})
            warnings = sorted({n for n, i in marked if i.severity == "warning"
                               and i.column in (column, None)})
            if errors or warnings:
                renderers[column] = TextRenderer(background_color=_shade(errors, warnings))
        old = self.grid.renderers
        self.grid.renderers = renderers
        for renderer in old.values():  # each edit makes new ones: free the old widgets
            renderer.background_color.close()
            renderer.close()

    def refresh_issues(self) -> None:
        """List every issue of the latest validation, errors first."""
        issues = sorted(self.state.issues, key=lambda i: (i.severity != "error", i.table,
                                                           i.row or 0))
        self._issues = issues
        self._summarise()
        self.issue_list.unobserve(self._issue_chosen, names="value")
        self.issue_list.options = [(self.describe(i), n) for n, i in enumerate(issues)]
        self.issue_list.value = None
        self.issue_detail.value = ""
        self.issue_list.observe(self._issue_chosen, names="value")
        self.shade()

    def _summarise(self) -> None:
        """Rows shown (of how many), errors and warnings."""
        tr, issues = self.tr, self.state.issues
        errors = sum(i.severity == "error" for i in issues)
        rows, shown = len(self._frame(self.table.value)), len(self.positions)
        self.summary.value = html.escape(
            tr("data.summary", errors=errors, warnings=len(issues) - errors, rows=rows)
            if shown == rows else
            tr("data.summary_scope", errors=errors, warnings=len(issues) - errors,
               rows=rows, shown=shown))

    def describe(self, issue: Issue) -> str:
        """``✖ activities · row 5 · capacity · got 'abc' · expected a whole number``; a
        warning says what was found (``⚠ rooms · row 11 · room_id · got 'attic' · note:
        the room is never open in the horizon``), which "expected" would misstate."""
        tr = self.tr
        parts = ["✖" if issue.severity == "error" else "⚠", tr(f"table.{issue.table}")
                 if tr.has(f"table.{issue.table}") else issue.table]
        if issue.row is not None:
            parts.append(tr("data.row", row=issue.row))
        if issue.column:
            parts.append(self.column_name(issue.table, issue.column))
        if issue.value:
            parts.append(tr("data.got", value=issue.value))
        said = issue.expectation(tr.language)
        parts.append(tr("data.expected", expected=said) if issue.severity == "error"
                     else tr("data.note", note=said))
        return " · ".join(parts)

    def column_name(self, table: str, column: str) -> str:
        """A column as an issue names it: by its word and its name in Chinese
        (``容量（capacity）``), the name the grid's header shows being the one to find;
        by its name alone in English, and for a column the catalogue has no word for."""
        return column_named(column, table, self.tr.language)

    def relabel(self) -> None:
        tr = self.tr
        shown = self.table.value  # new options choose the first table: keep the one shown
        self.table.options = [(tr(f"table.{t}"), t) for t in EDITABLE_TABLES]
        if shown is not None:
            self.table.value = shown
        self.add_button.description = tr("data.add_row")
        self.delete_button.description = tr("data.delete_rows")
        self.reload_button.description = tr("data.reload")
        self.save_button.description = tr("data.save")
        self.save_path.placeholder = tr("data.save_path")
        self.all_rows.description = tr("data.all_rows")
        self.issues_title.value = f"<b>{tr('data.issues')}</b>"
        self._show_legend()
        self.refresh_issues()

    # -- reacting ----------------------------------------------------------------------
    def _cell_changed(self, cell: dict) -> None:
        self._on_edit(self.table.value, self.positions[int(cell["row"])],
                      str(cell["column"]), cell["value"])

    def edit(self, shown: int, column: str, value: object) -> None:
        """Type ``value`` into a cell of the ``shown``-th row of the grid (from 0), as the
        grid's editor does."""
        self.grid.set_cell_value_by_index(column, shown, value)

    def selected_positions(self) -> list[int]:
        """Table positions (from 0) of the rows with a selected cell."""
        return sorted({self.positions[int(cell["r"])] for cell in self.grid.selected_cells})

    def _issue_chosen(self, change: dict) -> None:
        if change["new"] is not None:
            issue = self._issues[change["new"]]
            self.issue_detail.value = (
                '<div style="white-space: normal; overflow-wrap: anywhere">'
                f"{html.escape(self.describe(issue))}</div>")
            self.point_at(issue)

    def point_at(self, issue: Issue) -> None:
        """Show the issue's table and select its cell (or its row, or nothing for a whole
        table), so the coordinator sees where to type."""
        self.focus = (issue.table, issue.row, issue.column)
        if issue.table not in EDITABLE_TABLES:
            return
        self.show_table(issue.table)
        if issue.row is None or issue.row < 2:
            return
        position = self.state.position_of(issue.table, issue.row)
        if position is None:
            return  # a row that no longer exists
        if position not in self.positions:
            self.all_rows.value = True  # a row outside the scope: show them all
        shown = self.positions.index(position)
        columns = list(self._frame(issue.table).columns)
        if issue.column in columns:
            first = last = columns.index(issue.column)
        else:
            first, last = 0, len(columns) - 1
        self.grid.select(shown, first, shown, last, clear_mode="all")
        self.scroll_to(shown, first)

    def scroll_to(self, shown: int, column: int = 0) -> None:
        """Bring the cell of the ``shown``-th row of the grid and its ``column`` (both
        from 0) into view, with a column and a few rows before it."""
        x = max(column - 1, 0) * self.grid.base_column_size
        y = max(shown - CONTEXT_ROWS, 0) * self.grid.base_row_size
        script = SCROLL_SCRIPT.format(grid=self.grid_class, x=x, y=y)
        self.scroller.outputs = ()  # the same row again: the script must run again
        self.scroller.outputs = ({"output_type": "display_data", "metadata": {},
                                  "data": {"application/javascript": script,
                                           "text/plain": ""}},)
