"""Every key of the app, declared once: the footer, the help screen and the command palette read this.

A :class:`KeySpec` says which key does what, where it works (its :class:`Scope`), how the footer shows
it and whether the command palette offers it. Widgets get their ``BINDINGS`` from :func:`bindings`,
the help screen lists :data:`KEYS`, and the palette runs :func:`palette_commands` — so the three can
never disagree. Each binding has an id (``caseview.<name>``) so users can remap it with a keymap.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from textual.binding import Binding, BindingType


class Scope(StrEnum):
    """Where a key works; the value is how the help screen names the place."""

    EVERYWHERE = "everywhere"
    LISTS = "lists"
    READER = "reader"
    READER_TEXT = "reader: moving and selecting"
    RESULTS = "search results"
    SEARCH = "search bar"
    FILTER = "list filter"
    HELP = "help screen"
    TAG_PICKER = "tag picker"
    NOTE_EDITOR = "note editor"
    PICKER = "pickers (grade, section, link, export…)"
    SUGGESTIONS = "suggested merges"
    DETAILS = "annotation details"
    CASE = "case file pane"
    ENTITIES = "entities pane"
    REVIEW = "review queue"
    DIALOG = "dialogs"
    SOURCES = "sources pane"  # issues 14, 16 (sources-pane keys)
    COMPARE = "compare view"  # issue 16
    OFFERS = "offered annotations"  # issue 16
    CODEBOOK = "codebook"  # issue 13
    PROFILE = "entity profile"  # issue 13
    EVENTS = "events pane"  # issue 13
    FLAGS = "event flags"  # issue 13
    FACET_STRIP = "facet counts under the results"  # issue 13


@dataclass(frozen=True)
class KeySpec:
    """One key binding and how it is explained."""

    name: str
    #: Textual key names, comma-separated (``"j,down"``).
    keys: str
    #: The action to run: ``screen.`` / ``app.`` ones run there; the others on the widget that binds them.
    action: str
    #: Short label for the footer.
    description: str
    #: One sentence for the help screen and the command palette.
    help: str
    scope: Scope
    show: bool = True
    palette: bool = False
    key_display: str | None = None
    #: Textual itself provides this binding; it is listed in help but not bound again.
    builtin: bool = False
    #: The command palette's name for it, when the footer label alone would be unclear.
    title: str | None = None

    @property
    def id(self) -> str:
        return f"caseview.{self.name}"

    @property
    def pane(self) -> str | None:
        """The pane whose widget runs this action (the palette focuses it first), if a pane's."""
        return _PANE_OF_SCOPE.get(self.scope)

    @property
    def command_title(self) -> str:
        return self.title or self.description

    @property
    def display_keys(self) -> str:
        """The keys as a person reads them: ``j / ↓``."""
        if self.key_display:
            return self.key_display
        return " / ".join(_key_name(key) for key in self.keys.split(","))

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.description,
            show=self.show,
            key_display=self.key_display,
            id=self.id,
            tooltip=self.help,
        )


_KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "down": "↓",
    "up": "↑",
    "left": "←",
    "right": "→",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "space": "Space",
    "left_parenthesis": "(",
    "right_parenthesis": ")",
    "left_curly_bracket": "{",
    "right_curly_bracket": "}",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "shift+up": "Shift+↑",
    "shift+down": "Shift+↓",
    "shift+left": "Shift+←",
    "shift+right": "Shift+→",
}


def _key_name(key: str) -> str:
    if key in _KEY_NAMES:
        return _KEY_NAMES[key]
    if key.startswith("ctrl+"):
        return "Ctrl+" + key.removeprefix("ctrl+").upper()
    return key


PANES = ("sources", "reader", "entities", "events", "case")
PANE_TITLES = {
    "sources": "Sources",
    "reader": "Reader",
    "entities": "Entities",
    "events": "Events",
    "case": "Case file",
}

_PANE_OF_SCOPE = {
    Scope.READER: "reader",
    Scope.CASE: "case",
    Scope.ENTITIES: "entities",
    Scope.SOURCES: "sources",  # issues 13, 14, 16
    Scope.EVENTS: "events",  # issue 13
}

KEYS: tuple[KeySpec, ...] = (
    # -- everywhere (the main screen) --------------------------------------------------------
    KeySpec(
        "search",
        "slash",
        "screen.focus_search",
        "Search",
        'Search the corpus: words, "phrases", fuzzy~, prefix*, AND/OR/NOT, title: outlet: date: entity: tag: note:',
        Scope.EVERYWHERE,
        palette=True,
        key_display="/",
    ),
    KeySpec(
        "help",
        "question_mark",
        "screen.show_help",
        "Help",
        "Show every key, searchable",
        Scope.EVERYWHERE,
        palette=True,
        key_display="?",
        title="Help: all keys",
    ),
    KeySpec(
        "quit", "q", "app.quit", "Quit", "Quit caseview (there is nothing to save)", Scope.EVERYWHERE, palette=True
    ),
    *(
        KeySpec(
            f"pane-{pane}",
            str(number),
            f"screen.focus_pane('{pane}')",
            PANE_TITLES[pane],
            f"Go to the {PANE_TITLES[pane].lower()} pane",
            Scope.EVERYWHERE,
            show=False,
            palette=True,
            title=f"Go to {PANE_TITLES[pane]}",
        )
        for number, pane in enumerate(PANES, start=1)
    ),
    KeySpec(
        "next-pane", "tab", "screen.cycle_pane(1)", "Next pane", "Move to the next pane", Scope.EVERYWHERE, show=False
    ),
    KeySpec(
        "previous-pane",
        "shift+tab",
        "screen.cycle_pane(-1)",
        "Previous pane",
        "Move to the previous pane",
        Scope.EVERYWHERE,
        show=False,
    ),
    KeySpec(
        "reindex",
        "ctrl+r",
        "screen.reindex",
        "Re-index",
        "Look for new, changed and removed documents and update the search index",
        Scope.EVERYWHERE,
        show=False,
        palette=True,
        title="Re-index the corpus",
    ),
    KeySpec(
        "palette",
        "ctrl+p",
        "app.command_palette",
        "Commands",
        "Command palette: every action, and the colour theme",
        Scope.EVERYWHERE,
        builtin=True,
    ),
    # -- lists ----------------------------------------------------------------------------------
    KeySpec("list-down", "j,down", "cursor_down", "Down", "Move down", Scope.LISTS, show=False),
    KeySpec("list-up", "k,up", "cursor_up", "Up", "Move up", Scope.LISTS, show=False),
    KeySpec("list-first", "g,home", "first", "First", "Go to the first item", Scope.LISTS, show=False),
    KeySpec("list-last", "G,end", "last", "Last", "Go to the last item", Scope.LISTS, show=False),
    KeySpec("list-page-down", "pagedown", "page_down", "Page down", "Move down a page", Scope.LISTS, show=False),
    KeySpec("list-page-up", "pageup", "page_up", "Page up", "Move up a page", Scope.LISTS, show=False),
    KeySpec("list-open", "enter", "select", "Open", "Open the selected item", Scope.LISTS),
    KeySpec(
        "list-filter",
        "f",
        "start_filter",
        "Filter",
        "Filter the list. Typing a letter that is not a key here starts the filter too; "
        "j k g G and the pane's own letters keep their job, so press f first to filter on them",
        Scope.LISTS,
    ),
    KeySpec("list-clear-filter", "escape", "clear_filter", "Clear filter", "Clear the list's filter", Scope.LISTS),
    # -- search results -------------------------------------------------------------------------
    KeySpec(
        "clear-search",
        "escape",
        "screen.clear_search",
        "All sources",
        "Leave the search results and list all sources again",
        Scope.RESULTS,
        palette=True,
        title="Clear search: list all sources",
    ),
    # -- reader ---------------------------------------------------------------------------------
    KeySpec(
        "next-mark",
        "n",
        "step_mark(1)",
        "Next",
        "Go to the next search hit, entity mention or evidence passage",
        Scope.READER,
        palette=True,
        title="Next hit or mention",
    ),
    KeySpec(
        "previous-mark",
        "N",
        "step_mark(-1)",
        "Previous",
        "Go to the previous search hit, entity mention or evidence passage",
        Scope.READER,
        palette=True,
        title="Previous hit or mention",
    ),
    KeySpec(
        "toggle-mentions",
        "e",
        "toggle_mentions",
        "Entities",
        "Show or hide entity mentions in the reader",
        Scope.READER,
        palette=True,
        title="Toggle entity highlights",
    ),
    KeySpec("reader-down", "j", "cursor_down", "Down", "Move down a line", Scope.READER_TEXT, show=False),
    KeySpec("reader-up", "k", "cursor_up", "Up", "Move up a line", Scope.READER_TEXT, show=False),
    KeySpec("reader-top", "g", "go_top", "Top", "Go to the start of the document", Scope.READER_TEXT, show=False),
    KeySpec(
        "reader-bottom", "G", "go_bottom", "Bottom", "Go to the end of the document", Scope.READER_TEXT, show=False
    ),
    KeySpec(
        "reader-page-down",
        "pagedown,space",
        "cursor_page_down",
        "Page down",
        "Move down a page",
        Scope.READER_TEXT,
        show=False,
    ),
    KeySpec("reader-page-up", "pageup", "cursor_page_up", "Page up", "Move up a page", Scope.READER_TEXT, show=False),
    KeySpec(  # issue 15
        "page-jump",
        "P",
        "page_jump",
        "Go to page",
        "Go to a page of a paged document (PDF): its number, or +N / -N pages from here",
        Scope.READER,
        show=False,
        palette=True,
        title="Go to page",
    ),
    # -- selecting and annotating in the reader ---------------------------------------------------
    KeySpec(
        "select",
        "v",
        "select_mode",
        "Select",
        "Start (or stop) selecting: then w b ( ) { } j k and the arrows extend the selection",
        Scope.READER,
        palette=True,
        title="Select a passage",
    ),
    KeySpec(
        "select-sentence",
        "s",
        "select_sentence",
        "Sentence",
        "Select the sentence at the cursor",
        Scope.READER,
        palette=True,
        title="Select the sentence",
    ),
    KeySpec(
        "select-paragraph",
        "p",
        "select_paragraph",
        "Paragraph",
        "Select the paragraph at the cursor",
        Scope.READER,
        show=False,
        palette=True,
        title="Select the paragraph",
    ),
    KeySpec("clear-selection", "escape", "clear_selection", "Clear", "Clear the selection", Scope.READER_TEXT),
    KeySpec(
        "word-forward",
        "w",
        "word_forward",
        "Word →",
        "Next word (extends the selection)",
        Scope.READER_TEXT,
        show=False,
    ),
    KeySpec(
        "word-back", "b", "word_back", "Word ←", "Previous word (extends the selection)", Scope.READER_TEXT, show=False
    ),
    KeySpec(
        "sentence-forward",
        "right_parenthesis",
        "sentence_forward",
        "Sentence →",
        "Next sentence (extends the selection)",
        Scope.READER_TEXT,
        show=False,
    ),
    KeySpec(
        "sentence-back",
        "left_parenthesis",
        "sentence_back",
        "Sentence ←",
        "Start of this or the previous sentence (extends the selection)",
        Scope.READER_TEXT,
        show=False,
    ),
    KeySpec(
        "paragraph-forward",
        "right_curly_bracket",
        "paragraph_forward",
        "Paragraph →",
        "Next paragraph (extends the selection)",
        Scope.READER_TEXT,
        show=False,
    ),
    KeySpec(
        "paragraph-back",
        "left_curly_bracket",
        "paragraph_back",
        "Paragraph ←",
        "Start of this or the previous paragraph (extends the selection)",
        Scope.READER_TEXT,
        show=False,
    ),
    KeySpec(
        "extend-selection",
        "shift+up,shift+down,shift+left,shift+right",
        "extend",
        "Extend",
        "Shift+arrows (or a mouse drag) select too",
        Scope.READER_TEXT,
        show=False,
        builtin=True,
    ),
    KeySpec(
        "tag",
        "t",
        "tag",
        "Tag",
        "Tag the selection (or retag the annotation at the cursor)",
        Scope.READER,
        palette=True,
        title="Tag the passage",
    ),
    KeySpec(
        "note",
        "a",
        "note",
        "Note",
        "Write a note on the selection (or edit the annotation's note)",
        Scope.READER,
        palette=True,
        title="Write a note",
    ),
    KeySpec(
        "add-to-case",
        "c",
        "add_to_case",
        "Case",
        "Add the selection (or the annotation) to the case file",
        Scope.READER,
        palette=True,
        title="Add the passage to the case file",
    ),
    KeySpec(
        "annotation-details",
        "enter",
        "show_annotation",
        "Details",
        "Show the tags, note and case links of the annotation at the cursor",
        Scope.READER,
        show=False,
        palette=True,
        title="Show the annotation",
    ),
    KeySpec(
        "previous-annotation",
        "left_square_bracket",
        "step_annotation(-1)",
        "Prev ✎",
        "Go to the previous annotation in the document",
        Scope.READER,
        show=False,
        palette=True,
        title="Previous annotation",
    ),
    KeySpec(
        "next-annotation",
        "right_square_bracket",
        "step_annotation(1)",
        "Next ✎",
        "Go to the next annotation in the document",
        Scope.READER,
        palette=True,
        title="Next annotation",
    ),
    # issue 13: an annotation can be deleted in the app (undoable, like every change)
    KeySpec(
        "delete-annotation",
        "d,delete",
        "delete_annotation",
        "Delete ✎",
        "Delete the annotation at the cursor (ctrl+z brings it back)",
        Scope.READER,
        show=False,
        palette=True,
        key_display="d",
        title="Delete the annotation",
    ),
    # -- search bar -----------------------------------------------------------------------------
    KeySpec(
        "search-results",
        "enter,down",
        "show_results",
        "Results",
        "Go to the results of the query (or stay here and see what is wrong with it)",
        Scope.SEARCH,
    ),
    KeySpec("search-leave", "escape", "leave", "Back", "Leave the search bar", Scope.SEARCH),
    # -- list filter ----------------------------------------------------------------------------
    KeySpec("filter-done", "enter,down", "done", "Keep filter", "Back to the list, keeping the filter", Scope.FILTER),
    KeySpec("filter-cancel", "escape", "cancel", "Clear", "Clear the filter and go back to the list", Scope.FILTER),
    # -- help screen ----------------------------------------------------------------------------
    KeySpec("help-close", "escape", "close", "Close", "Close the help screen", Scope.HELP),
    # -- dialogs --------------------------------------------------------------------------------
    KeySpec(
        "tags-confirm",
        "enter",
        "confirm",
        "Apply",
        "Apply the chosen tags and what is typed (commas separate several)",
        Scope.TAG_PICKER,
        builtin=True,
    ),
    KeySpec(
        "tags-complete",
        "tab",
        "complete",
        "Complete",
        "Add the highlighted tag of the list and keep choosing",
        Scope.TAG_PICKER,
    ),
    KeySpec(
        "tags-down", "down", "list_down", "Next tag", "Highlight the next tag of the list", Scope.TAG_PICKER, show=False
    ),
    KeySpec(
        "tags-up",
        "up",
        "list_up",
        "Previous tag",
        "Highlight the previous tag of the list",
        Scope.TAG_PICKER,
        show=False,
    ),
    KeySpec("tags-cancel", "escape", "cancel", "Cancel", "Close without tagging", Scope.TAG_PICKER),
    KeySpec("note-save", "ctrl+s", "save", "Save", "Save the note", Scope.NOTE_EDITOR),
    KeySpec("note-cancel", "escape", "cancel", "Cancel", "Close without saving", Scope.NOTE_EDITOR),
    KeySpec(
        "picker-pick",
        "enter",
        "pick",
        "Pick",
        "Pick the highlighted choice (what you type filters the list; the best match is highlighted)",
        Scope.PICKER,
    ),
    KeySpec("picker-down", "down", "move(1)", "Next", "Highlight the next choice", Scope.PICKER, show=False),
    KeySpec("picker-up", "up", "move(-1)", "Previous", "Highlight the previous choice", Scope.PICKER, show=False),
    KeySpec("picker-page-down", "pagedown", "move(10)", "Page down", "Ten choices down", Scope.PICKER, show=False),
    KeySpec("picker-page-up", "pageup", "move(-10)", "Page up", "Ten choices up", Scope.PICKER, show=False),
    KeySpec("picker-cancel", "escape", "cancel", "Cancel", "Close without picking", Scope.PICKER),
    KeySpec("details-close", "escape,enter", "close", "Close", "Close the details", Scope.DETAILS),
)

# -- part 2: the case file, the review queue and entity corrections ---------------------------------
KEYS += (
    KeySpec(
        "undo",
        "ctrl+z",
        "screen.undo",
        "Undo",
        "Undo the last change to annotations, the case file or entities",
        Scope.EVERYWHERE,
        palette=True,
    ),
    KeySpec("redo", "ctrl+y", "screen.redo", "Redo", "Redo the last undone change", Scope.EVERYWHERE, palette=True),
    KeySpec(
        "export",
        "x",
        "screen.export_case",
        "Export",
        "Export the case file (Markdown, HTML, W3C JSON or CSV) next to it",
        Scope.EVERYWHERE,
        palette=True,
        title="Export the case file",
    ),
    KeySpec(
        "review",
        "R",
        "screen.show_review",
        "Review",
        "Annotations whose document changed: re-attach, accept or dismiss them",
        Scope.EVERYWHERE,
        palette=True,
        title="Review queue",
    ),
    KeySpec(
        "case-move-down",
        "J,shift+down",
        "case_move(1)",
        "Move down",
        "Move the case item down (into the next section at the end of one)",
        Scope.CASE,
        palette=True,
        key_display="J",
        title="Case: move item down",
    ),
    KeySpec(
        "case-move-up",
        "K,shift+up",
        "case_move(-1)",
        "Move up",
        "Move the case item up (into the previous section at the top of one)",
        Scope.CASE,
        palette=True,
        key_display="K",
        title="Case: move item up",
    ),
    KeySpec(
        "case-section",
        "m",
        "case_to_section",
        "Section",
        "Move the case item to another section (or a new one)",
        Scope.CASE,
        palette=True,
        title="Case: move item to a section",
    ),
    KeySpec(
        "case-link",
        "l",
        "case_link",
        "Link",
        "Link the case item to another: supports, contradicts, updates, same event, mentions, related",
        Scope.CASE,
        palette=True,
        title="Case: link item to another",
    ),
    KeySpec(
        "case-grade",
        "r",
        "case_grade",
        "Grade",
        "Grade the passage: source reliability A–F, information credibility 1–6",
        Scope.CASE,
        palette=True,
        title="Case: grade passage",
    ),
    KeySpec(
        "case-note",
        "a",
        "case_add_note",
        "Note",
        "Add a free note to the case file",
        Scope.CASE,
        palette=True,
        title="Case: add a free note",
    ),
    KeySpec(
        "case-remove",
        "d,delete",
        "case_remove",
        "Remove",
        "Remove the item from the case file (ctrl+z brings it back)",
        Scope.CASE,
        palette=True,
        key_display="d",
        title="Case: remove item",
    ),
    KeySpec(
        "entity-merge",
        "m",
        "entity_merge",
        "Merge",
        "Merge this entity with another one you pick",
        Scope.ENTITIES,
        palette=True,
        title="Entity: merge",
    ),
    KeySpec(
        "entity-split",
        "s",
        "entity_split",
        "Split",
        "Split one alias off this entity into an entity of its own",
        Scope.ENTITIES,
        palette=True,
        title="Entity: split off an alias",
    ),
    KeySpec(
        "entity-rename",
        "r",
        "entity_rename",
        "Rename",
        "Rename this entity",
        Scope.ENTITIES,
        palette=True,
        title="Entity: rename",
    ),
    KeySpec(
        "entity-retype",
        "T",
        "entity_retype",
        "Type",
        "Change this entity's type (person, organisation, …)",
        Scope.ENTITIES,
        palette=True,
        title="Entity: change type",
    ),
    KeySpec(
        "entity-hide",
        "h",
        "entity_hide",
        "Hide",
        "Hide this entity everywhere (not a real entity)",
        Scope.ENTITIES,
        palette=True,
        title="Entity: hide",
    ),
    KeySpec(
        "entity-suggestions",
        "S",
        "entity_suggestions",
        "Suggestions",
        "Suggested merges of entities that may be the same: accept or reject each",
        Scope.ENTITIES,
        palette=True,
        title="Entity: suggested merges",
    ),
    # issue 14
    KeySpec(
        "entity-unmerge",
        "u",
        "entity_unmerge",
        "Unmerge",
        "Undo the automatic merge of this entity (merged on evidence: same title, first name, co-mentions)",
        Scope.ENTITIES,
        palette=True,
        title="Entity: undo an automatic merge",
    ),
    # issue 14
    KeySpec(
        "source-date",
        "D",
        "source_date",
        "Date",
        "Set, correct or clear the document's publication date (2026-04-17, 2026-04 or 2026)",
        Scope.SOURCES,
        palette=True,
        title="Source: set the publication date",
    ),
    # issue 13: the best few candidates when they are close; the analyst chooses, then accepts
    KeySpec(
        "review-previous-candidate",
        "left_square_bracket",
        "choose(-1)",
        "Prev cand.",
        "Choose the previous of the close candidates (marked ▶)",
        Scope.REVIEW,
        show=False,
    ),
    KeySpec(
        "review-next-candidate",
        "right_square_bracket",
        "choose(1)",
        "Next cand.",
        "Choose the next of the close candidates (marked ▶): a accepts it, r re-attaches to it",
        Scope.REVIEW,
    ),
    KeySpec(
        "review-accept",
        "a",
        "accept",
        "Accept",
        "Accept the chosen candidate (the best unless [ ] chose another): the passage is where it is now",
        Scope.REVIEW,
    ),
    KeySpec(
        "review-reattach",
        "r",
        "reattach",
        "Re-attach",
        "Re-attach the annotation to the candidate (or to the passage selected in the reader)",
        Scope.REVIEW,
    ),
    KeySpec(
        "review-dismiss",
        "d",
        "dismiss_item",
        "Dismiss",
        "Keep the annotation as orphaned and take it out of the queue (its quote is kept)",
        Scope.REVIEW,
    ),
    KeySpec("review-close", "escape", "close", "Close", "Close the review queue", Scope.REVIEW),
    KeySpec(
        "suggestion-accept",
        "enter",
        "select",
        "Accept",
        "Accept the highlighted suggestion: merge the two entities",
        Scope.SUGGESTIONS,
        builtin=True,
    ),
    KeySpec("suggestion-reject", "d", "reject", "Reject", "Reject the suggested merge", Scope.SUGGESTIONS),
    KeySpec("suggestion-cancel", "escape", "cancel", "Close", "Close the suggestions", Scope.SUGGESTIONS),
    KeySpec("dialog-cancel", "escape", "cancel", "Cancel", "Close the dialog without changing anything", Scope.DIALOG),
    # issue 16: provenance
    KeySpec(
        "source-compare",
        "equals_sign",
        "compare_source",
        "Compare",
        "Compare the source with the document it copies or rewrites (or that rewrites it), side by side",
        Scope.SOURCES,
        palette=True,
        key_display="=",
        title="Source: compare with its copy or rewrite",
    ),
    KeySpec("compare-down", "j,down", "scroll(1)", "Down", "Scroll down", Scope.COMPARE, show=False),
    KeySpec("compare-up", "k,up", "scroll(-1)", "Up", "Scroll up", Scope.COMPARE, show=False),
    KeySpec("compare-next", "n", "next_pair", "Next pair", "Show the source's next copy or rewrite", Scope.COMPARE),
    KeySpec("compare-close", "escape", "close", "Close", "Close the compare view", Scope.COMPARE),
    KeySpec(
        "source-offers",
        "O",
        "source_offers",
        "Offers",
        "Annotations that could follow into the copies and rewrites of their documents: accept or dismiss each",
        Scope.SOURCES,
        palette=True,
        title="Annotations offered on copies and rewrites",
    ),
    KeySpec(
        "offer-accept",
        "enter",
        "select",
        "Accept",
        "Accept the offer: annotate the passage of the other document with the same tags and note",
        Scope.OFFERS,
        builtin=True,
    ),
    KeySpec("offer-dismiss", "d", "dismiss_offer", "Dismiss", "Dismiss the offer: it is not made again", Scope.OFFERS),
    KeySpec("offer-cancel", "escape", "cancel", "Close", "Close the offers", Scope.OFFERS),
)

# -- issue 13: the overview layer (codebook, entity profiles, find, layout, facets) ---------------
KEYS += (
    KeySpec(
        "codebook",
        "6",
        "screen.show_codebook",
        "Codebook",
        "The codebook: every tag with its count, colour and description; rename, merge, export its passages",
        Scope.EVERYWHERE,
        show=False,
        palette=True,
        title="Codebook: all tags",
    ),
    KeySpec("codebook-rename", "r", "rename", "Rename", "Rename the tag on every annotation", Scope.CODEBOOK),
    KeySpec(
        "codebook-merge", "m", "merge", "Merge", "Merge the tag into another one (on every annotation)", Scope.CODEBOOK
    ),
    KeySpec("codebook-describe", "e", "describe", "Describe", "Write the tag's description", Scope.CODEBOOK),
    KeySpec(
        "codebook-export",
        "x",
        "export",
        "Export",
        "Export every passage with the tag (Markdown or CSV) into the corpus folder",
        Scope.CODEBOOK,
    ),
    KeySpec(
        "codebook-switch",
        "tab,shift+tab",
        "switch",
        "Tags/passages",
        "Move between the tags and the passages of the highlighted tag",
        Scope.CODEBOOK,
        key_display="Tab",
    ),
    KeySpec(
        "codebook-undo", "ctrl+z", "undo", "Undo", "Undo the last change (a whole rename or merge)", Scope.CODEBOOK
    ),
    KeySpec("codebook-redo", "ctrl+y", "redo", "Redo", "Redo the last undone change", Scope.CODEBOOK, show=False),
    KeySpec("codebook-close", "escape", "close", "Close", "Close the codebook", Scope.CODEBOOK),
    KeySpec(
        "profile-search",
        "slash",
        "search_entity",
        "Search",
        'Search the corpus for this entity (entity:"name")',
        Scope.PROFILE,
        key_display="/",
    ),
    KeySpec("profile-add", "c", "add_entity", "Case", "Add this entity to the case file", Scope.PROFILE),
    KeySpec(
        "profile-switch",
        "tab,shift+tab",
        "switch",
        "Next list",
        "Move between the mentions, the documents and the co-occurring entities",
        Scope.PROFILE,
        key_display="Tab",
    ),
    KeySpec("profile-close", "escape", "close", "Close", "Close the profile", Scope.PROFILE),
    KeySpec(
        "zoom-pane",
        "z",
        "screen.zoom_pane",
        "Zoom",
        "Show the pane you are in on the whole screen, or go back to all the panes",
        Scope.EVERYWHERE,
        show=False,
        palette=True,
        title="Zoom the pane (and back)",
    ),
    KeySpec(
        "narrower-sources",
        "less_than_sign",
        "screen.resize_split(-1)",
        "Narrower",
        "Make the sources column narrower (the reader wider); remembered for this corpus",
        Scope.EVERYWHERE,
        show=False,
        palette=True,
        key_display="<",
        title="Sources column narrower",
    ),
    KeySpec(
        "wider-sources",
        "greater_than_sign",
        "screen.resize_split(1)",
        "Wider",
        "Make the sources column wider (the reader narrower); remembered for this corpus",
        Scope.EVERYWHERE,
        show=False,
        palette=True,
        key_display=">",
        title="Sources column wider",
    ),
    KeySpec(
        "facets",
        "F",
        "facets",
        "Facets",
        "Narrow the search by outlet, month, tag, entity or format (with counts); recent and saved searches",
        Scope.SOURCES,
        palette=True,
        title="Facets, recent and saved searches",
    ),
    KeySpec(
        "facet-strip",
        "v",
        "facet_strip",
        "Counts",
        "Move into the facet counts under the results (←/→ choose, enter narrows the search)",
        Scope.SOURCES,
        palette=True,
        title="Facet counts: narrow the results",
    ),
    KeySpec("facet-strip-left", "left,h", "step(-1)", "←", "The facet value before", Scope.FACET_STRIP, show=False),
    KeySpec("facet-strip-right", "right,l", "step(1)", "→", "The next facet value", Scope.FACET_STRIP, show=False),
    KeySpec(
        "facet-strip-pick",
        "enter",
        "pick",
        "Narrow",
        "Keep the search to this value (its clause is added to the search line); on a value in use, drop it",
        Scope.FACET_STRIP,
    ),
    KeySpec("facet-strip-leave", "escape", "leave", "Back", "Back to the results", Scope.FACET_STRIP),
    KeySpec(
        "sort-results",
        "o",
        "sort_results",
        "Sort",
        "Sort the results by relevance, date (newest first) or title",
        Scope.SOURCES,
        palette=True,
        title="Sort the results",
    ),
    KeySpec(
        "case-header",
        "E",
        "case_header",
        "Title",
        "Set the case's title, summary and key questions",
        Scope.CASE,
        palette=True,
        title="Case: title, summary and key questions",
    ),
    KeySpec(
        "case-item-note",
        "A",
        "case_item_note",
        "Item note",
        "Write the highlighted item's own note (its meaning for the case)",
        Scope.CASE,
        palette=True,
        title="Case: note on the item",
    ),
    KeySpec(
        "case-follow-link",
        "L",
        "case_follow_link",
        "Go to link",
        "Go to an item the highlighted one links to (or is linked from)",
        Scope.CASE,
        palette=True,
        title="Case: go to a linked item",
    ),
    KeySpec(
        "entity-add-to-case",
        "c",
        "entity_add_to_case",
        "Case",
        "Add the highlighted entity (its names and mentions) to the case file",
        Scope.ENTITIES,
        palette=True,
        title="Entity: add to the case file",
    ),
    KeySpec(
        "event-add-to-case",
        "c",
        "event_add_to_case",
        "Case",
        "Add the highlighted event (its evidence and date) to the case file",
        Scope.EVENTS,
        palette=True,
        title="Event: add to the case file",
    ),
    KeySpec(
        "event-flags",
        "exclamation_mark",
        "event_flags",
        "Flags",
        "Pairs of events worth comparing (contradiction, development, numbers differ), the passages side by side",
        Scope.EVENTS,
        palette=True,
        key_display="!",
        title="Events: flags, passages side by side",
    ),
    KeySpec("flags-close", "escape", "close", "Close", "Close the event flags", Scope.FLAGS),
    KeySpec(
        "find-in-document",
        "ctrl+f",
        "find",
        "Find",
        "Find words in this document (any case); then n / N go from one place to the next",
        Scope.READER,
        palette=True,
        title="Find in the document",
    ),
    KeySpec(
        "copy-citation",
        "y",
        "copy_citation",
        "Copy",
        "Copy the selection (or the annotation at the cursor) with its citation to the clipboard",
        Scope.READER,
        palette=True,
        title="Copy the passage with its citation",
    ),
)


def bindings(*scopes: Scope) -> list[BindingType]:
    """The Textual bindings of the keys that work in these scopes."""
    return [spec.binding() for spec in KEYS if spec.scope in scopes and not spec.builtin]


def palette_commands() -> list[KeySpec]:
    """The actions the command palette offers."""
    return [spec for spec in KEYS if spec.palette]


def binding_ids() -> frozenset[str]:
    """Every binding id a keymap may name."""
    return frozenset(spec.id for spec in KEYS if not spec.builtin)


def spec(name: str) -> KeySpec:
    """The key spec called ``name``."""
    for candidate in KEYS:
        if candidate.name == name:
            return candidate
    raise KeyError(name)
