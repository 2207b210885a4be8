"""The building blocks of the data file: strict frozen models, texts per language, money, codes."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    create_model,
    field_validator,
    model_validator,
)

from spdocs import limits
from spdocs.languages import LANGS, LANGUAGES, Lang
from spdocs.messages import Invalid
from spdocs.regimes import MODELS, REGIMES

if TYPE_CHECKING:
    from typing_extensions import Self

if TYPE_CHECKING:  # closed sets, kept as data in the registries; the type checker sees them as text
    LangCode = str
    RegimeCode = str
    ModelCode = str
else:
    LangCode = Literal[LANGS]
    RegimeCode = Literal[tuple(REGIMES)]
    ModelCode = Literal[MODELS]

# The patterns of coded values, each with its description in words for the one who writes the
# file (data.yaml, ``format``): an error shows the rule in words, never the pattern.
ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"
PERIOD_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z_.-]*$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"
BIN_PATTERN = r"^\d{12}$"
FORMATS: dict[str, str] = {
    ID_PATTERN: "id",
    PERIOD_PATTERN: "period",
    COUNTRY_PATTERN: "country",
    CURRENCY_PATTERN: "currency",
    BIN_PATTERN: "bin",
}

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
# Numbers and codes that YAML may read as numbers (2025, 45): the loader turns them into text.
Code = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    WithJsonSchema({"type": ["string", "integer"], "minLength": 1}),
]
PeriodId = Annotated[
    str,
    StringConstraints(pattern=PERIOD_PATTERN),
    WithJsonSchema({"type": ["string", "integer"], "pattern": PERIOD_PATTERN}),
]
Country = Annotated[str, StringConstraints(pattern=COUNTRY_PATTERN)]

# --- What documents can hold (spdocs.limits), checked at load time: check clean ⇒ render works.
Currency = Annotated[str, StringConstraints(pattern=CURRENCY_PATTERN), AfterValidator(limits.currency)]
PartnershipId = Annotated[Id, AfterValidator(limits.portable_id)]  # a folder name, on Windows too
Bin = Annotated[str, StringConstraints(pattern=BIN_PATTERN)]
# A region of Kazakhstan: its 17 oblasts and 3 cities of republican significance (2022 division).
Region = Literal[
    "abai",
    "akmola",
    "aktobe",
    "almaty_region",
    "atyrau",
    "east_kazakhstan",
    "zhambyl",
    "zhetisu",
    "west_kazakhstan",
    "karaganda",
    "kostanay",
    "kyzylorda",
    "mangystau",
    "pavlodar",
    "north_kazakhstan",
    "turkistan",
    "ulytau",
    "astana",
    "almaty",
    "shymkent",
]


class Base(BaseModel):
    """Frozen, strict about unknown fields; numbers given where text is expected become text.

    Every value is checked against what a document can hold (`spdocs.limits.check_value`):
    no control characters in text, dates and numbers in range.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    @field_validator("*")
    @classmethod
    def _fits_a_document(cls, value: Any) -> Any:
        return limits.check_value(value)


class TextBase(Base):
    """A text that appears in documents, in the languages of the registry (`spdocs.languages`).

    A language may be left out when no document showing the text is issued in it (the data's
    `documents`); the check ``GEN-TRANSLATION`` says which documents need which translation.
    """

    @field_validator("*")
    @classmethod
    def _nfc(cls, value: str | None) -> str | None:
        if value is None:
            return None
        # Word and LibreOffice render decomposed letters badly; keep one form (glossary §4).
        value = unicodedata.normalize("NFC", value)
        if not value.strip():
            raise Invalid("data.model.text_blank")
        return value

    @model_validator(mode="after")
    def _some_language(self) -> Self:
        if all(getattr(self, lang) is None for lang in LANGS):
            raise Invalid("data.model.text_none", langs=LANGS)
        return self

    def find(self, lang: Lang) -> str | None:
        """Return the text in ``lang``, or ``None`` when it is not given in that language."""
        value = getattr(self, lang)
        return None if value is None else str(value)

    def get(self, lang: Lang) -> str:
        """Return the text in ``lang``; `MissingTextError` when it is not given in that language."""
        value = self.find(lang)
        if value is None:
            from spdocs.errors import MissingTextError

            raise MissingTextError(f"«{self.any()}» has no {LANGUAGES[lang].name} text")
        return value

    def any(self) -> str:
        """Return the text in the first language it is given in (to name it in a message)."""
        return next(v for lang in LANGS if (v := self.find(lang)) is not None)

    @classmethod
    def same(cls, value: str) -> Self:
        """Return a text that reads ``value`` in every language (a code, a name written alike)."""
        return cls.model_validate(dict.fromkeys(LANGS, value))


if TYPE_CHECKING:
    Text = TextBase
else:
    # One field per language of the registry: a language added there is a field here.
    _TEXT_FIELDS: dict[str, Any] = {
        lang.code: (str | None, Field(None, min_length=1, description=f"{lang.name} ({lang.script.title()})"))
        for lang in LANGUAGES.values()
    }
    Text = create_model("Text", __base__=TextBase, __module__=__name__, **_TEXT_FIELDS)
    Text.__doc__ = TextBase.__doc__


class Money(Base):
    """An amount of money: Decimal plus an ISO 4217 currency code."""

    amount: Decimal = Field(ge=0)
    currency: Currency = "KZT"

    @model_validator(mode="after")
    def _writable(self) -> Money:
        try:
            limits.check_money(self.amount, self.currency)
        except Invalid as exc:
            raise exc.at("amount") from None
        return self


class Person(Base):
    """A person named in a document: name and position per language."""

    name: Text
    position: Text
