"""Streamlit's own words in the session's language (ui/i18n/streamlit_words.py): Streamlit 1.67's frontend writes
them in English whatever the page's language. The help (?) icons' names, a number box's − / + buttons and why it
refused a number, the hint under a box being typed into, and an upload box's words (a file's × and + buttons, its
size, why a file was refused, what it says while a file is dragged over it), in Russian, then in English after a
switch. A file whose sending failed (the upload request aborted, or answered with an HTTP error) shows its size
the page's way too, and why it failed in a sentence of the page's language, not the web-request library's words.

Screenshots go to test-artifacts/streamlit_words_*.png.
"""

import pytest

from conftest import ARTIFACTS, wait_for_app
from ui.classroom.join import KEY_PREFIX
from ui.mnist.settings import MNIST_SETTINGS

pytestmark = pytest.mark.browser

#: Every help icon's name on the page, as a screen reader is given it.
ICON_NAMES = """() => [...document.querySelectorAll('[data-testid="stTooltipIcon"] button[aria-label]')]
    .map(button => button.getAttribute('aria-label'))"""

#: The Train form's number box, and the sidebar's "class code" text box (outside any form).
HIDDEN_NODES = f".st-key-{MNIST_SETTINGS.key('hidden_nodes')}"
CLASS_CODE = f".st-key-{KEY_PREFIX}_sidebar_code"
UPLOAD_BOX = ".st-key-mnist_load"
#: The Predict tab's test image number, a number box with bounds (1 to 10,000).
TEST_IMAGE = ".st-key-mnist_predict_image"
#: The sidebar's "Join a class", which holds the class code box.
JOIN_EXPANDER = '[data-testid="stSidebar"] [data-testid="stExpander"] summary'

#: A visitor's file name made of Streamlit's own words, with the ", " and a size that end a chip's label: it must
#: stay as it is, in both languages (under 20 letters: a longer name is shortened in the chip).
FILE_NAME = "Add files, 5.0B.txt"

#: A button Streamlit draws only in a number box that may be empty (none of the product's are), as Streamlit
#: 1.67 writes it: the script renames it wherever it appears.
CLEAR_BUTTON = """() => { const box = document.createElement('div');
    box.innerHTML = '<button data-testid="stNumberInputClearButton" aria-label="Clear value"></button>';
    document.body.append(box); }"""


def icon_names_once_settled(page, language_word: str) -> list[str]:
    """The icons' names once every one is in the language whose word for help is ``language_word``."""
    page.wait_for_function(f"""() => {{ const names = ({ICON_NAMES})();
        return names.length > 5 && names.every(name => name.startsWith({language_word!r})); }}""")
    return page.evaluate(ICON_NAMES)


def label_of(page, selector: str) -> str:
    """The ``aria-label`` of the element ``selector`` finds. The script renames an element in the microtask after
    React draws or changes it, so whatever a test reads once the element is there is already renamed."""
    return page.locator(selector).first.get_attribute("aria-label")


def hint_while_typing(page, box: str, text: str) -> str:
    """Type ``text`` at the end of the box ``box``: what Streamlit writes under it while it is being typed into."""
    field = page.locator(f"{box} input")
    field.click()
    field.press("End")
    field.type(text)
    hint = page.locator(f'{box} [data-testid="InputInstructions"] > span').first  # the next: a count of letters
    hint.wait_for()
    return hint.inner_text()


def refused_file_words(page) -> dict[str, str]:
    """Give the upload box a text file (its type is not .npz): what Streamlit writes about it."""
    box = page.locator(UPLOAD_BOX)
    box.locator('input[type="file"]').set_input_files({"name": FILE_NAME, "mimeType": "text/plain", "buffer": b"x"})
    chip = box.locator('[data-testid="stFileChip"]')
    chip.wait_for()
    page.mouse.move(0, 0)  # from elsewhere: the × just pressed may be where the new chip is drawn
    chip.hover()  # the reason, as it is shown: in a tooltip
    tooltip = page.locator('[data-testid="stTooltipErrorContent"]')
    tooltip.wait_for()
    return {"name": chip.locator('[data-testid="stFileChipName"]').inner_text(),
            "label": chip.get_attribute("aria-label"),
            "size": chip.locator('[data-testid="stFileChipName"] + div').inner_text(),
            "remove": box.locator('[data-testid="stFileChipDeleteBtn"] button').get_attribute("aria-label"),
            "another": box.locator('[data-testid="stFileChips"] > button').get_attribute("aria-label"),
            "read out": chip.locator('[role="alert"]').inner_text(), "tooltip": tooltip.inner_text()}


#: A chip as Streamlit 1.67 writes one for a file it could not send with no reason of its own, in a box that
#: offers to send it again (st.chat_input's; st.file_uploader's chips give the request's error and no retry).
FAILED_CHIP = """() => { const chip = document.createElement('div');
    chip.setAttribute('data-testid', 'stFileChip'); chip.setAttribute('title', 'Click to retry upload');
    chip.setAttribute('aria-label', 'mine.npz, 12.5MB');
    const alert = document.createElement('span'); alert.setAttribute('role', 'alert');
    alert.append('Error: ', 'Upload failed'); chip.append(alert); document.body.append(chip); }"""


def failed_chip_words(page) -> dict[str, str]:
    chip = page.locator('body > [data-testid="stFileChip"][title]')
    return {"title": chip.get_attribute("title"), "label": chip.get_attribute("aria-label"),
            "read out": chip.locator('[role="alert"]').inner_text()}


#: A visitor's file name that looks like HTML, with the ", " and a size that end a chip's label: kept as plain text.
FAILED_FILE_NAME = "<i>n</i>, 1.0B.npz"

#: How the upload request is answered: never (the connection fails: axios's "Network Error"), or with an HTTP error.
ABORTED = lambda route: route.abort()  # noqa: E731
UNAVAILABLE = lambda route: route.fulfill(status=503, body="down")  # noqa: E731


def failed_upload_words(page, answer=ABORTED, screenshot=None) -> dict[str, str]:
    """Give the upload box a file while every upload request is answered by ``answer``: what its chip says (its
    name, label, size and why it failed, read out and in its tooltip), then remove it."""
    page.route("**/_stcore/upload_file/**", answer)
    box = page.locator(UPLOAD_BOX)
    box.locator('input[type="file"]').set_input_files(
        {"name": FAILED_FILE_NAME, "mimeType": "application/octet-stream", "buffer": b"x" * 1500})
    chip = box.locator('[data-testid="stFileChip"][aria-invalid="true"]')  # once its sending has failed
    chip.wait_for()
    page.mouse.move(0, 0)
    chip.hover()
    tooltip = page.locator('[data-testid="stTooltipErrorContent"]')
    tooltip.wait_for()
    words = {"name": chip.locator('[data-testid="stFileChipName"]').inner_text(),
             "tags in the name": chip.locator('[data-testid="stFileChipName"] *').count(),
             "label": chip.get_attribute("aria-label"),
             "size": chip.locator('[data-testid="stFileChipName"] + div').inner_text(),
             "read out": chip.locator('[role="alert"]').inner_text(), "tooltip": tooltip.inner_text()}
    if screenshot:
        screenshot_with_tooltip(page, UPLOAD_BOX, screenshot)
    box.locator('[data-testid="stFileChipDeleteBtn"] button').click()
    chip.wait_for(state="detached")
    page.unroute("**/_stcore/upload_file/**")
    return words


#: A chip as Streamlit 1.67 writes one for a file whose request failed with another of the web-request library's
#: reasons (the browser ended the request): no page here can make one happen on purpose.
ABORTED_CHIP = """() => { const chip = document.createElement('div');
    chip.setAttribute('data-testid', 'stFileChip'); chip.setAttribute('aria-invalid', 'true');
    const alert = document.createElement('span'); alert.setAttribute('role', 'alert');
    alert.append('Error: ', 'AxiosError: Request aborted'); chip.append(alert); document.body.append(chip); }"""


def aborted_chip_words(page) -> str:
    return page.locator('body > [data-testid="stFileChip"][aria-invalid] [role="alert"]').inner_text()


def while_dragged_over(page) -> str:
    """What the upload box says while a file is dragged over it."""
    dropzone = page.locator(f'{UPLOAD_BOX} [data-testid="stFileUploaderDropzone"]')
    dragged = page.evaluate_handle("() => { const files = new DataTransfer();"
                                   " files.items.add(new File(['x'], 'mine.npz')); return files; }")
    dropzone.dispatch_event("dragenter", {"dataTransfer": dragged})
    overlay = dropzone.locator("> div > span")
    overlay.wait_for()
    words = overlay.inner_text()
    dropzone.dispatch_event("dragleave", {"dataTransfer": dragged})
    overlay.wait_for(state="detached")
    return words


def refused_number_words(page) -> dict[str, str]:
    """Give the test image box 0, under its lowest: why Streamlit refuses it, read out and in its tooltip."""
    field = page.locator(f"{TEST_IMAGE} input")
    field.fill("0")
    field.press("Enter")
    read_out = page.locator(f'{TEST_IMAGE} [role="alert"]')
    read_out.wait_for()
    page.locator(f'{TEST_IMAGE} [data-testid="stTooltipErrorHoverTarget"]').hover()
    tooltip = page.locator('[data-testid="stTooltipErrorContent"]')
    tooltip.wait_for()
    return {"read out": read_out.inner_text(), "tooltip": tooltip.inner_text()}


def open_tab(page, name: str, drawn: str) -> None:
    """Open the workshop's tab ``name`` (as the page writes it) and wait until ``drawn`` is there."""
    page.get_by_role("tab", name=name).click()
    page.locator(drawn).first.wait_for()
    wait_for_app(page)


def screenshot_with_tooltip(page, box_selector: str, path) -> None:
    """A box and the tooltip above it."""
    box = page.locator(box_selector).bounding_box()
    page.screenshot(path=str(path), clip={"x": box["x"] - 100, "y": box["y"] - 60,
                                          "width": box["width"] + 200, "height": box["height"] + 60})


def test_streamlits_own_words_are_in_russian_and_in_english_again_after_a_switch(page, streamlit_url, artifacts):
    # wide enough that the Train form's boxes are over 11.25rem, below which Streamlit shows no typing hint
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(f"{streamlit_url}/MNIST_workshop?lang=ru")
    wait_for_app(page)
    russian = icon_names_once_settled(page, "Справка")
    assert "Справка: скрытые узлы" in russian                   # the Train form's field, in the page's words
    assert "Справка: Language · Язык" in russian                 # the switch, named alike in both languages
    assert not [name for name in russian if "Help" in name]

    assert label_of(page, f'{HIDDEN_NODES} [data-testid="stNumberInputStepDown"]') == "Уменьшить"
    assert label_of(page, f'{HIDDEN_NODES} [data-testid="stNumberInputStepUp"]') == "Увеличить"
    assert hint_while_typing(page, HIDDEN_NODES, "5") == "Enter — отправить форму"
    page.locator('[data-testid="stForm"]').screenshot(path=str(artifacts / "streamlit_words_number_box_ru.png"))

    failed_chip = {"name": FAILED_FILE_NAME, "tags in the name": 0, "label": f"{FAILED_FILE_NAME}, 1,5\u00a0КБ",
                   "size": "1,5\u00a0КБ"}
    assert failed_upload_words(page, ABORTED, artifacts / "streamlit_words_failed_upload_ru.png") == {
        **failed_chip, "read out": "Ошибка: Не удалось отправить файл: нет связи с сервером",
        "tooltip": "Не удалось отправить файл: нет связи с сервером"}
    assert failed_upload_words(page, UNAVAILABLE) == {
        **failed_chip, "read out": "Ошибка: Не удалось отправить файл: сервер вернул ошибку 503",
        "tooltip": "Не удалось отправить файл: сервер вернул ошибку 503"}
    assert refused_file_words(page) == {
        "name": FILE_NAME, "label": f"{FILE_NAME}, 1,0\u00a0Б", "size": "1,0\u00a0Б",
        "remove": f"Удалить {FILE_NAME}", "another": "Выбрать другой файл",
        "read out": "Ошибка: Файлы типа text/plain не принимаются.",
        "tooltip": "Файлы типа text/plain не принимаются."}
    screenshot_with_tooltip(page, UPLOAD_BOX, artifacts / "streamlit_words_upload_ru.png")
    assert while_dragged_over(page) == "Перетащите файл сюда"
    page.locator(UPLOAD_BOX).screenshot(path=str(artifacts / "streamlit_words_dragged_ru.png"))
    page.evaluate(CLEAR_BUTTON)
    assert label_of(page, '[data-testid="stNumberInputClearButton"]') == "Очистить поле"
    page.evaluate(FAILED_CHIP)
    assert failed_chip_words(page) == {"title": "Нажмите, чтобы отправить файл ещё раз",
                                       "label": "mine.npz, 12,5\u00a0МБ",
                                       "read out": "Ошибка: Не удалось отправить файл"}
    page.evaluate(ABORTED_CHIP)
    assert aborted_chip_words(page) == "Ошибка: Не удалось отправить файл"

    page.locator(JOIN_EXPANDER).click()
    assert hint_while_typing(page, CLASS_CODE, "ab") == "Enter — применить"

    open_tab(page, "Предскажите", TEST_IMAGE)
    assert refused_number_words(page) == {
        "read out": "Ошибка: Число вне допустимого диапазона. Введите значение от 1 до 10000.",
        "tooltip": "Ошибка: Число вне допустимого диапазона. Введите значение от 1 до 10000."}
    screenshot_with_tooltip(page, TEST_IMAGE, artifacts / "streamlit_words_refused_number_ru.png")

    page.get_by_text("English", exact=True).click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('lang') !== 'ru'")
    wait_for_app(page)
    icon_names_once_settled(page, "Help for ")
    assert refused_number_words(page) == {
        "read out": "Error: Number is outside the allowed range. Please enter a value between 1 and 10000.",
        "tooltip": "Error: Number is outside the allowed range. Please enter a value between 1 and 10000."}
    open_tab(page, "Train", HIDDEN_NODES)
    english = icon_names_once_settled(page, "Help for ")
    assert "Help for hidden nodes" in english
    assert "Help for Language · Язык" in english                 # renamed back, though its label did not change
    assert not [name for name in english if "Справка" in name]

    assert label_of(page, f'{HIDDEN_NODES} [data-testid="stNumberInputStepDown"]') == "Decrement"
    assert label_of(page, f'{HIDDEN_NODES} [data-testid="stNumberInputStepUp"]') == "Increment"
    assert label_of(page, '[data-testid="stNumberInputClearButton"]') == "Clear value"
    assert hint_while_typing(page, HIDDEN_NODES, "5") == "Press Enter to submit form"
    page.locator('[data-testid="stForm"]').screenshot(path=str(artifacts / "streamlit_words_number_box_en.png"))
    assert failed_chip_words(page) == {"title": "Click to retry upload", "label": "mine.npz, 12.5MB",
                                       "read out": "Error: Upload failed"}
    assert aborted_chip_words(page) == "Error: Upload failed"
    assert failed_upload_words(page, ABORTED) == {
        "name": FAILED_FILE_NAME, "tags in the name": 0, "label": f"{FAILED_FILE_NAME}, 1.5KB", "size": "1.5KB",
        "read out": "Error: Could not send the file: no connection to the server",
        "tooltip": "Could not send the file: no connection to the server"}
    assert refused_file_words(page) == {
        "name": FILE_NAME, "label": f"{FILE_NAME}, 1.0B", "size": "1.0B",
        "remove": f"Remove {FILE_NAME}", "another": "Choose another file",
        "read out": "Error: text/plain files are not allowed.", "tooltip": "text/plain files are not allowed."}
    assert while_dragged_over(page) == "Drag and drop a file here"
    page.locator(JOIN_EXPANDER).click()  # drawn again closed: its label changed with the language
    assert hint_while_typing(page, CLASS_CODE, "c") == "Press Enter to apply"


#: The name and the text of every element the words script renames in the page's frame and its choice boxes.
FRAME_WORDS = """() => {
  const attribute = (selector, name) => document.querySelector(selector)?.getAttribute(name) ?? null;
  return {
    "placeholders": [...new Set([...document.querySelectorAll('[data-testid="stSelectbox"] input')]
                                .map(input => input.placeholder))],
    "open": attribute('.st-key-mnist_init [data-testid="stSelectbox"] button[aria-haspopup]', 'aria-label'),
    "file field": attribute('[data-testid="stFileUploaderDropzoneInput"]', 'aria-label'),
    "sidebar": attribute('[data-testid="stSidebar"]', 'aria-label'),
    "collapse": attribute('[data-testid="stSidebarCollapseButton"] button', 'aria-label'),
    "skip": document.querySelector('[data-testid="stSkipToContent"]')?.textContent ?? null,
    "heading link": attribute('[data-testid="stHeaderActionElements"] a[aria-label]', 'aria-label'),
    "fullscreen": attribute('[data-testid="stBaseButton-elementToolbar"]', 'aria-label'),
  };
}"""

#: The picture the first toolbar belongs to on the workshop's first tab: its alt text.
FIRST_PICTURE_ALT = "десять картинок: как сеть представляет каждую цифру от 0 до 9"


#: True once the first toolbar button is what the mouse would be over at its middle: Streamlit shows a toolbar as
#: the mouse comes over its picture, fading it in, and a button the mouse came onto before that never shows its tooltip.
TOOLBAR_BUTTON_UNDER_MOUSE = """() => { const button = document.querySelector('[data-testid="stBaseButton-elementToolbar"]');
    const box = button.getBoundingClientRect();
    return button.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2))
        && getComputedStyle(button.closest('[data-testid="stElementToolbar"]')).opacity === '1'; }"""


def toolbar_tooltip(page) -> str:
    """Hover the first picture, then its toolbar's first button once the toolbar is there: the words of the tooltip
    shown a second later."""
    page.get_by_role("img", name=FIRST_PICTURE_ALT).first.hover()
    page.wait_for_function(TOOLBAR_BUTTON_UNDER_MOUSE)
    page.locator('[data-testid="stBaseButton-elementToolbar"]').first.hover()
    tooltip = page.locator('[data-testid="stTooltipContent"] p')
    tooltip.wait_for()
    return tooltip.inner_text()


def emptied_choice_box(page, box: str, screenshots: str = "streamlit_words") -> dict[str, str]:
    """Empty the select box ``box``'s text (as a learner searching does), then type what matches no choice: its
    placeholder, shown while it is empty, and what its list says then (screenshots: ``screenshots``_*.png)."""
    field = page.locator(f"{box} input")
    field.fill("")
    placeholder = field.get_attribute("placeholder")
    page.locator(box).screenshot(path=str(ARTIFACTS / f"{screenshots}_emptied_select_ru.png"))
    field.type("zz")
    empty = page.locator('[data-testid="stSelectboxVirtualDropdown"] [role="option"] span')
    empty.wait_for()
    words = {"placeholder": placeholder, "no match": empty.inner_text()}
    page.screenshot(path=str(ARTIFACTS / f"{screenshots}_no_results_ru.png"))
    field.press("Escape")
    return words


def wait_for_the_words_script(page) -> None:
    """Wait until the words script has renamed the page's frame: from then on it renames each element as it appears."""
    page.wait_for_function("() => document.querySelector('[data-testid=\"stSidebar\"]')"
                           "?.getAttribute('aria-label') === 'Боковая панель'")


def test_choice_boxes_toolbars_and_the_pages_frame_are_in_russian(page, streamlit_url, artifacts):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{streamlit_url}/MNIST_workshop?lang=ru")
    wait_for_app(page)
    wait_for_the_words_script(page)
    assert page.evaluate(FRAME_WORDS) == {
        "placeholders": ["Выберите вариант"], "open": "Открыть список", "file field": "выбор файла",
        "sidebar": "Боковая панель", "collapse": "Свернуть боковую панель", "skip": "Перейти к содержимому страницы",
        "heading link": "Ссылка на заголовок", "fullscreen": f"Во весь экран: {FIRST_PICTURE_ALT}"}
    assert toolbar_tooltip(page) == "Во весь экран"
    assert emptied_choice_box(page, ".st-key-mnist_init") == {"placeholder": "Выберите вариант",
                                                            "no match": "Ничего не найдено"}


#: The step page's "Why this number" select box of the node a weight's link goes into (a plain st.selectbox, given
#: no placeholder: Streamlit's own is renamed for every select box at once).
LINK_INTO = ".st-key-step_why_row_who"


def test_a_select_box_on_the_step_page_says_choose_an_option_in_russian_when_emptied(page, streamlit_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{streamlit_url}/Step_through?lang=ru")
    wait_for_app(page)
    wait_for_the_words_script(page)
    page.locator(LINK_INTO).scroll_into_view_if_needed()
    assert emptied_choice_box(page, LINK_INTO, "streamlit_words_step") == {"placeholder": "Выберите вариант",
                                                                            "no match": "Ничего не найдено"}
    assert page.get_by_placeholder("Выберите вариант", exact=True).count() == page.locator(
        '[data-testid="stSelectbox"] input').count()  # every select box on the page: the stage and both links


def test_a_progress_bar_and_the_live_pages_colour_box_are_named_in_russian_for_a_screen_reader(page, streamlit_url):
    """Names as a screen reader computes them (Playwright's accessible name), not only the attribute."""
    page.goto(f"{streamlit_url}/MNIST_workshop?lang=ru")
    wait_for_app(page)
    wait_for_the_words_script(page)
    assert page.get_by_role("progressbar", name="ход выполнения", exact=True).count() == 1  # the Train tab's
    page.goto(f"{streamlit_url}/Watch_it_learn?lang=ru")
    wait_for_app(page)
    wait_for_the_words_script(page)
    # the live page's hidden colour box (the browser's count of updates drawn): hidden, but its name is in the page
    assert page.get_by_role("button", name="Нарисовано обновлений: выбор цвета", exact=True,
                            include_hidden=True).count() == 1


def open_column_menu_of_last_column(page, table) -> None:
    """Open the menu of ``table``'s last column: the ⋮ Streamlit draws at the right end of its header while the mouse
    is over it (a picture in a canvas; the last column reaches the table's right edge)."""
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    page.mouse.move(box["x"] + box["width"] - 60, box["y"] + 17)
    page.mouse.click(box["x"] + box["width"] - 14, box["y"] + 17)
    page.locator('[data-testid="stDataFrameColumnMenu"]').wait_for()


def test_a_table_columns_menu_is_in_russian(page, streamlit_url, artifacts):
    page.goto(f"{streamlit_url}/Step_through?lang=ru")
    wait_for_app(page)
    wait_for_the_words_script(page)
    factors = page.locator('[data-testid="stDataFrame"]:visible').first  # "Why this number": factor, value (text)
    open_column_menu_of_last_column(page, factors)
    menu = page.get_by_role("menu", name="Меню столбца таблицы", exact=True)
    assert [item.text_content() for item in menu.get_by_role("menuitem").all()] == [
        "arrow_upwardСортировать по возрастанию", "arrow_downwardСортировать по убыванию",
        "bar_chartСтатистикаchevron_right", "arrows_outwardПодобрать ширину", "keepЗакрепить столбец",
        "visibility_offСкрыть столбец"]  # each icon is a ligature, hidden from screen readers: the names are below
    names = [menu.get_by_role("menuitem", name=name, exact=True).count() for name in (
        "Сортировать по возрастанию", "Сортировать по убыванию", "Статистика", "Подобрать ширину",
        "Закрепить столбец", "Скрыть столбец")]
    assert names == [1] * 6
    assert menu.get_by_role("button", name="Копировать название столбца", exact=True).count() == 1
    assert menu.locator('[title="Копировать название столбца"]').count() == 1
    assert menu.locator('[title="текст"]').count() == 1  # the column's kind, the icon's tooltip
    menu.get_by_role("menuitem", name="Статистика").hover()
    statistics = page.locator('[data-testid="stDataFrameStatisticsMetrics"]')
    statistics.wait_for()
    labels = statistics.locator("> * > :first-child").all_inner_texts()
    assert labels == ["Значений", "Пустых", "Различных", "Наименьшая длина", "Наибольшая длина", "Средняя длина"]
    chart = page.locator('[data-testid="stDataFrameStatisticsChart"]')
    assert chart.get_attribute("aria-label").startswith("Самые частые значения: ")
    page.screenshot(path=str(artifacts / "streamlit_words_column_menu_ru.png"))
