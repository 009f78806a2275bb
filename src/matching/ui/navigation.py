"""The app's page switcher: a row of groups and, under it, the pages of the chosen group.

Eight tabs in one ``Tab`` shrink to "Wee / Volu / Uns" on a laptop (a Lumino tab is at
most 144 px and cuts its label). Grouping the pages (data, plan, analysis, the activity
page) and switching with buttons that are as wide as their label, in rows that wrap,
keeps every label whole at any width.

The pages themselves still sit in a ``Tab``, its own bar hidden by a style rule: a Lumino
tab panel tells a page when it is shown, and a chart redraws at its size then. An
:class:`ipywidgets.Stack` creates a page's view when it is chosen, and in Voila a chart
drawn that way stayed 0 px tall.
"""

from __future__ import annotations

import ipywidgets as widgets

from .i18n import Translator

_ROW = widgets.Layout(flex_flow="row wrap", width="auto")
_PAGES_CLASS = "matching-page-stack"
#: Hides the page Tab's own bar (the buttons replace it) and the frame around its pages.
STYLE = (f"<style>.jupyter-widgets.{_PAGES_CLASS} > .widget-tab-bar "
         "{display: none !important}"
         f" .jupyter-widgets.{_PAGES_CLASS} > .widget-tab-contents "
         "{border: none !important; padding: 0 !important}</style>")


def _button(css_class: str) -> widgets.Button:
    """A button as wide as its label; the class lets a browser test find it."""
    button = widgets.Button(layout=widgets.Layout(width="auto", min_width="fit-content"))
    button.add_class(css_class)
    return button


class PageNavigator:
    """Pages in groups, with one button per group and one per page of a larger group.

    Parameters
    ----------
    groups
        ``{group: {page: widget}}`` in the order shown; a group of one page shows no
        second row.
    tr
        The app's translator; labels are ``page.<group>`` and ``page.<page>``.
    """

    def __init__(self, groups: dict[str, dict[str, widgets.Widget]], tr: Translator) -> None:
        self.tr = tr
        self.groups = {group: tuple(pages) for group, pages in groups.items()}
        self.pages: dict[str, widgets.Widget] = {
            page: widget for pages in groups.values() for page, widget in pages.items()}
        self.group_of = {page: group for group, pages in self.groups.items()
                         for page in pages}
        self.group_buttons = {group: _button(f"matching-group-{group}")
                              for group in self.groups}
        self.page_buttons = {page: _button(f"matching-page-{page}") for page in self.pages}
        for group, button in self.group_buttons.items():
            button.on_click(lambda _, g=group: self.select(self.groups[g][0]))
        for page, button in self.page_buttons.items():
            button.on_click(lambda _, p=page: self.select(p))
        self.stack = widgets.Tab(children=list(self.pages.values()), selected_index=0,
                                 layout=widgets.Layout(width="auto"))
        self.stack.add_class(_PAGES_CLASS)
        self.style = widgets.HTML(STYLE, layout=widgets.Layout(display="none"))
        self.sub_rows = widgets.Stack(children=[
            widgets.HBox([self.page_buttons[p] for p in pages] if len(pages) > 1 else [],
                         layout=_ROW)
            for pages in self.groups.values()], selected_index=0,
            layout=widgets.Layout(width="auto"))
        self.group_row = widgets.HBox(list(self.group_buttons.values()), layout=_ROW)
        self.widget = widgets.VBox([self.style, self.group_row, self.sub_rows, self.stack],
                                   layout=widgets.Layout(width="100%"))
        self.widget.add_class("matching-pages")
        self.page = next(iter(self.pages))
        self.select(self.page)
        self.relabel()

    def select(self, page: str) -> None:
        """Show ``page`` (a key of :attr:`pages`) and mark its group and its button."""
        if page not in self.pages:
            raise KeyError(f"no page {page!r}; pages: {', '.join(self.pages)}")
        self.page, group = page, self.group_of[page]
        self.stack.selected_index = list(self.pages).index(page)
        self.sub_rows.selected_index = list(self.groups).index(group)
        for key, button in self.group_buttons.items():
            button.button_style = "primary" if key == group else ""
        for key, button in self.page_buttons.items():
            button.button_style = "info" if key == page else ""

    def relabel(self) -> None:
        for key, button in [*self.group_buttons.items(), *self.page_buttons.items()]:
            button.description = self.tr(f"page.{key}")
        # titles of the hidden bar: what a screen reader (or a browser without the
        # style rule) shows
        self.stack.titles = tuple(self.tr(f"page.{key}") for key in self.pages)
