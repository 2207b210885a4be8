"""Check a DOCX template against the context its kind receives, and say where in Word to look.

`check_template` reads the paragraphs of a template in document order (body, tables, headers
and footers), finds its Jinja tags, and checks them in one pass, as a reader of the document
would: every block opened (``{%p if %}``, ``{%tr for %}`` …) is closed by the right end tag;
every name and attribute (``p.agreement.number``, a loop variable's ``r.activity``) exists in
the context the kind is rendered with — taken from sample partnerships, so that an optional
section absent from one sample is not an error — and every filter is one the environment
has. Each problem is located by the paragraph's own text (with its Word clause number), not
by an XML offset: «unclosed `{%p if %}` in the paragraph starting "1.2. Предметом Договора…"».
"""

from __future__ import annotations

import difflib
import functools
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from jinja2 import TemplateSyntaxError, nodes

from spdocs import docxtext
from spdocs.environment import make_env
from spdocs.languages import Lang

W = docxtext.W
_TAG = re.compile(r"\{%-?\s*(tr|tc|p|r)?\s+(.*?)\s*-?%\}|\{\{-?\s*(r\s+)?(.*?)\s*-?\}\}", re.S)
_BLOCKS = {"if": "endif", "for": "endfor", "with": "endwith", "macro": "endmacro", "filter": "endfilter"}
_ENDS = {end: start for start, end in _BLOCKS.items()}
_UNKNOWN = object()  # a value the check cannot look into (None in a sample, a filter's result …)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a template: its text as in Word (with its clause number) and its tags."""

    text: str
    number: str

    def where(self, following: Paragraph | None) -> str:
        """Return how to find it: 'in the paragraph starting "1.2. Предметом…"'."""
        own = _TAG.sub("", self.text).strip()
        if own:
            return f'in the paragraph starting "{_start(self.number, own)}"'
        if "{{" in self.text:  # a paragraph that is one value: Word shows the tag itself
            return f'in the paragraph "{_start(self.number, self.text, 60)}"'
        if following is not None:
            return (
                f'just before the paragraph starting "{_start(following.number, _TAG.sub("", following.text).strip())}"'
            )
        return "at the end of the document"


def _start(number: str, text: str, width: int = 40) -> str:
    text = f"{number} {text}" if number else text
    return text if len(text) <= width else text[:width].rstrip() + "…"


def paragraphs(docx: bytes) -> list[Paragraph]:
    """Return the template's paragraphs in order: headers, body (tables included), footers."""
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        names = zf.namelist()
        numbering = docxtext._Numbering(zf.read("word/numbering.xml") if "word/numbering.xml" in names else None)
        styles = docxtext._style_numbering(zf.read("word/styles.xml") if "word/styles.xml" in names else None)
        parts = sorted(n for n in names if re.match(r"word/header\d*\.xml$", n))
        parts += ["word/document.xml", *sorted(n for n in names if re.match(r"word/(footer\d*|footnotes)\.xml$", n))]
        out = []
        for part in parts:
            root = ET.fromstring(zf.read(part))
            for p in root.iter(f"{W}p"):
                block = docxtext._paragraph(p, numbering, styles)
                text = "".join(t.text or "" for t in p.iter(f"{W}t")).strip()
                if text:
                    out.append(Paragraph(text, block.number))
    return out


def check_template(path: Path, samples: Sequence[dict[str, Any]], *, lang: Lang) -> list[str]:
    """Return the problems of the template at ``path`` against ``samples`` of its kind's context."""
    paras = paragraphs(path.read_bytes())
    env = make_env(lang)
    found: list[str] | None = None
    # A name is wrong only when no sample has it: each sample is checked in its own pass.
    for ctx in samples or [{}]:
        problems = list(_check(paras, env, ctx, check_names=bool(samples)))
        found = problems if found is None else [p for p in found if p in problems]
    return [f"{path}: {problem}" for problem in dict.fromkeys(found or [])]


def _check(paras: list[Paragraph], env: Any, ctx: dict[str, Any], *, check_names: bool) -> Iterator[str]:
    stack: list[tuple[str, str, int]] = []  # (block keyword, tag as written, paragraph index)
    scopes: list[dict[str, Any]] = [dict(ctx)]
    for i, para in enumerate(paras):
        following = next((q for q in paras[i + 1 :] if _TAG.sub("", q.text).strip()), None)
        where = para.where(following)
        for m in _TAG.finditer(para.text):
            if m[2] is not None:  # a statement {% … %}
                statement = " ".join(m[2].split())
                keyword = statement.split(" ", 1)[0]
                written = f"{{%{m[1] or ''} {keyword} %}}"
                if keyword in _BLOCKS:
                    expression_problems = _statement(env, statement, scopes, check_names)
                    yield from (f"{p} {where}" for p in expression_problems)
                    stack.append((keyword, written, i))
                    if keyword == "for":
                        scopes.append(_loop_scope(env, statement, scopes))
                elif keyword in ("elif", "else"):
                    if not stack or stack[-1][0] not in (("if",) if keyword == "elif" else ("if", "for")):
                        yield f"`{written}` without an open `{{% if %}}` {where}"
                    elif keyword == "elif":
                        yield from (f"{p} {where}" for p in _statement(env, "if" + statement[4:], scopes, check_names))
                elif keyword in _ENDS:
                    if not stack:
                        yield f"`{written}` closes nothing {where}"
                    elif stack[-1][0] != _ENDS[keyword]:
                        _opened, tag, at = stack[-1]
                        yield f"`{written}` {where} closes `{tag}` opened {_where(paras, at)}"
                    else:
                        if stack.pop()[0] == "for":
                            scopes.pop()
                elif keyword == "set":
                    yield from (f"{p} {where}" for p in _statement(env, statement, scopes, check_names))
                    name = statement[4:].split("=", 1)[0].strip()
                    scopes[-1][name] = _UNKNOWN
                else:
                    yield f"unknown statement `{{% {statement} %}}` {where}"
            else:  # a value {{ … }}
                expression = " ".join((m[4] or "").split())
                try:
                    tree = env.parse(f"{{{{ {expression} }}}}")
                except TemplateSyntaxError as exc:
                    yield f"cannot read `{{{{ {expression} }}}}` ({exc.message}) {where}"
                    continue
                yield from (f"{p} {where}" for p in _names(tree, env, scopes, check_names))
    for _keyword, tag, at in reversed(stack):
        yield f"unclosed `{tag}` {_where(paras, at)}"


def _where(paras: list[Paragraph], i: int) -> str:
    following = next((q for q in paras[i + 1 :] if _TAG.sub("", q.text).strip()), None)
    return paras[i].where(following)


def _statement(env: Any, statement: str, scopes: list[dict[str, Any]], check_names: bool) -> list[str]:
    keyword = statement.split(" ", 1)[0]
    close = "" if keyword == "set" else f"{{% {_BLOCKS[keyword]} %}}"
    try:
        tree = env.parse(f"{{% {statement} %}}{close}")
    except TemplateSyntaxError as exc:
        return [f"cannot read `{{% {statement} %}}` ({exc.message})"]
    head = tree.body[0]
    exprs: list[nodes.Node] = []
    if isinstance(head, nodes.If):
        exprs = [head.test]
    elif isinstance(head, nodes.For):
        exprs = [head.iter]
    elif isinstance(head, nodes.Assign):
        exprs = [head.node]
    elif isinstance(head, nodes.With):
        exprs = list(head.values)
    return [p for e in exprs for p in _names(e, env, scopes, check_names)]


def _loop_scope(env: Any, statement: str, scopes: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the names a ``for`` binds: its target (a sample item of the sequence) and ``loop``."""
    try:
        head = env.parse(f"{{% {statement} %}}{{% endfor %}}").body[0]
    except TemplateSyntaxError:
        return {}
    problems: list[str] = []
    sequence = _value(head.iter, env, scopes, problems, check_names=False)
    item: Any = _UNKNOWN
    if isinstance(sequence, (list, tuple)) and sequence and all(isinstance(x, dict) for x in sequence):
        item = {}  # every key any item has: the items of one list may differ (a deleted clause has no wording)
        for x in sequence:
            for key, value in x.items():
                if item.get(key) is None:
                    item[key] = value
    elif isinstance(sequence, (list, tuple)) and sequence:
        item = sequence[0]
    elif isinstance(sequence, dict) and sequence:
        item = next(iter(sequence))
    scope: dict[str, Any] = {"loop": {k: 1 for k in ("index", "index0", "first", "last", "length", "revindex")}}
    if isinstance(head.target, nodes.Name):
        scope[head.target.name] = item
    else:
        for name in head.target.find_all(nodes.Name):
            scope[name.name] = _UNKNOWN
    return scope


def _names(tree: nodes.Node, env: Any, scopes: list[dict[str, Any]], check_names: bool) -> list[str]:
    problems: list[str] = []
    if isinstance(tree, nodes.Template):
        for output in tree.body:
            for child in output.iter_child_nodes():
                _value(child, env, scopes, problems, check_names)
    else:
        _value(tree, env, scopes, problems, check_names)
    return problems


def _value(node: nodes.Node, env: Any, scopes: list[dict[str, Any]], problems: list[str], check_names: bool) -> Any:
    """Return the sample value of an expression, noting unknown names, attributes and filters."""
    if isinstance(node, nodes.Name):
        for scope in reversed(scopes):
            if node.name in scope:
                return scope[node.name]
        if check_names and node.name not in env.globals:
            known = [k for scope in scopes for k in scope]
            problems.append(_unknown(node.name, node.name, known, ""))
        return _UNKNOWN
    if isinstance(node, (nodes.Getattr, nodes.Getitem)):
        base = _value(node.node, env, scopes, problems, check_names)
        key: Any
        if isinstance(node, nodes.Getattr):
            key = node.attr
        elif isinstance(node.arg, nodes.Const):
            key = node.arg.value
        else:
            _value(node.arg, env, scopes, problems, check_names)
            if isinstance(base, dict) and base:
                return next(iter(base.values()))
            return _UNKNOWN
        if isinstance(base, dict):
            if key in base:
                return base[key]
            if check_names:
                prefix = _path(node.node)
                problems.append(_unknown(f"{prefix}.{key}", str(key), list(base), prefix + "."))
        return _UNKNOWN
    if isinstance(node, nodes.Filter):
        if node.node is not None:
            _value(node.node, env, scopes, problems, check_names)
        for arg in node.args:
            _value(arg, env, scopes, problems, check_names)
        if node.name not in env.filters:
            problems.append(_unknown_filter(node.name, list(env.filters)))
        return _UNKNOWN
    if isinstance(node, nodes.Const):
        return node.value
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr):
        # Logic belongs in named filters (`spdocs.environment`), not in Python code inside Word.
        problems.append(f"a Python method call `{_path(node.node)}(…)`; use a filter (| upfirst, | join …)")
    elif isinstance(node, nodes.Dict):
        problems.append("a dict literal `{…}`; put the mapping in terms.yaml and look it up through `t`")
    for child in node.iter_child_nodes():
        _value(child, env, scopes, problems, check_names)
    return _UNKNOWN


def _path(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_path(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_path(node.node)}[{node.arg.value!r}]"
    return "…"


def _unknown(path: str, key: str, known: list[str], prefix: str) -> str:
    guess = difflib.get_close_matches(key, [str(k) for k in known], n=1)
    hint = f" (did you mean `{prefix}{guess[0]}`?)" if guess else ""
    return f"unknown name `{path}`{hint}"


def _unknown_filter(name: str, known: list[str]) -> str:
    guess = difflib.get_close_matches(name, known, n=1)
    hint = f" (did you mean `{guess[0]}`?)" if guess else ""
    return f"unknown filter `{name}`{hint}"


@functools.cache
def sample_partnerships() -> tuple[Any, ...]:
    """Return the bundled example partnerships: the contexts templates are checked against."""
    from spdocs.loader import load
    from spdocs.resources import builtin_examples

    return tuple(load(path) for path in sorted(builtin_examples().glob("*.yaml")))


@functools.lru_cache(maxsize=64)
def samples(name: str, lang: Lang, templates: Path | None = None) -> tuple[dict[str, Any], ...]:
    """Return the contexts of kind ``name`` in ``lang`` for each bundled example it applies to.

    A periodic kind is sampled with one reported period per example; a kind made for the
    whole term or one period, with both.
    """
    from spdocs import analysis, documents
    from spdocs.userkinds import registry

    kind = registry(templates)[name]
    out = []
    for p in sample_partnerships():
        if kind.missing(p) or lang not in kind.languages(p):
            continue  # a sample that has no such document, or not in this language, shows nothing
        periods: list[str | None] = [None]
        if kind.per_period or kind.by_period:
            reported = [pr.id for pr in analysis.reported_periods(p)] or [pr.id for pr in p.periods]
            periods = list(reported[:1]) if kind.per_period else [None, *reported[:1]]
        for period in periods:
            out.append(documents.build_context(p, name, lang=lang, period=period, templates=templates))
    return tuple(out)


def check_all(templates: Path | None = None) -> list[str]:
    """Return every problem of the templates of every kind (built-in and the folder's), in every language."""
    from spdocs.languages import LANGS
    from spdocs.parity import compare_templates
    from spdocs.resources import template_path
    from spdocs.userkinds import registry

    problems: list[str] = []
    for name in [*registry(templates), "amendment"]:  # the supplementary agreement: `spdocs amend`
        paths = {lang: template_path(name, lang, templates) for lang in LANGS}
        for lang, path in paths.items():
            contexts = amendment_samples(lang, templates) if name == "amendment" else samples(name, lang, templates)
            problems += check_template(path, contexts, lang=lang)
        problems += compare_templates(paths)
    return problems


@functools.lru_cache(maxsize=8)
def amendment_samples(lang: Lang, templates: Path | None = None) -> tuple[dict[str, Any], ...]:
    """Return the context of a supplementary agreement with one change of every kind (`spdocs.amendment`)."""
    import datetime as dt

    from spdocs import amend, context
    from spdocs.terms import terms

    changes = [
        amend.Change(action, kind, "2.1" if kind == "clause" else "2", ("text",) if action != "delete" else ())
        for kind in ("preamble", "section", "clause", "annex")
        for action in ("replace", "insert", "delete")
    ]
    out = []
    for p in sample_partnerships():
        # as spdocs.amendment builds it: the agreement's document context (its issued languages)
        ctx = context.for_document(context.base(p, lang, terms=terms(lang, templates)), "agreement", p, None, lang)
        ctx["amendment"] = {
            "number": "1",
            "date": context.convert(dt.date(2026, 1, 1), lang),
            "place": p.agreement.place.get(lang),
            "parties": ["party"],
            **amend.context(changes),
            "renumbered": [{"kind": "section", "single": False, "old": "5–6", "new": "6–7"}],
        }
        out.append(ctx)
    return tuple(out)
