"""Findings of many files as text for people (`format_human`) or JSON for tools (`format_json`).

Both take ``results``: a list of ``(path, findings)``, one per checked file, in the order to
show. Within a file, findings are sorted errors first, then by line.

JSON structure (``version`` changes only when a key is removed or its meaning changes)::

    {
      "version": 1,
      "files": [
        {
          "path": "examples/taraz-mendeleev.yaml",
          "findings": [
            {
              "rule": "HE-TERM",                  rule id (see the rule table)
              "severity": "error",                "error" | "warning" | "info"
              "message": "the term of cooperation is 3 years; ...",   in the requested language
              "citation": "MoSHE rec. (draft, 2024), ch. 1, p. 2",   "" if the rule cites no text
              "field": "agreement.term_years",    dotted path, list items as [0]
              "line": 104,                        line in the file, or null
              "value": "3"                        the value found as text, or null if missing
            }
          ]
        }
      ],
      "summary": {"errors": 1, "warnings": 0, "info": 0}
    }

Keys are sorted, non-ASCII text is written as is (UTF-8), and every checked file is listed,
with ``"findings": []`` when it has none.
"""

from __future__ import annotations

import json
from collections import Counter

from spdocs.checks import Finding, sort_key
from spdocs.checks.messages import catalogue, fill
from spdocs.languages import Lang

Results = list[tuple[str, list[Finding]]]


def summary(results: Results) -> dict[str, int]:
    """Return the number of error, warning and info findings over all files."""
    counts = Counter(f.severity for _, findings in results for f in findings)
    return {"errors": counts["error"], "warnings": counts["warning"], "info": counts["info"]}


def format_line(f: Finding, *, path: str, lang: Lang) -> str:
    """Return ``path:line: severity RULE-ID field: message [citation]`` for one finding."""
    where = f"{path}:{f.line}" if f.line is not None else path
    severity = catalogue()["severities"][f.severity][lang]
    cited = f" [{f.citation}]" if f.citation else ""
    return f"{where}: {severity} {f.rule} {f.field}: {f.message}{cited}"


def format_human(results: Results, *, lang: Lang) -> str:
    """Return one line per finding, grouped by file, then a count line, e.g. (en)
    ``2 errors, 3 warnings, 1 info in 5 files``.
    """
    lines = [format_line(f, path=path, lang=lang) for path, findings in results for f in sorted(findings, key=sort_key)]
    counts = summary(results)
    lines.append(fill(catalogue()["summary"][lang], {**counts, "files": len(results)}, lang=lang))
    return "\n".join(lines) + "\n"


def format_json(results: Results) -> str:
    """Return the findings as the JSON document described in this module's docstring."""
    files = [
        {
            "path": path,
            "findings": [
                {
                    "rule": f.rule,
                    "severity": f.severity,
                    "message": f.message,
                    "citation": f.citation,
                    "field": f.field,
                    "line": f.line,
                    "value": f.value,
                }
                for f in sorted(findings, key=sort_key)
            ],
        }
        for path, findings in results
    ]
    document = {"version": 1, "files": files, "summary": summary(results)}
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
