"""Settings as rows of a table, and what reads the table.

Every page's settings are rows of one kind of table (:mod:`ui.settings.setting`):
name, type, default, range, help text. The widgets (:mod:`ui.settings.widgets`),
the checking of typed values and the shareable URL (:mod:`ui.settings.url`) all
read the page's table, so a setting's name is the same word everywhere: in the
code, in the URL (``?learning_rate=0.1``) and, prefixed by the page, in the widget
key (``live_learning_rate``, ``step_stage``, ``mnist_hidden_nodes``).

The tables themselves belong to their pages (``ui/live/settings.py``,
``ui/step/settings.py``, ``ui/mnist/settings.py``); the rows describing the
session's network, which the live page trains and other pages build or link to,
are shared in :mod:`ui.settings.network`.
"""
