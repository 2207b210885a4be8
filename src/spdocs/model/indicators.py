"""Target indicators, reporting periods and the actual values reported for them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, WithJsonSchema, field_validator, model_validator

from spdocs.languages import LANGS
from spdocs.model.base import Base, Code, Id, PeriodId, Person, Text


class Indicator(Base):
    """A target indicator with its plan for each reporting period."""

    id: Id
    name: Text
    unit: Text
    area: Id
    baseline: Decimal | None = None
    higher_is_better: bool = True
    targets: dict[str, Decimal] = Field(min_length=1, description="period id -> planned value")

    @field_validator("targets", mode="before")
    @classmethod
    def _period_keys(cls, value: object) -> object:
        # YAML reads `2025:` as an integer; period ids are text.
        return {str(k): v for k, v in value.items()} if isinstance(value, dict) else value


class Actual(Base):
    """An actual value for one indicator in one period; ``value: null`` means no data."""

    value: Decimal | None
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_number(cls, data: object) -> object:
        return data if isinstance(data, dict) else {"value": data}


_TEXT_SCHEMA = {
    "type": "object",
    "properties": {lang: {"type": "string", "minLength": 1} for lang in LANGS},
    "required": list(LANGS),
    "additionalProperties": False,
}
# An actual is written as a bare number (or null), or as {value, note}.
ActualValue = Annotated[
    Actual,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": ["number", "string", "null"]},
                {
                    "type": "object",
                    "properties": {"value": {"type": ["number", "string", "null"]}, "note": _TEXT_SCHEMA},
                    "required": ["value"],
                    "additionalProperties": False,
                },
            ]
        }
    ),
]


class Activity(Base):
    """Something done in a period, under a priority area."""

    area: Id
    text: Text


class CoverLetter(Base):
    """The outgoing letter that sends a period's report to the ministry."""

    number: Code = Field(description="outgoing number")
    date: dt.date
    pages: dict[str, int] = Field(
        {}, description="pages of each attachment by kind: {report: 14, summary: 2}; omitted: left blank"
    )
    summary: bool = Field(False, description="the summary workbook is attached too")


class Period(Base):
    """A reporting period with what was achieved in it."""

    id: PeriodId
    start: dt.date
    end: dt.date
    due: dt.date
    actuals: dict[str, ActualValue] = {}
    summary: Text | None = None
    activities: list[Activity] = []
    problems: list[Text] = []
    proposals: list[Text] = []
    preparer: Person | None = None
    phone: str | None = None
    signed_by: Literal["first_head", "responsible"] = "first_head"
    letter: CoverLetter | None = None

    @field_validator("id", mode="before")
    @classmethod
    def _id_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) else value
