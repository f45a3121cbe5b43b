"""Streamlit's own words on a page, in the session's language: its file uploader's words ("Upload", "50MB per
file", "Remove <file>", a file's size, why it refused a file or could not send it, what it says while a file is
dragged over it), a number box's − / + buttons, the "Press Enter to apply" under a box being typed into, and the
"Help for ..." a screen reader says for each help (?) icon.

Streamlit's frontend writes them in English whatever the page's language, and has no setting
for them (Streamlit 1.67). For the uploader's button and instructions, in any other language a style sheet
hides them and writes the page's own words in their place (generated content, which screen readers read
too); English keeps Streamlit's words. The size Streamlit states is the box's ``max_upload_size``, which
each box's label gives too; so the translation names no size. A file over it is refused in the
browser, and ui/upload_box.py says so in the session's language.

The others are attributes (``aria-label="Help for Hidden nodes"``, ``aria-label="Increment"``), which no
style sheet can change, or texts with a part Streamlit fills in (a file's name, its type), which a style
sheet cannot repeat: a small script (an ``st.components.v2`` component: its code constant, the
:data:`PLACES` and their words its data) renames each as it appears, and again whenever Streamlit writes its
English back (React does when a label changes). It runs in every language, so a word renamed in Russian is
English again after a switch, even an icon whose label is the same in both ("Language · Язык").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import streamlit as st

from ui.i18n.current import DEFAULT_LANGUAGE, current_language
from ui.i18n import numbers
from ui.i18n.translate import N_, _

# Translators: the button of every file upload box
UPLOAD_BUTTON = N_("Choose a file")
# Translators: a select box's words when nothing is in its field (its placeholder, shown when a learner empties the
# field to search, and there for a screen reader even with a choice made)
CHOOSE_AN_OPTION = N_("Choose an option")
# Translators: beside the upload button
DROP_HERE = N_("or drop it here")
# Translators: what a screen reader says for a help (?) icon with no label
HELP = N_("Help")
# Translators: what a screen reader says for the help (?) icon beside a widget; {label} is the widget's label
HELP_FOR = N_("Help for {label}")
# Translators: what a screen reader says for a number box's + button
INCREMENT = N_("Increment")
# Translators: what a screen reader says for a number box's − button
DECREMENT = N_("Decrement")
# Translators: what a screen reader says for the × button that empties a number box
CLEAR_VALUE = N_("Clear value")
# Translators: under a text or number box being typed into; {key} is "Enter" (or "Ctrl+Enter"), keep it as it is
PRESS_TO_APPLY = N_("Press {key} to apply")
# Translators: under a text or number box in a form being typed into; {key} is "Enter", keep it as it is
PRESS_TO_SUBMIT = N_("Press {key} to submit form")
# Translators: what a screen reader says for the × button beside a file in an upload box; {file} is its name
REMOVE_FILE = N_("Remove {file}")
# Translators: what a screen reader says for the × button beside a file still being sent; {file} is its name
CANCEL_UPLOAD = N_("Cancel upload of {file}")
# Translators: what a screen reader says for the + button beside the file in an upload box: it opens the file
# picker again (Streamlit says "Add files"; each box here takes one file, which the one picked replaces)
ANOTHER_FILE = N_("Choose another file")
# Translators: over an upload box while a file is dragged over it
DROP_A_FILE = N_("Drag and drop a file here")
# Translators: over an upload box that takes several files while files are dragged over it
DROP_FILES = N_("Drag and drop files here")
# Translators: why an upload box refused a file; {type} is the file's type as the browser names it ("text/plain")
TYPE_NOT_ALLOWED = N_("{type} files are not allowed.")
# Translators: why an upload box refused a file whose type the browser could not name
UNNAMED_TYPE_NOT_ALLOWED = N_("Files of this type are not allowed.")
# Translators: what a screen reader says before why a file or a number was refused; keep the space at the end
ERROR_BEFORE = N_("Error: ")
# Translators: in bold, before why a number box refused a number (": Number is ...")
ERROR = N_("Error")
# Translators: a number box refused a value outside its bounds; {low} and {high} are its bounds ("1", "10000")
OUTSIDE_RANGE = N_("Number is outside the allowed range. Please enter a value between {low} and {high}.")
# Translators: a number box refused a value under its lowest, {low}
BELOW_RANGE = N_("Number is below the allowed range. Please enter a value greater than or equal to {low}.")
# Translators: a number box refused a value over its highest, {high}
ABOVE_RANGE = N_("Number is above the allowed range. Please enter a value less than or equal to {high}.")
# Translators: a number box with no lowest of its own refused a value too low for any number box
BELOW_ANY = N_("Number is below the allowed range.")
# Translators: a number box with no highest of its own refused a value too high for any number box
ABOVE_ANY = N_("Number is above the allowed range.")
# Translators: why a file could not be sent, when Streamlit has no reason of its own
UPLOAD_FAILED = N_("Upload failed")
# Translators: the tooltip of a file whose sending failed: a click sends it again
RETRY_UPLOAD = N_("Click to retry upload")
# Translators: why a file could not be sent: the browser's request to the server failed before any answer (the
# network, or the server down)
NO_CONNECTION = N_("Could not send the file: no connection to the server")
# Translators: why a file could not be sent: the server answered its request with an HTTP error; {status} is its
# number ("503"), keep it as it is
SERVER_ERROR = N_("Could not send the file: the server answered with error {status}")
# Translators: what a screen reader says for the arrow button that opens a select box's list
OPEN_LIST = N_("Open")
# Translators: in a select box's open list when what the learner typed matches no choice
NO_RESULTS = N_("No results")
# Translators: what a screen reader says for the × beside a choice in a box of several choices; {option} is the choice
REMOVE_OPTION = N_("Remove {option}")
# Translators: what a screen reader says for the × that empties a box of several choices
CLEAR_ALL = N_("Clear all")
# Translators: what a screen reader says for the choices made in a box of several choices
SELECTED_VALUES = N_("Selected values")
# Translators: a button over a picture, chart or table (its tooltip, and what a screen reader says, then what the
# picture is): show it on the whole screen
FULLSCREEN = N_("Fullscreen")
# Translators: a button over a picture, chart or table shown on the whole screen: back to the page
CLOSE_FULLSCREEN = N_("Close fullscreen")
# Translators: a button over a table: save it as a CSV file
DOWNLOAD_AS_CSV = N_("Download as CSV")
# Translators: a button over a table: find a text in it
SEARCH = N_("Search")
# Translators: a button over a table: choose which columns it shows
SHOW_HIDE_COLUMNS = N_("Show/hide columns")
# Translators: a button over a piece of code: copy it
COPY_TO_CLIPBOARD = N_("Copy to clipboard")
# Translators: the same button once it has copied the code
COPIED = N_("Copied")
# Translators: what a screen reader says for the button that hides the sidebar
COLLAPSE_SIDEBAR = N_("Collapse sidebar")
# Translators: what a screen reader says for the button that shows the sidebar again (on a phone: opens it)
EXPAND_SIDEBAR = N_("Expand sidebar")
# Translators: what a screen reader calls the sidebar
SIDEBAR = N_("Sidebar")
# Translators: what a screen reader says for the arrows beside tabs too many for the screen's width
SCROLL_TABS_LEFT = N_("Scroll tabs left")
# Translators: see "Scroll tabs left"
SCROLL_TABS_RIGHT = N_("Scroll tabs right")
# Translators: what a screen reader says for an upload box's hidden file field
FILE_UPLOAD = N_("file upload")
# Translators: the first thing a keyboard's Tab reaches on a page: a link past the menu to the page's content
SKIP_TO_CONTENT = N_("Skip to main content")
# Translators: what a screen reader says for the link icon beside a heading (its address)
LINK_TO_HEADING = N_("Link to heading")
# Translators: what a screen reader calls a progress bar (Streamlit writes the bar's own words above it, apart)
PROGRESS = N_("progress")
# Translators: what a screen reader says for a colour box's button, which opens its colour picker; {label} is the
# box's label
COLOR_PICKER = N_("{label} color picker")
# Translators: what a screen reader calls the menu a table's column header opens
COLUMN_MENU = N_("Dataframe column menu")
# Translators: the tooltip of the icon at the top of a table column's menu: the column holds text
TEXT_COLUMN = N_("text")
# Translators: the tooltip of the icon at the top of a table column's menu: the column holds numbers
NUMBER_COLUMN = N_("number")
# Translators: a button beside a column's name at the top of its menu (its tooltip and what a screen reader says)
COPY_COLUMN_NAME = N_("Copy column name")
# Translators: an item of a table column's menu: sort the table's rows by this column, smallest first
SORT_ASCENDING = N_("Sort ascending")
# Translators: an item of a table column's menu: sort the table's rows by this column, largest first
SORT_DESCENDING = N_("Sort descending")
# Translators: an item of a table column's menu: opens the column's statistics (how many values, average ...)
STATISTICS = N_("Statistics")
# Translators: an item of a table column's menu: opens the ways its numbers can be written
FORMAT = N_("Format")
# Translators: an item of a table column's menu: make the column as wide as its widest value
AUTOSIZE = N_("Autosize")
# Translators: an item of a table column's menu: keep the column on the left while the table scrolls sideways
PIN_COLUMN = N_("Pin column")
# Translators: an item of a table column's menu: undo "Pin column"
UNPIN_COLUMN = N_("Unpin column")
# Translators: an item of a table column's menu
HIDE_COLUMN = N_("Hide column")
#: The ways a number column can be written, as its menu's Format names them (Streamlit's words -> the message).
NUMBER_FORMATS = {
    # Translators: a way to write a table column's numbers: as Streamlit chooses
    "Automatic": N_("Automatic"),
    # Translators: a way to write a table column's numbers: as the browser's own language writes them
    "Localized": N_("Localized"),
    # Translators: a way to write a table column's numbers: the number alone, no thousands separators
    "Plain": N_("Plain"),
    # Translators: a way to write a table column's numbers: shortened (1.2K for 1,200)
    "Compact": N_("Compact"),
    # Translators: a way to write a table column's numbers: as an amount in dollars
    "Dollar": N_("Dollar"),
    # Translators: a way to write a table column's numbers: as an amount in euros
    "Euro": N_("Euro"),
    # Translators: a way to write a table column's numbers: as an amount in yen
    "Yen": N_("Yen"),
    # Translators: a way to write a table column's numbers: as a percentage
    "Percent": N_("Percent"),
    # Translators: a way to write a table column's numbers: in scientific notation (1.2E3)
    "Scientific": N_("Scientific"),
    # Translators: a way to write a table column's numbers: as an accountant does (negatives in brackets)
    "Accounting": N_("Accounting"),
    # Translators: a way to write a table column's numbers: as a length of time
    "Duration": N_("Duration"),
}
#: What a column's Statistics shows, each with the value beside it (Streamlit's words -> the message).
COLUMN_STATISTICS = {
    # Translators: a table column's statistics: how many values it has
    "Values": N_("Values"),
    # Translators: a table column's statistics: how many of its cells are empty
    "Empty": N_("Empty"),
    # Translators: a table column's statistics: how many different values it has
    "Distinct": N_("Distinct"),
    # Translators: a table column's statistics: the mean of its numbers
    "Average": N_("Average"),
    # Translators: a table column's statistics
    "Standard deviation": N_("Standard deviation"),
    # Translators: a table column's statistics: its smallest number
    "Minimum": N_("Minimum"),
    # Translators: a table column's statistics
    "25th percentile": N_("25th percentile"),
    # Translators: a table column's statistics
    "Median": N_("Median"),
    # Translators: a table column's statistics
    "75th percentile": N_("75th percentile"),
    # Translators: a table column's statistics: its largest number
    "Maximum": N_("Maximum"),
    # Translators: a table column's statistics: its numbers added up
    "Sum": N_("Sum"),
    # Translators: a table column's statistics: the fewest letters in one of its texts
    "Minimum length": N_("Minimum length"),
    # Translators: a table column's statistics: the most letters in one of its texts
    "Maximum length": N_("Maximum length"),
    # Translators: a table column's statistics: the mean number of letters in its texts
    "Average length": N_("Average length"),
}
# Translators: what a screen reader calls the chart in a number column's statistics
HISTOGRAM = N_("Distribution histogram")
# Translators: what a screen reader calls the chart in a text column's statistics, before each value and how often it
# is there
TOP_VALUES = N_("Top values frequency chart")
# Translators: a table column's statistics when it has no values
NO_DATA = N_("No data")
# Translators: under a large table column's statistics: counted on some of its values only
BASED_ON_SAMPLE = N_("Based on sample")
#: A file's size as Streamlit writes it (``5.0B``, ``1.2MB``: one decimal, a point, the unit in capitals), by its
#: unit: the size in the session's language, {number} being Streamlit's number with the language's decimal sign.
SIZE_UNITS = {
    # Translators: a file's size in bytes beside its name in an upload box ("5.0B"); {number} has the language's
    # decimal sign. Russian: a no-break space before the unit («5,0 Б»)
    "B": N_("{number}B"),
    # Translators: a file's size in kilobytes beside its name in an upload box ("0.6KB"; «0,6 КБ»)
    "KB": N_("{number}KB"),
    # Translators: a file's size in megabytes beside its name in an upload box ("1.2MB"; «1,2 МБ»)
    "MB": N_("{number}MB"),
    # Translators: a file's size in gigabytes beside its name in an upload box ("1.5GB"; «1,5 ГБ»)
    "GB": N_("{number}GB"),
}


@dataclass(frozen=True)
class Place:
    """Where Streamlit 1.67's frontend writes some of its English words: in the elements ``selector`` finds, in
    their ``attribute`` (None: in their own text), as one of ``phrases``: (Streamlit's words, with a
    ``{hole}`` for each part it fills in, such as a label or a file's name; the message saying them here, with the
    same holes, or None: Streamlit's words, only what fills the holes in the session's language). What fills a
    hole is kept as it is, except a ``{size}``, a file's size as Streamlit writes it ("5.0B"), which is written
    the session's way (:data:`SIZE_UNITS`)."""

    selector: str
    attribute: Optional[str]
    phrases: tuple[tuple[str, Optional[str]], ...]
    #: Words Streamlit writes before each phrase here, and the message saying them (None: kept as they are).
    before: tuple[str, Optional[str]] = ("", None)
    #: Words Streamlit may write after each phrase here, kept as they are (their holes filled as Streamlit filled
    #: them): a toolbar button's "Fullscreen" is "Fullscreen: <what the picture is>" where the picture has an alt text.
    or_after: str = ""


#: Why a number box refused a number (its frontend's NumberInput), as it says it in two places.
_RANGE = (
    ("Number is outside the allowed range. Please enter a value between {low} and {high}.", OUTSIDE_RANGE),
    ("Number is below the allowed range. Please enter a value greater than or equal to {low}.", BELOW_RANGE),
    ("Number is above the allowed range. Please enter a value less than or equal to {high}.", ABOVE_RANGE),
    ("Number is below the allowed range.", BELOW_ANY),
    ("Number is above the allowed range.", ABOVE_ANY),
)

#: Why Streamlit could not send a file to the server: its frontend's ``String(error)`` of the web-request library's
#: (axios's) error, its name and then its message, which no learner should have to read. The library's messages
#: Streamlit 1.67 can meet, the rest ("Request aborted", a timeout) alike: the file was not sent.
_SENDING_FAILED = (
    ("AxiosError: Network Error", NO_CONNECTION),
    ("AxiosError: Request failed with status code {status}", SERVER_ERROR),
    ("AxiosError: {reason}", UPLOAD_FAILED),
)

#: The buttons over a picture, chart, table or piece of code (its element toolbar), by the name Streamlit gives each.
_TOOLBAR = (
    ("Fullscreen", FULLSCREEN), ("Close fullscreen", CLOSE_FULLSCREEN), ("Download as CSV", DOWNLOAD_AS_CSV),
    ("Search", SEARCH), ("Show/hide columns", SHOW_HIDE_COLUMNS), ("Copy to clipboard", COPY_TO_CLIPBOARD),
    ("Copied", COPIED),
)

#: The items of a table column's menu and of its Format menu, by the words Streamlit gives each.
_COLUMN_MENU_ITEMS = (
    ("Sort ascending", SORT_ASCENDING), ("Sort descending", SORT_DESCENDING), ("Statistics", STATISTICS),
    ("Format", FORMAT), ("Autosize", AUTOSIZE), ("Pin column", PIN_COLUMN), ("Unpin column", UNPIN_COLUMN),
    ("Hide column", HIDE_COLUMN), *NUMBER_FORMATS.items(),
)

#: Every place, each read from the installed frontend (static/js: WidgetLabelHelpIcon, NumberInput,
#: InputInstructions, FileUploader and its chips in utils). An element's attribute (or text) is the first place's
#: whose selector finds the element and names that attribute. A phrase is matched against the whole attribute or
#: text, so a label or a file name that happens to hold Streamlit's words is never translated: only what fills a
#: hole is kept, as it is.
PLACES = (
    Place('[data-testid="stTooltipIcon"] button[aria-label]', "aria-label",
          (("Help", HELP), ("Help for {label}", HELP_FOR))),
    Place('[data-testid="stNumberInputStepUp"], [data-testid="stNumberInputStepDown"], '
          '[data-testid="stNumberInputClearButton"]', "aria-label",
          (("Increment", INCREMENT), ("Decrement", DECREMENT), ("Clear value", CLEAR_VALUE))),
    Place('[data-testid="InputInstructions"] > span', None,
          (("Press {key} to apply", PRESS_TO_APPLY), ("Press {key} to submit form", PRESS_TO_SUBMIT))),
    Place('[data-testid="stFileChipDeleteBtn"] button[aria-label]', "aria-label",
          (("Remove {file}", REMOVE_FILE), ("Cancel upload of {file}", CANCEL_UPLOAD))),
    Place('[data-testid="stFileChips"] > button[aria-label]', "aria-label", (("Add files", ANOTHER_FILE),)),
    # A file's chip: its name and size as a screen reader is given them ("mine.npz, 5.0B"), and the size shown under
    # the name. The name is the visitor's and may itself hold ", ": the size is read as a size, from the end.
    # A file whose sending failed is retried by a click on its chip (Streamlit 1.67 offers it in st.chat_input only).
    Place('[data-testid="stFileChip"]', "aria-label", (("{file}, {size}", None),)),
    Place('[data-testid="stFileChip"]', "title", (("Click to retry upload", RETRY_UPLOAD),)),
    Place('[data-testid="stFileChipName"] + div', None, (("{size}", None),)),
    Place('[data-testid="stFileUploaderDropzone"] > div > span', None,
          (("Drag and drop a file here", DROP_A_FILE), ("Drag and drop files here", DROP_FILES))),
    # A refused file's chip: why, in text for screen readers ("Error: " and the reason, two text nodes)
    # and in the tooltip shown on hover. An unknown type is an empty hole: " files are not allowed.".
    # "Upload failed" is what Streamlit says of a file it could not send when it has no reason of its own; with one,
    # it gives the web-request library's error as its reason (_SENDING_FAILED).
    Place('[data-testid="stFileChip"] [role="alert"], [data-testid="stTooltipErrorContent"]', None,
          (("Error: ", ERROR_BEFORE), (" files are not allowed.", UNNAMED_TYPE_NOT_ALLOWED),
           ("{type} files are not allowed.", TYPE_NOT_ALLOWED), ("Upload failed", UPLOAD_FAILED), *_SENDING_FAILED)),
    # A number box's refusal of a value outside its bounds: in one text for screen readers ("Error: Number is
    # ..."), and in its error icon's tooltip, which Markdown splits: <strong>Error</strong>: Number is ...
    Place('[data-testid="stNumberInputContainer"] [role="alert"]', None, _RANGE, before=("Error: ", ERROR_BEFORE)),
    Place('[data-testid="stTooltipErrorContent"] strong', None, (("Error", ERROR),)),
    Place('[data-testid="stTooltipErrorContent"] p', None, _RANGE, before=(": ", None)),
    # A select box's arrow and ×, and a box of several choices' × beside each choice and the one that empties it;
    # the list's words when nothing matches what was typed (the other names in these boxes are the page's own).
    Place('[data-testid="stSelectbox"] [aria-label], [data-testid="stMultiSelect"] [aria-label]', "aria-label",
          (("Open", OPEN_LIST), ("Clear value", CLEAR_VALUE), ("Clear all", CLEAR_ALL),
           ("Remove {option}", REMOVE_OPTION), ("Selected values", SELECTED_VALUES))),
    # Every select box's placeholder: its frontend's own words, as the product gives no placeholder of its own.
    Place('[data-testid="stSelectbox"] input', "placeholder", (("Choose an option", CHOOSE_AN_OPTION),)),
    Place('[data-testid="stSelectboxVirtualDropdown"] [role="option"] span, '
          '[data-testid="stMultiSelectDropdown"] [role="option"] span', None, (("No results", NO_RESULTS),)),
    # The toolbar's buttons, named for a screen reader with what the element is ("Fullscreen: <alt text>"), and
    # each button's name in the tooltip shown on hover (Markdown: a paragraph).
    Place('[data-testid="stBaseButton-elementToolbar"]', "aria-label", _TOOLBAR, or_after=": {context}"),
    Place('[data-testid="stTooltipContent"] > [data-testid="stMarkdownContainer"] > p', None, _TOOLBAR),
    Place('[data-testid="stSidebarCollapseButton"] button', "aria-label", (("Collapse sidebar", COLLAPSE_SIDEBAR),)),
    Place('[data-testid="stExpandSidebarButton"]', "aria-label", (("Expand sidebar", EXPAND_SIDEBAR),)),
    Place('[data-testid="stSidebar"]', "aria-label", (("Sidebar", SIDEBAR),)),
    Place('[data-testid="stTabsScrollLeft"], [data-testid="stTabsScrollRight"]', "aria-label",
          (("Scroll tabs left", SCROLL_TABS_LEFT), ("Scroll tabs right", SCROLL_TABS_RIGHT))),
    Place('[data-testid="stFileUploaderDropzoneInput"]', "aria-label", (("file upload", FILE_UPLOAD),)),
    Place('[data-testid="stSkipToContent"]', None, (("Skip to main content", SKIP_TO_CONTENT),)),
    Place('[data-testid="stHeaderActionElements"] a[aria-label]', "aria-label", (("Link to heading", LINK_TO_HEADING),)),
    Place('[data-testid="stProgress"] [role="progressbar"]', "aria-label", (("progress", PROGRESS),)),
    Place('[data-testid="stColorPicker"] > button', "aria-label", (("{label} color picker", COLOR_PICKER),)),
    # A table column's menu (DataFrame: opened by the ⋮ in its header): its name, the column's kind (the icon's
    # tooltip) and the copy button beside the column's name (its tooltip and its name), its items and those of its
    # Format menu (each item's words beside its icon; an item that opens a menu holds them in a <div>).
    Place('[data-testid="stDataFrameColumnMenu"] [role="menu"]', "aria-label",
          (("Dataframe column menu", COLUMN_MENU),)),
    Place('[data-testid="stDataFrameColumnMenu"] [role="menu"] > div:first-child > div:first-child[title]', "title",
          (("text", TEXT_COLUMN), ("number", NUMBER_COLUMN))),
    Place('[data-testid="stDataFrameColumnMenu"] button', "aria-label", (("Copy column name", COPY_COLUMN_NAME),)),
    Place('[data-testid="stDataFrameColumnMenu"] button', "title", (("Copy column name", COPY_COLUMN_NAME),)),
    Place('[data-testid="stDataFrameColumnMenu"] [role="menuitem"], '
          '[data-testid="stDataFrameColumnMenu"] [role="menuitem"] > div, '
          '[data-testid="stDataFrameColumnFormattingMenu"] [role="menuitem"]', None, _COLUMN_MENU_ITEMS),
    # Its Statistics menu: each figure's name (the figure beside it is written in the browser's own language), the
    # chart's name for a screen reader (a text column's: then each value and how often it is there), "No data", and
    # "Based on sample" under a large column's.
    Place('[data-testid="stDataFrameStatisticsMetrics"] > * > :first-child', None,
          tuple(COLUMN_STATISTICS.items())),
    Place('[data-testid="stDataFrameStatisticsChart"]', "aria-label",
          (("Distribution histogram", HISTOGRAM), ("Top values frequency chart", TOP_VALUES)), or_after=": {context}"),
    Place('[data-testid="stDataFrameStatisticsMenu"] > *, [data-testid="stDataFrameStatisticsContent"] > *', None,
          (("No data", NO_DATA), ("Based on sample", BASED_ON_SAMPLE))),
)

#: The script's key (its page element is hidden: it draws nothing).
STREAMLIT_WORDS_KEY = "streamlit_words"

# The script is given the places and each phrase in the session's language; it renames every element
# as it appears, and again whenever React writes Streamlit's English back (an attribute or a text node's
# value changed: React changes a text in place, so the node stays the one React holds). What each
# node said in English before it was renamed is remembered (a WeakMap: nothing is added to the page),
# so it can be renamed again in another language. What fills a hole is put in as a function's
# result: never read as a replacement pattern. A {size} hole is a file's size as Streamlit writes it ("5.0B": its
# number, a point, its unit): matched as that, so a file's name before it may hold ", " too, and written with the
# session's decimal sign and unit. An element may have several attributes renamed (a file's chip: its aria-label
# and its title): each attribute's English, and each text node's, is remembered apart.
# One observer per page, whatever the number of mounted copies: during the run after a language switch the old
# copy is still mounted beside the new one, and two observers with two languages would rename each other's
# work for ever (the tab hangs). Each copy hands its words to the one observer; the last one gone stops it.
_STREAMLIT_WORDS_JS = r"""
export default function ({ data }) {
  const shared = window.__nnStreamlitWords ||
    (window.__nnStreamlitWords = { places: data.places, copies: 0, observer: null, english: new WeakMap() });
  shared.places = data.places;
  shared.sizes = data.sizes;
  shared.copies += 1;
  // A phrase as a pattern: its words as they are, each {hole} any words (the fewest that fit), a {size} a size.
  const units = Object.keys(data.sizes.units).sort((one, other) => other.length - one.length);
  const holePatterns = { size: `\\d+(?:\\.\\d+)?(?:${units.join("|")})` };
  const patterns = new Map();
  const patternOf = (phrase) => {
    if (!patterns.has(phrase)) {
      const words = phrase.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
      const names = [...phrase.matchAll(/\{(\w+)\}/g)].map((hole) => hole[1]);
      const holes = names.map((name) => `(${holePatterns[name] || "[\\s\\S]*?"})`);
      const pattern = new RegExp(`^${words.map((part, index) => part + (holes[index] || "")).join("")}$`);
      patterns.set(phrase, { names, pattern });
    }
    return patterns.get(phrase);
  };
  // "5.0B" in the session's language: its number with the language's decimal sign, in the words for its unit.
  const sizeIn = (english) => {
    const [, number, unit] = /^([\d.]+)([A-Z]+)$/.exec(english);
    const written = number.replace(".", shared.sizes.decimal);
    return shared.sizes.units[unit].replace("{number}", () => written);
  };
  const holeWriters = { size: sizeIn };
  const holesIn = (english, phrase) => {
    const { names, pattern } = patternOf(phrase);
    const found = pattern.exec(english);
    return found && Object.fromEntries(names.map((name, index) => [name, found[index + 1]]));
  };
  const translated = (english, place) => {
    for (const [phrase, wanted] of place.phrases) {
      const filled = holesIn(english, phrase);
      if (filled) {
        return wanted.replace(/\{(\w+)\}/g, (whole, name) => (
          !(name in filled) ? whole : holeWriters[name] ? holeWriters[name](filled[name]) : filled[name]));
      }
    }
    return null;
  };
  // ``where``: the attribute's name, or "" for a text node's value.
  const rename = (node, where, said, write, place) => {
    const remembered = shared.english.get(node) || {};
    const known = remembered[where];
    const english = known && known.said === said ? known.english : said;
    const wanted = translated(english, place);
    if (wanted === null) { delete remembered[where]; return; }
    remembered[where] = { said: wanted, english };
    shared.english.set(node, remembered);
    if (said !== wanted) write(wanted);
  };
  const renameElement = (element) => {
    const done = new Set();  // each attribute (null: the text) is the first matching place's
    for (const place of shared.places) {
      if (done.has(place.attribute) || !element.matches(place.selector)) continue;
      done.add(place.attribute);
      if (place.attribute) {
        const said = element.getAttribute(place.attribute);
        if (said !== null) {
          rename(element, place.attribute, said, (words) => element.setAttribute(place.attribute, words), place);
        }
        continue;
      }
      for (const node of element.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) {
          rename(node, "", node.nodeValue, (words) => { node.nodeValue = words; }, place);
        }
      }
    }
  };
  const renameWithin = (node) => {
    if (node.nodeType === Node.TEXT_NODE) {  // a text put into an element: that element's words only
      if (node.parentElement) renameElement(node.parentElement);
      return;
    }
    if (!(node instanceof Element)) return;
    renameElement(node);
    for (const element of node.querySelectorAll(shared.places.map((place) => place.selector).join(", "))) {
      renameElement(element);
    }
  };
  if (!shared.observer) {
    shared.observer = new MutationObserver((changes) => {
      for (const change of changes) {
        if (change.type === "childList") for (const node of change.addedNodes) renameWithin(node);
        else if (change.type === "attributes") renameElement(change.target);
        else if (change.target.parentElement) renameElement(change.target.parentElement);  // a text's value
      }
    });
    const attributes = [...new Set(data.places.map((place) => place.attribute).filter(Boolean))];
    shared.observer.observe(document.body, { childList: true, subtree: true, characterData: true,
                                             attributes: true, attributeFilter: attributes });
  }
  renameWithin(document.body);
  return () => {
    shared.copies -= 1;
    if (shared.copies === 0 && shared.observer) { shared.observer.disconnect(); shared.observer = null; }
  };
}
"""
_streamlit_words = st.components.v2.component("nn_streamlit_words", js=_STREAMLIT_WORDS_JS)

#: The script's element draws nothing; hidden, it leaves no gap at the top of the page.
_HIDE_SCRIPT = f'.st-key-{STREAMLIT_WORDS_KEY} {{ display: none; }}\n'

_BUTTON_TEXT = '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"]'
_INSTRUCTIONS = '[data-testid="stFileUploaderDropzoneInstructions"]'


def streamlit_words_css() -> str:
    """The style sheet that says Streamlit's words in the session's language; empty in English."""
    if current_language() == DEFAULT_LANGUAGE:
        return ""
    return (
        f"{_BUTTON_TEXT} p {{ display: none; }}\n"
        f"{_BUTTON_TEXT}::after {{ content: {_css_string(_(UPLOAD_BUTTON))}; }}\n"
        f"{_INSTRUCTIONS} span {{ display: none; }}\n"
        f"{_INSTRUCTIONS} > div::after {{ content: {_css_string(_(DROP_HERE))}; }}\n"
    )


def streamlit_words_ui() -> None:
    st.html(f"<style>\n{_HIDE_SCRIPT}{streamlit_words_css()}</style>")
    _streamlit_words(key=STREAMLIT_WORDS_KEY, data=streamlit_words_data())


def streamlit_words_data() -> dict:
    """What the script is given: every place, each phrase with its words in the session's language."""
    def phrases(place: Place) -> list[list[str]]:
        streamlit_before, our_before = place.before
        before = _(our_before) if our_before else streamlit_before
        said = [[streamlit_before + streamlit, before + (_(ours) if ours else streamlit)]
                for streamlit, ours in place.phrases]
        return said + [[streamlit + place.or_after, ours + place.or_after] for streamlit, ours in said if place.or_after]

    return {"places": [{"selector": place.selector, "attribute": place.attribute, "phrases": phrases(place)}
                       for place in PLACES],
            "sizes": {"decimal": numbers.decimal_sign(), "units": {unit: _(words) for unit, words in SIZE_UNITS.items()}}}


def _css_string(text: str) -> str:
    """``text`` as a CSS string: quoted, its backslashes, quotes and angle brackets escaped (CSS's own
    hex escapes: a translation can never end the style sheet), every other letter as it is."""
    escaped = "".join(f"\\{ord(letter):x} " if letter in '\\"<>\n' else letter for letter in text)
    return f'"{escaped}"'
