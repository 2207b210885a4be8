"""The requisites printed under a party's signature, chosen by the party's country.

Each country identifies organizations and bank accounts differently: a Kazakhstani one by
БИН, ИИК (an IBAN of KZ), БИК and Кбе; a Russian one by ИНН, КПП, ОГРН, a settlement and a
correspondent account and БИК (Russia has no IBAN); others by IBAN or an account number,
SWIFT, an ABA routing number (United States) and a correspondent bank. Labels are the
language's terms (``t.requisites``); this module only picks the codes and values.
"""

from __future__ import annotations

import re

from spdocs.languages import Lang
from spdocs.model import Parent, Participant, Party

# Every code `requisites` returns: the terms of each language label them (`t.requisites`).
REQUISITES: tuple[str, ...] = (
    "legal_entity",
    "bin",
    "inn",
    "kpp",
    "ogrn",
    "bank",
    "iik",
    "settlement",
    "corr_account",
    "iban",
    "account",
    "bik",
    "swift",
    "aba",
    "kbe",
    "correspondent",
)

_IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$")


def requisites(party: Party | Participant, lang: Lang) -> list[dict[str, str]]:
    """Return the party's requisites as ``[{"code": ..., "value": ...}]``, in the order printed.

    A signing unit without its own identification number (BIN, ИНН) signs with its parent's: the
    legal entity is named first, then its numbers, and its bank unless the unit has its own.
    """
    rows: list[tuple[str, str | None]] = []
    ids: Party | Participant | Parent = party
    bank = party.bank
    parent = party.parent
    if parent is not None and party.bin is None and party.inn is None:
        ids = parent
        bank = bank or parent.bank
        rows.append(("legal_entity", parent.name.get(lang)))
    if party.country == "KZ":
        rows.append(("bin", ids.bin))
        if bank is not None:
            rows += [("bank", bank.bank.get(lang)), ("iik", bank.account), ("bik", bank.bic), ("kbe", bank.kbe)]
    elif party.country == "RU":
        rows += [("inn", ids.inn), ("kpp", ids.kpp), ("ogrn", ids.ogrn)]
        if bank is not None:
            rows += [
                ("bank", bank.bank.get(lang)),
                ("settlement", bank.account),
                ("corr_account", bank.corr_account),
                ("bik", bank.bic),
                ("swift", bank.swift),
            ]
    elif bank is not None:
        account = "iban" if _IBAN.match(bank.account.replace(" ", "")) else "account"
        rows += [("bank", bank.bank.get(lang)), (account, bank.account), ("swift", bank.bic), ("aba", bank.aba)]
        if bank.correspondent is not None:
            rows.append(("correspondent", bank.correspondent.get(lang)))
    return [{"code": code, "value": value} for code, value in rows if value]
