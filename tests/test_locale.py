"""Every text exists in both languages, and every key the code and templates use exists."""

from __future__ import annotations

import re
from pathlib import Path

from ifms.i18n.locale import Locale, _catalogue

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
    for template in (PACKAGE / "pages" / "templates").glob("*.j2"):
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


def test_click_speaks_the_language_of_the_command(tmp_path: Path) -> None:
    """Click's own words (usage, option errors, help headings) are Dutch too, not only ours."""
    from helpers import ifms

    missing = ifms("new", cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.splitlines() == [
        "Gebruik: ifms new [OPTIES] SOORT", "Hulp: 'ifms new -h'.", "", "Fout: Ontbrekend argument 'SOORT'."]
    unknown = ifms("pdf", "--bogus", cwd=tmp_path)
    assert unknown.returncode == 2 and "Fout: Onbekende optie: --bogus" in unknown.stderr
    choice = ifms("check", "--lang", "fr", cwd=tmp_path)
    assert "Ongeldige waarde voor '--lang': 'fr' is niet een van 'nl', 'en'." in choice.stderr
    helped = ifms("--help", cwd=tmp_path).stdout
    assert "Gebruik: ifms [OPTIES] COMMANDO [ARGUMENTEN]..." in helped
    assert "Opties:" in helped and "Commando's:" in helped and "Toon deze hulp en stop." in helped
    english = ifms("new", cwd=tmp_path, env={"IFMS_LANG": "en"})
    assert english.stderr.splitlines()[-1] == "Error: Missing argument 'KIND'."


def test_click_catalogue_is_complete_and_compiled() -> None:
    """Every message the installed click asks gettext for has a Dutch text, and the ``.mo``
    that gettext reads is compiled from the ``.po`` as it is now."""
    import click
    from babel.messages.extract import extract_from_dir
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    po = PACKAGE / "i18n" / "locales" / "click" / "nl" / "LC_MESSAGES" / "ifms-click.po"
    with po.open("rb") as source:
        catalogue = read_po(source)
    asked = {message for _file, _line, message, _comments, _context
             in extract_from_dir(Path(click.__file__).parent, method_map=[("**.py", "python")])}
    assert len(asked) > 40, "the scan found click's messages"
    untranslated = [m for m in asked if not (catalogue.get(m[0] if isinstance(m, tuple) else m) or None)
                    or not all(catalogue.get(m[0] if isinstance(m, tuple) else m).string)]
    assert untranslated == []
    with po.with_suffix(".mo").open("rb") as shipped:
        assert _texts(read_mo(shipped)) == _texts(catalogue), "run scripts/compile_click_messages.py"


def _texts(catalogue) -> dict:
    """Message -> translation (plural forms as tuples), without the header."""
    def plain(value):
        return tuple(value) if isinstance(value, (list, tuple)) else value
    return {plain(message.id): plain(message.string) for message in catalogue if message.id}


PLURAL_HACK = re.compile(r"\w\((?:en|s|'s|ken|n|e)\)")
"""``fout(en)``, ``record(s)``, ``POP('s)``, ``gesprek(ken)``: a word for one and many at once."""


def test_no_text_writes_a_plural_as_both_forms() -> None:
    for lang in ("nl", "en"):
        hacks = {key: text for key, text in _catalogue(lang).items() if PLURAL_HACK.search(text)}
        assert hacks == {}, lang


def test_a_plural_word_follows_a_number_the_text_shows() -> None:
    for lang in ("nl", "en"):
        for key, text in _catalogue(lang).items():
            assert set(re.findall(r"{(\w+):[^{}|]*\|", text)) <= set(re.findall(r"{(\w+)}", text)), key


def test_one_and_two_give_the_right_words() -> None:
    nl, en = Locale("nl"), Locale("en")
    assert nl.t("check.errors_found", count=1).startswith("Het portfolio bevat 1 fout:")
    assert nl.t("check.errors_found", count=2).startswith("Het portfolio bevat 2 fouten:")
    assert en.t("check.errors_found", count=1).startswith("The portfolio has 1 error:")
    assert en.t("check.errors_found", count=2).startswith("The portfolio has 2 errors:")
    counts = {"profiles": 1, "feedback": 1, "pops": 1, "conversations": 1, "reflections": 1}
    assert nl.t("check.ok", **counts) == ("Portfolio in orde: 1 profiel, 1 feedbackronde, 1 POP, "
                                          "1 gesprek, 1 reflectie.")
    assert nl.t("check.ok", **{**counts, "feedback": 2, "pops": 2, "conversations": 2, "reflections": 2}) == (
        "Portfolio in orde: 1 profiel, 2 feedbackrondes, 2 POP's, 2 gesprekken, 2 reflecties.")
    assert en.t("check.ok", **counts) == ("Portfolio OK: 1 profile, 1 feedback round, 1 PDP, "
                                          "1 conversation, 1 reflection.")
    assert en.t("check.ok", **{**counts, "pops": 2, "conversations": 0}).endswith(
        "1 feedback round, 2 PDPs, 0 conversations, 1 reflection.")
    assert nl.t("privacy.head", errors=1, warnings=0).startswith("Privacy: 1 fout, 0 waarschuwingen.")
    assert en.t("privacy.head", errors=2, warnings=1).startswith("Privacy: 2 errors, 1 warning.")
    assert nl.t("init.not_example", path="p", count=1, examples="a").endswith(
        "1 bestand verschilt, bijvoorbeeld a. Er is niets veranderd.")
    assert en.t("pop.overdue_summary", count=1, today="x") == "1 open action past its due date (on x)"


def test_a_count_already_written_as_text_still_chooses() -> None:
    """Problems pass their numbers written in the language (``locale.number``): "1" is one."""
    nl, en = Locale("nl"), Locale("en")
    assert nl.t("problem.too_short", min_length="1", actual_length="0").startswith("hier hoort minstens 1 onderdeel ")
    assert nl.t("problem.too_short", min_length="2", actual_length="0").startswith("hier hoort minstens 2 onderdelen ")
    assert en.t("evidence.cme_detail", activities=1, hours="1.5").startswith("1 activity in the period, 1.5 hours")
    assert nl.t("section.intro", count="1,5").startswith("1,5 records")
