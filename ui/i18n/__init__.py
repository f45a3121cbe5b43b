"""The dashboard in the learner's language (English or Russian), chosen per session.

Pages and helpers write English and wrap it: ``_("Start")``, ``ngettext("{n} sample",
"{n} samples", n)``, and ``N_("...")`` for text in a table built at import time,
which the code drawing it translates later with ``_``. Numbers go through
:mod:`ui.i18n.numbers` (0.731 / 0,731). The Russian lives in gettext catalogues,
one per part of the product (:data:`ui.i18n.catalogues.DOMAINS`); how to add a
string in both languages is in docs/translation.md.
"""

from ui.i18n.current import current_language, speaking
from ui.i18n.translate import N_, _, ngettext, pgettext

__all__ = ["N_", "_", "current_language", "ngettext", "pgettext", "speaking"]
