"""Use case: translate in the app — segments, progress, edits to the overlay, export/import, new languages.

Shipped catalogs (`translations/<lang>/LC_MESSAGES/<domain>.po`) are only read. Every edit goes to
the user's overlay (`<data dir>/translations/<lang>/<domain>.po`), whose entries win; "reset to
shipped text" removes the overlay entry. The gettext fuzzy flag is "draft"; a check by a speaker
removes it and leaves `# checked-by: Name, YYYY-MM-DD` in the catalog.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace

from babel.messages.catalog import Message

from opvoed_desktop.fileio import write_atomic
from opvoed_desktop.i18n import _, ngettext
from opvoed_desktop.i18n.catalogs import CHECKED, DRAFT, MISSING, LocaleFacts, State, locale_facts
from opvoed_desktop.i18n.po_checks import Problem, check_translation, message_problems, validate_catalog
from opvoed_desktop.i18n.translator import SOURCE_LOCALE
from opvoed_desktop.services.translations.files import CatalogFiles
from opvoed_desktop.services.translations.segments import (
    CHECKED_BY,
    DOMAINS,
    HANDOUTS,
    Change,
    Domain,
    FontCheck,
    ImportPreview,
    Progress,
    Segment,
    TranslationError,
    comment_of,
    entry_comment,
    forms_of,
    get_entry,
    message_key,
    po_bytes,
    put_entry,
    split_key,
)


@dataclass
class TranslationService(CatalogFiles):
    """Reading, editing, checking, exchanging and adding languages; the files are CatalogFiles' job."""

    # Languages ------------------------------------------------------------------------------
    def languages(self) -> list[str]:
        """Every language with a shipped or an overlay catalog (Dutch is the source, not listed)."""
        found = {p.parent.parent.name for p in self.translations_dir.glob("*/LC_MESSAGES/*.po")}
        if self.overlay_dir.is_dir():
            found |= {p.parent.name for p in self.overlay_dir.glob("*/*.po")}
        return sorted(found - {SOURCE_LOCALE})

    def facts(self, lang: str) -> LocaleFacts:
        """babel's facts about the language, with the plural rule of its shipped catalog (the truth
        for that catalog) when there is one."""
        count, expr = self._plural(lang)
        return replace(locale_facts(lang), plural_forms=(count, expr))

    # Segments -------------------------------------------------------------------------------
    def segments(self, lang: str, domain: Domain) -> list[Segment]:
        template = self._catalog(self.translations_dir / f"{domain}.pot")
        shipped = self._catalog(self.shipped_file(lang, domain))
        overlay = self._catalog(self.overlay_file(lang, domain))
        nplurals = self._nplurals(lang, domain)
        out = []
        for message in template or ():
            if not message.id:
                continue
            out.append(self._segment(message, shipped, overlay, nplurals))
        return out

    def segment(self, lang: str, domain: Domain, key: str) -> Segment:
        template = self._catalog(self.translations_dir / f"{domain}.pot")
        message = get_entry(template, key) if template is not None else None
        if message is None:
            text = split_key(key)[0]
            raise TranslationError(_("Deze tekst staat niet (meer) in de toolkit: {text}").format(text=text[:60]))
        return self._segment(
            message,
            self._catalog(self.shipped_file(lang, domain)),
            self._catalog(self.overlay_file(lang, domain)),
            self._nplurals(lang, domain),
        )

    def progress(self, lang: str, domain: Domain) -> Progress:
        if domain == "content":
            return self._content_progress(lang, None)
        total = Progress()
        for segment in self.segments(lang, domain):
            total.add(segment.state)
        return total

    def handout_progress(self, lang: str) -> dict[str, Progress]:
        return {item_id: self._content_progress(lang, item_id) for item_id in HANDOUTS}

    def _content_progress(self, lang: str, item_id: str | None) -> Progress:
        # The fast, mtime-cached reader of the hand-outs: stats for twelve languages stay cheap.
        from opvoed_desktop.i18n.catalogs import load_content_catalog

        catalog = load_content_catalog(lang, self.translations_dir, self.overlay_dir)
        template = self._catalog(self.translations_dir / "content.pot")
        found = Progress()
        for message in template or ():
            if message.id and (item_id is None or entry_comment(message)[0] == item_id):
                found.add(catalog.lookup(message.id if isinstance(message.id, str) else message.id[0])[1])
        return found

    def stats(self) -> list[dict[str, object]]:
        rows: list[dict[str, object]] = []
        for lang in self.languages():
            for domain in DOMAINS:
                p = self.progress(lang, domain)
                rows.append(
                    {
                        "lang": lang,
                        "domain": domain,
                        "total": p.total,
                        "checked": p.checked,
                        "draft": p.draft,
                        "missing": p.missing,
                    }
                )
        return rows

    def check(self, lang: str, segment: Segment, translation: str | Sequence[str]) -> list[Problem]:
        return check_translation(segment.msgid, translation, self._nplurals(lang))

    # Edits ------------------------------------------------------------------------------------
    def save(self, lang: str, domain: Domain, key: str, translation: str | Sequence[str]) -> Segment:
        """Store an edit in the overlay as a draft; an empty text removes the overlay entry."""
        segment = self.segment(lang, domain, key)
        forms = forms_of(segment, translation, self._nplurals(lang, domain))
        if forms == segment.translation:
            return segment
        if not any(forms):
            return self.reset(lang, domain, key)
        overlay = self._overlay(lang, domain)
        put_entry(
            overlay,
            key,
            Message(
                segment.msgid,
                forms if segment.is_plural else forms[0],
                flags={"fuzzy"},
                auto_comments=comment_of(segment),
            ),
        )
        self._write(lang, domain, overlay)
        return self.segment(lang, domain, key)

    def mark_checked(self, lang: str, domain: Domain, key: str, checker: str, on: dt.date | None = None) -> Segment:
        segment = self.segment(lang, domain, key)
        checker = " ".join(checker.replace(",", " ").split())
        if not checker:
            raise TranslationError(_("Vul de naam in van wie de vertaling heeft nagekeken."))
        if segment.state == MISSING or not all(segment.translation):
            raise TranslationError(_("Er is nog geen (volledige) vertaling om na te kijken; vul die eerst in."))
        errors = [p for p in self.check(lang, segment, segment.translation) if p.is_error]
        if errors:
            raise TranslationError(_("Eerst herstellen: {problem}").format(problem=errors[0].message))
        stamp = f"{CHECKED_BY} {checker}, {(on or dt.date.today()).isoformat()}"
        overlay = self._overlay(lang, domain)
        text = segment.translation if segment.is_plural else segment.translation[0]
        put_entry(overlay, key, Message(segment.msgid, text, user_comments=[stamp], auto_comments=comment_of(segment)))
        self._write(lang, domain, overlay)
        return self.segment(lang, domain, key)

    def reset(self, lang: str, domain: Domain, key: str) -> Segment:
        """Back to the shipped text: the overlay entry goes (the overlay file itself stays)."""
        overlay = self._overlay(lang, domain)
        msgid, context = split_key(key)
        if overlay.get(msgid, context) is not None:
            overlay.delete(msgid, context)
            self._write(lang, domain, overlay)
        return self.segment(lang, domain, key)

    # Export and import --------------------------------------------------------------------------
    def export_po(self, lang: str, domain: Domain) -> bytes:
        """A standard .po of everything: the shipped text merged with the overlay."""
        catalog = self._new_catalog(lang, domain)
        for segment in self.segments(lang, domain):
            text: str | tuple[str, ...] = segment.translation if segment.is_plural else segment.translation[0]
            put_entry(
                catalog,
                segment.key,
                Message(
                    segment.msgid,
                    text,
                    flags={"fuzzy"} if segment.state == DRAFT else set(),
                    auto_comments=comment_of(segment),
                    user_comments=[f"{CHECKED_BY} {segment.checked_by}"] if segment.checked_by else [],
                ),
            )
        return po_bytes(catalog)

    def preview_import(self, lang: str, domain: Domain, data: bytes) -> ImportPreview:
        """Validate a .po and say what it would change; raises TranslationError naming the line."""
        catalog, problems = validate_catalog(data, lang)
        errors = [p for p in problems if p.is_error]
        if catalog is None or errors:
            first = errors[0] if errors else Problem("error", _("het bestand kan niet worden gelezen."))
            more = len(errors) - 1
            extra = ""
            if more > 0:
                extra = ngettext(" (en nog {n} probleem)", " (en nog {n} problemen)", more).format(n=more)
            raise TranslationError(
                _("Niet ingelezen, er is niets veranderd: {problem}{more}.").format(
                    problem=first.sentence().rstrip("."), more=extra
                )
            )
        preview = ImportPreview(
            lang, domain, warnings=message_problems(catalog, self._nplurals(lang, domain), errors_only=False)
        )
        current = {s.key: s for s in self.segments(lang, domain)}
        for message in catalog:
            if not message.id:
                continue
            key = message_key(message)
            segment = current.get(key)
            if segment is None or isinstance(message.id, str) == segment.is_plural:
                preview.unknown += 1
                continue
            forms = forms_of(segment, message.string or "", self._nplurals(lang, domain))
            if not any(forms):
                continue  # an untranslated entry in the file never erases our text
            state: State = DRAFT if message.fuzzy else CHECKED
            if forms == segment.translation and state == segment.state:
                preview.unchanged += 1
                continue
            preview.changes.append(
                Change(key, segment.source, segment.text, segment.state, "\n".join(f for f in forms if f), state)
            )
            comments = [c for c in message.user_comments if c.startswith(CHECKED_BY)] if state == CHECKED else []
            preview._messages[key] = Message(
                segment.msgid,
                forms if segment.is_plural else forms[0],
                flags={"fuzzy"} if state == DRAFT else set(),
                user_comments=comments,
                auto_comments=comment_of(segment),
            )
        return preview

    def apply_import(self, preview: ImportPreview) -> int:
        """Write every change of the preview in one atomic write of the overlay."""
        if not preview._messages:
            return 0
        overlay = self._overlay(preview.lang, preview.domain)
        for key, message in preview._messages.items():
            put_entry(overlay, key, message)
        self._write(preview.lang, preview.domain, overlay)
        return len(preview._messages)

    # New languages ------------------------------------------------------------------------------
    def add_language(self, code: str) -> tuple[LocaleFacts, FontCheck]:
        """An overlay catalog for a language we do not ship, with babel's plural forms header."""
        from babel import Locale, UnknownLocaleError

        try:
            code = str(Locale.parse(code.strip().replace("-", "_")))
        except (UnknownLocaleError, ValueError, TypeError) as exc:
            raise TranslationError(
                _("'{code}' is geen taalcode die de app kent; gebruik bijvoorbeeld rif, fa_AF of am.").format(code=code)
            ) from exc
        if code == SOURCE_LOCALE or code in self.languages():
            raise TranslationError(_("De taal {code} staat al in de lijst.").format(code=code))
        facts = locale_facts(code)
        self._write(code, "content", self._new_catalog(code, "content"))
        return facts, self.font_check(code)

    def font_check(self, code: str) -> FontCheck:
        from babel import Locale

        from opvoed_desktop.documents.fonts import FontError, FontLocator

        script = _script_code(code)
        family = {"Arab": "arabic", "Ethi": "ethiopic", "Latn": "latin", "Cyrl": "latin"}.get(script)
        if family is None:
            name = Locale("en").scripts.get(script, script)
            return FontCheck(
                script,
                False,
                _(
                    "Hand-outs in het {script} schrift worden nog niet ondersteund; installeer Noto Sans {script} "
                    "en vraag de ontwikkelaars om dit schrift toe te voegen."
                ).format(script=name),
            )
        try:
            face = FontLocator().face(family)
        except FontError as exc:
            return FontCheck(script, False, str(exc))
        return FontCheck(
            script, True, _("Het lettertype {font} kan deze taal op de hand-outs zetten.").format(font=face.path.name)
        )

    # Who checks ---------------------------------------------------------------------------------
    def checker_name(self) -> str:
        try:
            data = json.loads((self.overlay_dir / "checker.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return ""
        return data.get("name", "") if isinstance(data, dict) else ""

    def remember_checker(self, name: str) -> None:
        write_atomic(self.overlay_dir / "checker.json", json.dumps({"name": name}).encode("utf-8"), make_folder=True)


def _script_code(code: str) -> str:
    from babel import Locale
    from babel.core import get_global

    locale = Locale.parse(code.replace("-", "_"))
    if locale.script:
        return locale.script
    likely = get_global("likely_subtags")
    for key in (str(locale), locale.language):
        if key in likely:
            parts = likely[key].split("_")
            if len(parts) > 1 and len(parts[1]) == 4:
                return parts[1]
    return "Latn"
