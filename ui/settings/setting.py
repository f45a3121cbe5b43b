"""The row type of every settings table (:class:`Setting`) and one page's table (:class:`Table`).

To ask which settings a page has, their defaults and ranges::

    for setting in STEP_SETTINGS.values():
        setting.name, setting.default, setting.allowed()
"""

from __future__ import annotations

import dataclasses
import math
import re
from typing import Any, Mapping, Optional

from ui.i18n import _, ngettext, numbers


class SettingError(ValueError):
    """A value a setting does not allow; the message names the setting and what it allows."""


@dataclasses.dataclass(frozen=True)
class Setting:
    """One row of the table.

    ``choices`` lists every allowed value (dataset, init, rule, bias); numeric
    settings have ``low``/``high`` instead, and ``stops`` are the values a
    slider offers. ``rebuilds`` says whether changing it starts a new network
    (node counts, init, seed ...) or is applied to the running one (learning rate).

    ``words`` are the URL's words for the choices, when their slugs would be
    long (``source=fresh`` for "a fresh network"). A ``str`` setting
    without choices is free text of at most ``max_length`` characters (a typed
    vector), checked further by its page. ``widget`` asks for a radio or a
    checkbox instead of the usual selectbox or toggle; ``step`` and
    ``number_format`` shape a number input. A ``help`` that says ``{range}`` takes
    the range from ``low`` and ``high`` (:attr:`help_text`), so the two cannot disagree.
    """

    name: str
    kind: type
    default: Any
    label: str
    help: str
    choices: tuple = ()
    low: Optional[float] = None
    high: Optional[float] = None
    stops: tuple = ()
    rebuilds: bool = True
    words: tuple = ()
    widget: str = ""
    step: Optional[float] = None
    number_format: Optional[str] = None
    max_length: int = 500

    @property
    def help_text(self) -> str:
        """The help text in the session's language, with ``{range}`` replaced by the setting's own limits ("1 to 200")."""
        help = _(self.help)
        if "{range}" not in help:
            return help
        if self.kind is int:
            low, high = numbers.integer(self.low), numbers.integer(self.high)
        else:
            low, high = numbers.general(self.low), numbers.general(self.high)
        return help.replace("{range}", _("{low} to {high}").format(low=low, high=high))

    def _rule(self) -> tuple[str, dict]:
        """Which kind of value this setting takes, and the figures its rule names (a range, the choices)."""
        if self.kind is bool:
            return "switch", {}
        if self.kind is int and self.choices and self.choices == tuple(range(self.choices[0], self.choices[-1] + 1)):
            return "whole", {"low": str(self.choices[0]), "high": str(self.choices[-1])}
        if self.choices:
            # The words a link takes, as the page writes them ("3x3-lines", "your-handwriting"): a choice's
            # name ("3x3 lines", "Your handwriting") is English words, and would stay English on a Russian page.
            return "choice", {"choices": ", ".join(self.to_url(choice) for choice in self.choices)}
        if self.kind is str:
            return "text", {"most": self.max_length}
        if self.kind is int:  # every digit, as a link writes it: a seed's bound is 4294967295, not 4.29497e+09
            return "whole", {"low": str(int(self.low)), "high": str(int(self.high))}
        return "number", {"low": numbers.general(self.low), "high": numbers.general(self.high)}

    def allowed(self) -> str:
        """What this setting accepts, in words ("a whole number from 1 to 200")."""
        kind, figures = self._rule()
        if kind == "text":
            most = figures["most"]
            return ngettext("text of at most {most} character", "text of at most {most} characters",
                            most).format(most=numbers.integer(most))
        return {
            "switch": _("on or off (true/false)"),
            "choice": _("one of {choices}"),
            "whole": _("a whole number from {low} to {high}"),
            "number": _("a number from {low} to {high}"),
        }[kind].format(**figures)

    def refusal(self, value: Any) -> str:
        """The message refusing ``value``: one whole sentence naming the setting (its URL word), what it
        allows and what it got, so each language words it in its own order."""
        kind, figures = self._rule()
        figures = {**figures, "name": self.name, "value": repr(value)}
        if kind == "text":
            most = figures["most"]
            figures["most"] = numbers.integer(most)
            if not isinstance(value, str):
                return ngettext("{name} must be text of at most {most} character",
                                "{name} must be text of at most {most} characters", most).format(**figures)
            return ngettext("{name} must be text of at most {most} character; got {value}",
                            "{name} must be text of at most {most} characters; got {value}", most).format(**figures)
        return {
            "switch": _("{name} must be on or off (true/false); got {value}"),
            "choice": _("{name} must be one of {choices}; got {value}"),
            "whole": _("{name} must be a whole number from {low} to {high}; got {value}"),
            "number": _("{name} must be a number from {low} to {high}; got {value}"),
        }[kind].format(**figures)

    def check(self, value: Any) -> Any:
        """The value as this setting's type, or SettingError naming the setting and what is allowed."""
        if self.kind is bool:
            if isinstance(value, str) and value.lower() in ("true", "1", "on", "yes"):
                return True
            if isinstance(value, str) and value.lower() in ("false", "0", "off", "no"):
                return False
            if isinstance(value, bool):
                return value
            raise SettingError(self.refusal(value))
        if self.choices:
            for index, choice in enumerate(self.choices):
                if value == choice or (isinstance(value, str) and _names(value, choice)):
                    return choice
                if self.words and isinstance(value, str) and value.strip().lower() == self.words[index]:
                    return choice
            raise SettingError(self.refusal(value))
        if self.kind is str:
            if not isinstance(value, str) or len(value) > self.max_length:
                raise SettingError(self.refusal(value))
            return value
        try:
            # typed or linked text, with a decimal point or a decimal comma (0.3 or 0,3) in either language
            number = numbers.typed_number(value) if isinstance(value, str) else float(value)
        except (TypeError, ValueError):
            raise SettingError(self.refusal(value)) from None
        if number is None:
            raise SettingError(self.refusal(value))
        if not math.isfinite(number) or not (self.low <= number <= self.high):
            raise SettingError(self.refusal(value))
        if self.kind is int:
            if number != int(number):
                raise SettingError(self.refusal(value))
            return int(number)
        return number

    def to_url(self, value: Any) -> str:
        if self.kind is bool:
            return "true" if value else "false"
        if self.words:
            return self.words[self.choices.index(value)]
        if self.choices:
            return slug(str(value))
        if self.kind is str:
            return value
        return f"{value:g}" if self.kind is float else str(int(value))

    def bounded(self, low: Optional[float] = None, high: Optional[float] = None) -> "Setting":
        """This row with a range known only at run time (a sample number: 1 to the data set's size)."""
        return dataclasses.replace(self, low=self.low if low is None else low, high=self.high if high is None else high)


class Table(dict):
    """One page's settings: name -> :class:`Setting`, and the prefix of the page's widget keys."""

    def __init__(self, key_prefix: str, rows):
        super().__init__((row.name, row) for row in rows)
        self.key_prefix = key_prefix

    def key(self, name: str) -> str:
        """The widget key of a setting: ``f"{key_prefix}_{name}"``."""
        return f"{self.key_prefix}_{name}"

    def with_row(self, row: Setting) -> "Table":
        """A copy with one row replaced (e.g. :meth:`Setting.bounded`)."""
        return Table(self.key_prefix, [row if name == row.name else old for name, old in self.items()])

    def defaults(self) -> dict[str, Any]:
        """Every setting's default value."""
        return {name: setting.default for name, setting in self.items()}

    def check_all(self, values: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """Check every setting of this table in ``values``: (the good ones, one message per bad one)."""
        good, problems = {}, []
        for name, value in values.items():
            if name not in self:
                continue
            try:
                good[name] = self[name].check(value)
            except SettingError as exc:
                problems.append(str(exc))
        return good, problems


def slug(name: str) -> str:
    """A short URL word for a choice: "3x3 lines" -> "3x3-lines", "3-3-3: the book's first network" -> "3-3-3"."""
    short = name.split(":")[0].strip().lower()
    return re.sub(r"[^a-z0-9]+", "-", short).strip("-")


def _names(text: str, choice: Any) -> bool:
    """Whether typed ``text`` names ``choice``: a word by its slug ("3x3 lines" for "3x3-lines"), a
    number only by itself (so "-5" is not stage 5, as a slug would make it)."""
    if isinstance(choice, str):
        return slug(text) == slug(choice)
    return text.strip() == str(choice)
