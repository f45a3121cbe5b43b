"""Reading a weights table (ui.charts.weights_table_html) as a browser would: its cells, and the style its
own style sheet gives each of its words."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET


def parsed(table: str) -> ET.Element:
    return ET.fromstring(table)


def style_rules(table: str) -> dict[str, dict[str, str]]:
    """The table's style sheet: each rule's selector, after the table's own class, -> its declarations."""
    sheet = parsed(table).find("style").text
    rules = {}
    for selector, declarations in re.findall(r"\.weight-cells-\d+ ([^{]+)\{([^}]*)\}", sheet):
        rules[selector] = dict(declaration.split(":", 1) for declaration in declarations.split(";"))
    return rules


def cell_numbers(table: str) -> list[str]:
    """The numbers written in the cells, row by row."""
    return [span.text for span in parsed(table).iter("span")]


def words_and_font_sizes(table: str) -> list[tuple[str, int]]:
    """Each number written in a cell and each row's and column's name, with its font size in pixels."""
    rules = style_rules(table)
    sizes = []
    for element in parsed(table).iter():
        rule = {"span": "td.weight-cell span"}.get(element.tag) or (
            f"th.{element.get('class')}" if element.tag == "th" and element.get("class") else None)
        if rule:
            sizes.append((element.text, int(rules[rule]["font-size"].removesuffix("px"))))
    return sizes
