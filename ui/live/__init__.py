"""The Watch-it-learn page's helpers: its controls, training tick and view."""
