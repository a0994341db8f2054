"""Every translation is complete, and pages speak the chosen language.

The source strings are German; the catalogues lip/locale/<language>/LC_MESSAGES/django.po of English, Turkish,
Arabic, Ukrainian, Russian and Farsi must translate every one of them, with every plural form the language has.
After adding strings: `make messages-update` (makemessages for all languages), translate the new entries
in each catalogue, then `manage.py compilemessages --ignore=.venv`.
test_every_marked_string_is_in_every_catalogue runs makemessages into a temporary directory and fails
when a string marked for translation in the code or the templates is missing from a catalogue.
"""

import ast
import hashlib
import io
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = REPO_ROOT / "lip" / "locale"
ENGLISH_PO = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
TRANSLATED_LANGUAGES = ["en", "tr", "ar", "uk", "ru", "fa"]
NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|\{(\w*)\}")


@dataclass
class Entry:
    line: int
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        where = self.references[0] if self.references else f"django.po line {self.line}"
        return f"{self.msgid!r} ({where})"


def parse_po(path: Path) -> list[Entry]:
    """A small PO parser: entries with context, plural forms, flags and references; obsolete entries skipped.

    Entries are separated by blank lines, as gettext writes them.
    """
    entries: list[Entry] = []
    line_number = 1
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry = Entry(line=line_number)
        line_number += block.count("\n") + 2
        target: tuple[str, int] | None = None
        for line in (raw.strip() for raw in block.splitlines()):
            if not line or line.startswith("#~"):
                continue
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#:"):
                entry.references += line[2:].split()
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                name, index = target
                if name == "msgstr":
                    entry.msgstr[index] += ast.literal_eval(line)
                else:
                    setattr(entry, name, getattr(entry, name) + ast.literal_eval(line))
            else:
                keyword, _, rest = line.partition(" ")
                if keyword.startswith("msgstr"):
                    index = int(keyword[7:-1]) if keyword != "msgstr" else 0
                    entry.msgstr[index] = ast.literal_eval(rest)
                    target = ("msgstr", index)
                else:
                    setattr(entry, keyword, ast.literal_eval(rest))
                    target = (keyword, 0)
        if entry.msgid:
            entries.append(entry)
    return entries


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def plural_forms(language: str) -> int:
    """The number of plural forms the catalogue's header declares (Arabic 6, Russian and Ukrainian 4, ...)."""
    match = NPLURALS.search(catalogue_path(language).read_text(encoding="utf-8").split("\n\n", 1)[0])
    assert match, f"{catalogue_path(language)} declares no Plural-Forms"
    return int(match.group(1))


_parsed: dict[str, list[Entry]] = {}


def catalogue_entries(language: str) -> list[Entry]:
    path = catalogue_path(language)
    assert path.exists(), f"{path} is missing: run `make messages-update` (see this module's docstring)"
    if language not in _parsed:
        _parsed[language] = parse_po(path)
    return _parsed[language]


@pytest.fixture(scope="module")
def english_entries() -> list[Entry]:
    return catalogue_entries("en")


def test_the_english_catalogue_has_entries(english_entries):
    msgids = {e.msgid for e in english_entries}
    assert "Zum Inhalt springen" in msgids
    assert "Organisation registrieren" in msgids


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_string_is_translated(language):
    untranslated = [str(e) for e in catalogue_entries(language) if not e.msgstr or not all(e.msgstr.values())]

    assert not untranslated, f"{len(untranslated)} strings without translation in {language}:\n" + "\n".join(
        untranslated[:30]
    )


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_no_translation_is_fuzzy(language):
    fuzzy = [str(e) for e in catalogue_entries(language) if "fuzzy" in e.flags]

    assert not fuzzy, f"{len(fuzzy)} fuzzy translations in {language} (check them, then remove the flag):\n" + (
        "\n".join(fuzzy[:30])
    )


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_plural_entries_translate_every_form(language):
    forms = set(range(plural_forms(language)))
    incomplete = [str(e) for e in catalogue_entries(language) if e.msgid_plural is not None and set(e.msgstr) != forms]

    assert not incomplete, f"plural entries in {language} need msgstr[0] to msgstr[{len(forms) - 1}]:\n" + (
        "\n".join(incomplete)
    )


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_translations_keep_the_placeholders(language):
    def placeholders(text: str) -> set[str]:
        return {m.group(0) for m in PLACEHOLDER.finditer(text)}

    broken = []
    for e in catalogue_entries(language):
        expected = placeholders(e.msgid) | placeholders(e.msgid_plural or "")
        for translation in e.msgstr.values():
            if translation and placeholders(translation) - expected:
                broken.append(f"{e}: {translation!r}")
            if translation and e.msgid_plural is None and placeholders(translation) != placeholders(e.msgid):
                broken.append(f"{e}: {translation!r}")

    assert not broken, f"placeholders differ between German and {language}:\n" + "\n".join(broken[:30])


def test_the_parser_reads_plurals_contexts_and_flags(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#: lip/x.py:1\n#, fuzzy\nmsgid "Alt"\nmsgstr "Old"\n\n'
        'msgctxt "Stimme"\nmsgid "Eine"\nmsgid_plural "Viele"\nmsgstr[0] "One"\nmsgstr[1] ""\n\n'
        'msgid ""\n"Lang "\n"Text"\nmsgstr ""\n\n'
        '#~ msgid "Weg"\n#~ msgstr "Gone"\n',
        encoding="utf-8",
    )

    entries = parse_po(po)

    assert [(e.msgid, e.msgctxt, e.msgstr) for e in entries] == [
        ("Alt", None, {0: "Old"}),
        ("Eine", "Stimme", {0: "One", 1: ""}),
        ("Lang Text", None, {0: ""}),
    ]
    assert entries[0].flags == {"fuzzy"} and entries[0].references == ["lip/x.py:1"]


# --- Strings in the code and the templates ---------------------------------------------------

# As `make messages-update`, plus "locale": makemessages sends the strings of the files below a directory
# that holds a `locale` directory to that directory (lip/locale), whatever LOCALE_PATHS says.
# Ignoring it keeps every string in the temporary catalogue and the project's catalogues untouched.
MAKEMESSAGES_IGNORE = [".venv/*", "var/*", "tests/*", "bench/*", "locale"]


def _fingerprint(directory: Path) -> dict[str, str]:
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def test_every_marked_string_is_in_every_catalogue(settings, monkeypatch, tmp_path):
    """makemessages, run into a temporary empty catalogue, finds no string a catalogue lacks."""
    tools = ["xgettext", "msguniq", "msgmerge", "msgattrib"]
    if missing_tools := [tool for tool in tools if shutil.which(tool) is None]:
        reason = f"gettext is not installed ({', '.join(missing_tools)} missing): make system-deps"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from django.core.management import call_command

    extracted_dir = tmp_path / "locale"
    (extracted_dir / "en" / "LC_MESSAGES").mkdir(parents=True)
    settings.LOCALE_PATHS = [str(extracted_dir)]
    monkeypatch.chdir(REPO_ROOT)
    before = _fingerprint(LOCALE_DIR)

    call_command("makemessages", locale=["en"], ignore_patterns=MAKEMESSAGES_IGNORE, verbosity=0, stdout=io.StringIO())

    assert _fingerprint(LOCALE_DIR) == before, "makemessages must not touch lip/locale from the test"
    extracted = parse_po(extracted_dir / "en" / "LC_MESSAGES" / "django.po")
    assert len(extracted) > 100, f"makemessages found only {len(extracted)} strings: is the working directory right?"
    missing = []
    for language in TRANSLATED_LANGUAGES:
        catalogue = {(e.msgctxt, e.msgid): e for e in catalogue_entries(language)}
        forms = plural_forms(language)
        for found in extracted:
            entry = catalogue.get((found.msgctxt, found.msgid))
            if entry is None:
                problem = "missing"
            elif entry.msgid_plural != found.msgid_plural:
                problem = f"plural is {entry.msgid_plural!r} in the catalogue, {found.msgid_plural!r} in the code"
            elif "fuzzy" in entry.flags:
                problem = "fuzzy"
            elif (
                not entry.msgstr or not all(entry.msgstr.values()) or (found.msgid_plural and len(entry.msgstr) < forms)
            ):
                problem = "untranslated"
            else:
                continue
            context = f" [context {found.msgctxt!r}]" if found.msgctxt else ""
            missing.append(f"{language}: {found}{context}: {problem}")

    assert not missing, (
        f"{len(missing)} strings marked for translation lack a translation in lip/locale/<language>/LC_MESSAGES/django.po"
        " – run `make messages-update`, then translate them (and compilemessages):\n"
        + "\n".join(missing[:20])
        + (f"\n... and {len(missing) - 20} more" if len(missing) > 20 else "")
    )


# --- Pages in English ------------------------------------------------------------------------


def test_home_page_speaks_english_with_the_language_cookie(client, home_page):
    client.cookies["lip_language"] = "en"

    response = client.get("/")

    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="en"' in body
    assert "Skip to content" in body
    assert "Zum Inhalt springen" not in body
    assert "Organisations" in body
    assert 'lang="en" hreflang="en" aria-current="true">English</a>' in body


def test_home_page_speaks_german_by_default(client, home_page):
    body = client.get("/").content.decode()

    assert '<html lang="de"' in body
    assert "Zum Inhalt springen" in body


def test_organisation_pages_speak_english(client, db):
    from tests import factories

    organisation = factories.OrganisationFactory(name="Haus der Religionen")
    client.cookies["lip_language"] = "en"

    listing = client.get("/organisationen/").content.decode()
    detail = client.get(organisation.get_absolute_url()).content.decode()

    assert "Register an organisation" in listing
    assert "✓ verified" in listing
    assert "0 members" in listing
    assert "Log in to join this organisation." in detail


@pytest.mark.parametrize(
    ("language", "notice"),
    [("ar", "هذا المحتوى متوفر باللغة الألمانية فقط."), ("tr", "Bu içerik yalnızca Almanca olarak mevcuttur.")],
)
def test_a_german_only_page_says_so_in_the_readers_language(client, home_page, language, notice):
    client.cookies["lip_language"] = language

    body = client.get("/").content.decode()

    assert f'<html lang="{language}"' in body
    assert notice in body
    assert f'<h1 lang="de" dir="ltr">{home_page.title}</h1>' in body  # the German content is marked as German


def test_a_german_page_has_no_german_only_notice(client, home_page):
    assert "Dieser Inhalt ist nur auf Deutsch verfügbar." not in client.get("/").content.decode()


def test_arabic_and_farsi_pages_are_right_to_left(client, home_page):
    for language in ("ar", "fa"):
        client.cookies["lip_language"] = language
        assert f'<html lang="{language}" dir="rtl">' in client.get("/").content.decode()
    client.cookies["lip_language"] = "tr"
    assert '<html lang="tr" dir="ltr">' in client.get("/").content.decode()


def test_dates_follow_the_readers_language(client, home_page):
    """Dates on public pages use the language's own date format (Django's DATE_FORMAT), German unchanged."""
    from django.utils import timezone, translation
    from django.utils.formats import date_format

    from tests.consultation.factories import ProposalFactory

    proposal = ProposalFactory()
    created = timezone.localtime(proposal.created_at)  # as the page shows it: in Hannover's time, not UTC
    for language in ("de", "tr", "ar"):
        client.cookies["lip_language"] = language
        with translation.override(language):
            expected = date_format(created, "DATE_FORMAT")
        assert expected in client.get(proposal.get_absolute_url()).content.decode(), language
    assert expected != date_format(created, "j. F Y")  # Arabic does not get the German pattern


@pytest.mark.parametrize("language", ["de", *TRANSLATED_LANGUAGES])
def test_django_form_messages_keep_the_sites_wording(language):
    """Django REST framework's catalogue translates some of Django's form messages its own way (German in the
    du-form) and would outrank Django's; the project's catalogue holds the wording the site had (lip/form_messages.py)
    and wins."""
    import gettext

    from django.utils import translation

    from lip.form_messages import DJANGO_FORM_MESSAGES

    with (LOCALE_DIR / language / "LC_MESSAGES" / "django.mo").open("rb") as handle:
        ours = gettext.GNUTranslations(handle)
    with translation.override(language):
        for message in DJANGO_FORM_MESSAGES:
            assert translation.gettext(message) == ours.gettext(message) != "", message
    if language == "de":
        with translation.override("de"):
            assert translation.gettext("Enter a valid email address.") == "Bitte gültige E-Mail-Adresse eingeben."
