"""The entry point (``streamlit run dashboard.py``): the menu of pages, and the page chosen in it.

Every file in pages/ is a page, in the order of the number its name starts with,
and named from the rest of its name (pages/2_Step_through.py: "Step through", at
/Step_through). The first, pages/0_Start_here.py, opens at the app's own address.
"""

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).parent / "pages"


def _number(page: Path) -> int:
    return int(page.name.split("_", 1)[0])


files = sorted(PAGES.glob("[0-9]*_*.py"), key=_number)
menu = [st.Page(f"pages/{page.name}", default=index == 0) for index, page in enumerate(files)]
st.navigation(menu).run()
