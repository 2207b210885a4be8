"""The wording of every problem spdocs finds in an input file before its regulation checks.

One catalogue, keyed by message id, with ``str.format`` placeholders: the YAML/JSON reader
(`spdocs.parse`), the data limits (`spdocs.limits`) and the batch (`spdocs.produce`) produce
their messages only through `say`, so that a translation is one lookup away.
Messages are plain words for a person who edits a data file: what is wrong and the fix.
"""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, str] = {
    # reading the file
    "too_big": "the file is {size} MB; a data file may be at most {limit} MB",
    "empty": "the file is empty; it should describe one partnership (spdocs new writes a starter file)",
    "not_mapping": "expected a mapping of fields at the top of the file",
    "second_document": "a second document starts here (---); a data file describes one partnership",
    "too_deep": "nested more than {limit} levels deep; a data file never needs that many",
    "too_many_nodes": "anchors and aliases (*name) expand to more than {limit} values; write the values out",
    "unknown_alias": "*{alias} refers to no anchor &{alias} above it",
    "unsupported_tag": "the YAML tag {tag} is not supported; remove it (write the value as plain text or a number)",
    "complex_key": "a key must be plain text (a name followed by a colon)",
    "duplicate_key": "'{key}' is given twice in the same place (lines {first} and {second}); keep one",
    "bad_date": "{value} is not a date: {reason}",
    "bad_number": "{value} cannot be read as a number ({reason})",
    "bin_quotes": 'put the {what} in quotes, e.g. {field}: "{value}"; without quotes YAML reads a number that '
    "starts with 0 as another number",
    "comma_in_text": "the comma in '{text}, {rest}' split the text in two inside {{...}}; put the text in quotes: "
    '{key}: "{text}, {rest}"',
    "date_not_text": "{value} was read as a date, but text is expected here; put it in quotes",
    "date_format": "expected a date written YYYY-MM-DD (got {value})",
    # YAML syntax, explained
    "yaml_tab": "a tab character (column {column}): YAML indents with spaces only; replace the tab with spaces",
    "yaml_colon": "a colon followed by a space inside unquoted text; put the text in quotes: {fix}",
    "yaml_colon_plain": "a colon followed by a space inside unquoted text; put the text in quotes",
    "yaml_quote_open": "a quote opened on line {start} is never closed; close it or remove it",
    "yaml_indent": "the indentation does not match the lines above; align the field with its neighbours (spaces only)",
    "yaml_no_colon": "this line is neither 'field: value' nor a list item '- ...'; if it continues the text above, "
    "put the whole text in quotes",
    "yaml_start_char": "text cannot start with '{char}' without quotes; put the text in quotes",
    "yaml_escape": "a backslash inside double quotes starts an escape; write \\\\ or use single quotes '...'",
    "yaml_flow": "a bracket {{ or [ is not closed, or a comma is missing inside it; check the brackets on this line",
    "yaml_control": "the character {code} cannot appear in a data file (it was probably pasted with the text); "
    "delete it",
    "yaml_other": "not valid YAML: {detail}",
    "json_syntax": "not valid JSON: {detail} (column {column})",
    "json_constant": "{value} is not a number a document can show",
    # values the documents cannot hold
    "control_char": "contains the invisible control character {code} (often pasted from Word or Excel), "
    "which a Word document cannot hold; delete it",
    "date_range": "{value} is outside the years {low}–{high}; check the year",
    "number_range": "{value} is too large for a document (at most {limit})",
    "number_places": "{value} has more than {limit} decimals",
    "currency_unknown": "'{code}' is not an ISO 4217 currency code (e.g. KZT, USD, EUR)",
    "currency_places": "{amount} {code}: amounts in {code} have at most {places} decimals; round the amount",
    "currency_minor_name": "amounts with a fraction can be written out in words only in {named}; "
    "give a whole amount of {code}",
    "reserved_id": "'{value}' cannot be a folder name on Windows ({why}); choose another id",
    # actuals spreadsheets
    "csv_extra_fields": "this row has {n} fields but the header has {m}: a decimal comma in a comma-separated "
    'file splits the number; put the number in quotes ("78,5") or separate the columns with ;',
    "formula_uncached": "formula without a cached value ({formula}); open and save the file in Excel",
    # a batch
    "duplicate_id": "the id '{id}' is also used by {other}; output files of one would overwrite the other's",
}


def say(message_id: str, **args: Any) -> str:
    """Return the message ``message_id`` with ``args`` filled in."""
    return MESSAGES[message_id].format(**args)
