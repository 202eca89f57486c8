"""Structured results of a meeting (strengths, agreements, wishes, evaluations) and local
contacts per municipality. Mixed into MeetingService so the UI gets one façade."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import select

from opvoed_desktop.i18n import _
from opvoed_desktop.i18n.hours import (
    MAX_SLOTS,
    HoursError,
    check_slot,
    read_typed_hours,
    slots_from_json,
    slots_to_json,
)
from opvoed_desktop.services._storage_base import StorageService, check_choice, check_score
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.errors import InvalidInputError
from opvoed_desktop.storage.records import (
    AgreementRecord,
    ContactRecord,
    EvaluationRecord,
    StrengthRecord,
    WishRecord,
    from_row,
)

_UNSET: Any = object()


def _given(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not _UNSET}


class OutcomesMixin(StorageService):
    # Strengths (exercise B) -------------------------------------------------------------
    def add_strength(self, meeting_id: str, side: str, text: str) -> str:
        check_choice(side, m.Side, _("Kant"))
        return self._add(m.Strength, meeting_id=meeting_id, side=side, text=text)

    def update_strength(self, strength_id: str, *, side: str = _UNSET, text: str = _UNSET) -> None:
        if side is not _UNSET:
            check_choice(side, m.Side, _("Kant"))
        self._update(m.Strength, strength_id, {"side", "text"}, _given(side=side, text=text))

    def delete_strength(self, strength_id: str) -> None:
        self._delete(m.Strength, strength_id)

    def strengths(self, meeting_id: str) -> list[StrengthRecord]:
        return [from_row(StrengthRecord, r) for r in self._children(m.Strength, meeting_id)]

    # Agreements (exercise F) ------------------------------------------------------------
    def add_agreement(
        self,
        meeting_id: str,
        what: str,
        *,
        party: str = "",
        due: date | None = None,
        status: str = m.AgreementStatus.OPEN,
        due_text: str = "",
    ) -> str:
        check_choice(status, m.AgreementStatus, _("Status"))
        return self._add(
            m.Agreement, meeting_id=meeting_id, what=what, party=party, due=due, status=status, due_text=due_text
        )

    def update_agreement(
        self,
        agreement_id: str,
        *,
        what: str = _UNSET,
        party: str = _UNSET,
        due: date | None = _UNSET,
        status: str = _UNSET,
        due_text: str = _UNSET,
    ) -> None:
        """`due` and `due_text` together say when: a date, or words kept as typed (one of the two)."""
        if status is not _UNSET:
            check_choice(status, m.AgreementStatus, _("Status"))
        values = _given(what=what, party=party, due=due, status=status, due_text=due_text)
        self._update(m.Agreement, agreement_id, {"what", "party", "due", "status", "due_text"}, values)

    def delete_agreement(self, agreement_id: str) -> None:
        self._delete(m.Agreement, agreement_id)

    def agreements(self, meeting_id: str) -> list[AgreementRecord]:
        return [from_row(AgreementRecord, r) for r in self._children(m.Agreement, meeting_id)]

    # Wishes (exercise G) ----------------------------------------------------------------
    def add_wish(self, meeting_id: str, text: str) -> str:
        return self._add(m.Wish, meeting_id=meeting_id, text=text)

    def update_wish(self, wish_id: str, text: str) -> None:
        self._update(m.Wish, wish_id, {"text"}, {"text": text})

    def delete_wish(self, wish_id: str) -> None:
        self._delete(m.Wish, wish_id)

    def wishes(self, meeting_id: str) -> list[WishRecord]:
        return [from_row(WishRecord, r) for r in self._children(m.Wish, meeting_id)]

    # Evaluation -------------------------------------------------------------------------
    def add_evaluation(self, meeting_id: str, respondent_group: str, score: int, remark: str = "") -> str:
        return self._add(
            m.Evaluation,
            meeting_id=meeting_id,
            respondent_group=respondent_group,
            score=check_score(score),
            remark=remark,
        )

    def update_evaluation(
        self,
        evaluation_id: str,
        *,
        respondent_group: str = _UNSET,
        score: int = _UNSET,
        remark: str = _UNSET,
    ) -> None:
        if score is not _UNSET:
            check_score(score)
        values = _given(respondent_group=respondent_group, score=score, remark=remark)
        self._update(m.Evaluation, evaluation_id, {"respondent_group", "score", "remark"}, values)

    def delete_evaluation(self, evaluation_id: str) -> None:
        self._delete(m.Evaluation, evaluation_id)

    def evaluations(self, meeting_id: str) -> list[EvaluationRecord]:
        return [from_row(EvaluationRecord, r) for r in self._children(m.Evaluation, meeting_id)]

    # Local contacts per municipality ----------------------------------------------------
    _CONTACT_FIELDS = frozenset(
        {
            "municipality",
            "organisation",
            "kind",
            "address",
            "phone",
            "website",
            "opening_hours",
            "opening_slots",
            "languages",
        }
    )

    def add_contact(self, municipality: str, organisation: str, kind: str = m.ContactKind.OTHER, **fields: Any) -> str:
        """A new contact. Opening hours come as `opening_slots` (Slots; `opening_hours` is then
        kept as typed beside them), or only as typed Dutch text in `opening_hours`, which is read
        into slots when all of it has that form (like migration 0004) and else kept as typed."""
        check_choice(kind, m.ContactKind, _("Soort"))
        unknown = set(fields) - self._CONTACT_FIELDS
        if unknown:
            raise TypeError(f"unknown contact fields {sorted(unknown)}")
        fields["languages"] = list(fields.get("languages", []))
        if "opening_slots" not in fields and fields.get("opening_hours"):
            fields["opening_slots"], fields["opening_hours"] = read_typed_hours(fields["opening_hours"])
        fields["opening_slots"] = _stored_slots(fields.get("opening_slots", ()))
        return self._add(m.Contact, municipality=municipality, organisation=organisation, kind=kind, **fields)

    def update_contact(self, contact_id: str, **fields: Any) -> None:
        """Changed fields; `opening_slots` as Slots, `opening_hours` stored exactly as given."""
        if "kind" in fields:
            check_choice(fields["kind"], m.ContactKind, _("Soort"))
        if "languages" in fields:
            fields["languages"] = list(fields["languages"])
        if "opening_slots" in fields:
            fields["opening_slots"] = _stored_slots(fields["opening_slots"])
        self._update(m.Contact, contact_id, self._CONTACT_FIELDS, fields)

    def delete_contact(self, contact_id: str) -> None:
        self._delete(m.Contact, contact_id)

    def contacts(self, municipality: str | None = None) -> list[ContactRecord]:
        stmt = select(m.Contact).order_by(m.Contact.municipality, m.Contact.organisation)
        if municipality is not None:
            stmt = stmt.where(m.Contact.municipality == municipality)
        return [_contact_record(r) for r in self._list(stmt)]


def _stored_slots(slots: Any) -> list[dict[str, Any]]:
    """Slots as stored (JSON), each checked again: an impossible one is refused with its sentence."""
    try:
        checked = [check_slot(s.days, s.start, s.end) for s in slots]
    except (HoursError, AttributeError, TypeError) as exc:
        message = str(exc) if isinstance(exc, HoursError) else _("De openingstijden zijn geen dagen en tijden.")
        raise InvalidInputError(message) from None
    if len(checked) > MAX_SLOTS:
        raise InvalidInputError(_("Dat zijn te veel regels met openingstijden (hooguit {n}).").format(n=MAX_SLOTS))
    return slots_to_json(checked)


def _contact_record(row: Any) -> ContactRecord:
    """The record of a stored contact; slots that cannot be read (a damaged or hand-edited file)
    count as none, and their stored form is kept beside them as text so nothing is hidden."""
    record = from_row(ContactRecord, row)
    try:
        slots = slots_from_json(row.opening_slots)
    except HoursError:
        kept = json.dumps(row.opening_slots, ensure_ascii=False)
        return replace(record, opening_slots=(), opening_hours="; ".join(p for p in (record.opening_hours, kept) if p))
    return replace(record, opening_slots=slots)
