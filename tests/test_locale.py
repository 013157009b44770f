"""Every text exists in both languages, and every key the code and templates use exists."""

from __future__ import annotations

import re
from pathlib import Path

from ifms.locale import Locale, _catalogue

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "ifms"


def test_dutch_and_english_have_the_same_texts() -> None:
    nl, en = _catalogue("nl"), _catalogue("en")
    assert sorted(set(nl) - set(en)) == []
    assert sorted(set(en) - set(nl)) == []
    for key in nl:
        assert set(re.findall(r"{(\w+)}", nl[key])) == set(re.findall(r"{(\w+)}", en[key])), key


def test_every_key_used_exists() -> None:
    nl = _catalogue("nl")
    used = set()
    for template in (PACKAGE / "templates").glob("*.j2"):
        used |= set(re.findall(r"\bt\('([\w.]+)'", template.read_text()))
    for module in PACKAGE.rglob("*.py"):
        used |= set(re.findall(r'\.t\(\s*"([\w.]+)"', module.read_text()))
    plugin = PACKAGE.parent / "mkdocs_ifms" / "plugin.py"
    used |= set(re.findall(r'\.t\(\s*"([\w.]+)"', plugin.read_text()))
    assert used, "the scan found the keys"
    # t('verdict.' ~ status) is a family of keys: some key must start with the prefix.
    missing = [key for key in used if key not in nl and not (
        key.endswith((".", "_")) and any(k.startswith(key) for k in nl))]
    assert sorted(missing) == []


def test_babel_formats_in_the_language() -> None:
    from datetime import date

    assert Locale("nl").date(date(2024, 3, 15)) == "15 maart 2024"
    assert Locale("en").date(date(2024, 3, 15)) == "March 15, 2024"
    assert Locale("nl").score(4.0) == "4,0" and Locale("en").score(3.94) == "3.9"
    assert Locale("nl_BE").lang == "nl" and Locale("de").lang == "nl"
