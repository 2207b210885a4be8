"""Target indicators, reporting periods and the actual values reported for them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, WithJsonSchema, field_validator, model_validator

from spdocs.languages import LANGS
from spdocs.model.base import Base, Code, Id, PeriodId, Person, Text

# A figure written as a number, or as text: "12.5", or a lower bound ">400".
_BOUND_SCHEMA = {
    "anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^\s*>?\s*[+-]?\d*[.]?\d+\s*$"}, {"type": "null"}]
}


class Indicator(Base):
    """A target indicator with its plan for each reporting period."""

    id: Id
    name: Text
    unit: Text
    area: Id
    baseline: Annotated[Decimal | None, WithJsonSchema(_BOUND_SCHEMA)] = Field(
        None, description='the value before the partnership; ">400": more than 400'
    )
    baseline_more_than: bool = Field(
        False,
        description='the baseline is a lower bound («более 400»): the annex says so; a bare ">400" means the same',
    )
    higher_is_better: bool = True
    percentage: bool | None = Field(
        None,
        description="the values are percentages (a share, a rate): the deviation is in percentage points; "
        "omitted: true when the unit is «%» in every language",
    )
    targets: dict[str, Decimal] = Field(min_length=1, description="period id -> planned value")

    @model_validator(mode="before")
    @classmethod
    def _baseline_bound(cls, data: object) -> object:
        if (
            isinstance(data, dict)
            and isinstance(data.get("baseline"), str)
            and data["baseline"].strip().startswith(">")
        ):
            return {**data, "baseline": data["baseline"].strip()[1:].strip(), "baseline_more_than": True}
        return data

    @field_validator("targets", mode="before")
    @classmethod
    def _period_keys(cls, value: object) -> object:
        # YAML reads `2025:` as an integer; period ids are text.
        return {str(k): v for k, v in value.items()} if isinstance(value, dict) else value


class Actual(Base):
    """An actual value for one indicator in one period; ``value: null`` means no data."""

    value: Decimal | None
    more_than: bool = Field(
        default=False,
        description="the value is a lower bound («more than 400»): the report says so and computes on the bound; "
        'a bare ">400" means the same',
    )
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_number(cls, data: object) -> object:
        if isinstance(data, str) and data.strip().startswith(">"):
            return {"value": data.strip()[1:].strip(), "more_than": True}
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
                    "properties": {
                        "value": {"type": ["number", "string", "null"]},
                        "more_than": {"type": "boolean"},
                        "note": _TEXT_SCHEMA,
                    },
                    "required": ["value"],
                    "additionalProperties": False,
                },
            ]
        }
    ),
]


class Spending(Base):
    """What was actually spent on one budget line in one period (in the line's currency)."""

    amount: Decimal | None = Field(description="the amount spent; null: no data")
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_number(cls, data: object) -> object:
        return data if isinstance(data, dict) else {"amount": data}


SpendingValue = Annotated[
    Spending,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": ["number", "string", "null"]},
                {
                    "type": "object",
                    "properties": {"amount": {"type": ["number", "string", "null"]}, "note": _TEXT_SCHEMA},
                    "required": ["amount"],
                    "additionalProperties": False,
                },
            ]
        }
    ),
]


class Outgoing(Base):
    """The report's outgoing registration (шығыс № / исх. №)."""

    number: str = Field(min_length=1)
    date: dt.date


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
    label: Text | None = Field(
        None,
        description="the period's name in documents («II полугодие 2025 г.»); omitted: made from the dates "
        "(a calendar year, half-year or quarter, else the dates)",
    )
    start: dt.date
    end: dt.date
    due: dt.date
    actuals: dict[str, ActualValue] = {}
    spending: dict[str, SpendingValue] = Field(
        default={}, description="budget line id (funding.budget[].id) -> amount actually spent in the period"
    )
    outgoing: Outgoing | None = Field(None, description="the report's outgoing number and date")
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
