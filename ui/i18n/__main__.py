"""``python -m ui.i18n update`` brings every catalogue in step with the code; ``check`` lists what is untranslated.

See ui/i18n/upkeep.py and docs/translation.md.
"""

import sys

from ui.i18n import upkeep
from ui.i18n.catalogues import DOMAINS, LOCALES, TRANSLATED, read


def main(command: str) -> int:
    if command == "update":
        for domain in DOMAINS:
            for language in TRANSLATED:
                upkeep.write(upkeep.update(domain, language), domain, language)
        print("Updated the catalogues in", LOCALES)
        command = "check"
    if command == "check":
        missing = [line for language in TRANSLATED for domain in DOMAINS
                   for line in upkeep.problems(read(domain, language))]
        print("\n".join(missing) or "Every message is translated.")
        print(f"{len(missing)} to do.")
        return 1 if missing else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))
