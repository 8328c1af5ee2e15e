"""Validation problems in an instructor's words: pydantic's errors as `file:line: …` lines.

Unknown keys come first and alone (at any depth), each with its line, the nearest allowed key, or
the key it was renamed to; only a file whose keys are all known is validated field by field.
"""

from __future__ import annotations

import types
import typing
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from annotated.errors import InputError, Problem, nearest_name
from annotated.notes.yaml_source import Document, Loc

M = TypeVar("M", bound=BaseModel)

# Keys people are likely to write from habit or from an older version of this format.
RENAMED: dict[str, str] = {
    "quote": "phrase",
    "text": "body",
    "note": "body",
    "type": "kind",
    "refs": "sources",
    "references": "sources",
    "citations": "sources",
    "terms": "glossary",
    "prefix": "before",
    "suffix": "after",
    "occurence": "occurrence",
    "nth": "occurrence",
}


MANY = 12  # beyond this many keys, a message points at the guide instead of listing them all
ALLOWED_ELSEWHERE = "; notes/README.md lists the keys allowed"


def allowed_keys(model: type[BaseModel]) -> list[str]:
    return list(_allowed(model))


# Asked for every key of every entry (some 20,000 in a large course), of a few model classes
# that never change: answered once per class (and key).
@cache
def _allowed(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(f.alias or name for name, f in model.model_fields.items())


@cache
def _submodel(model: type[BaseModel], key: str) -> type[BaseModel] | None:
    """The model of field `key`'s value (or of its items), when it is one."""
    info = next((f for n, f in model.model_fields.items() if (f.alias or n) == key), None)
    pending = [info.annotation] if info else []
    while pending:
        t = pending.pop()
        if isinstance(t, type) and issubclass(t, BaseModel):
            return t
        if typing.get_origin(t) in (list, dict, typing.Union, types.UnionType):
            pending.extend(typing.get_args(t))
    return None


def shape(value: Any) -> str:
    if isinstance(value, dict):
        return "keys"
    if isinstance(value, list):
        return "a list"
    return "nothing" if value is None else f"{value!r}"


def unknown_keys(
    model: type[BaseModel], data: Any, doc: Document, loc: Loc, where: str, rel: Loc = ()
) -> list[Problem]:
    """Every key under `loc` that `model` (or the model of a nested value) does not have."""
    if isinstance(data, list):
        return [
            p
            for i, item in enumerate(data)
            for p in unknown_keys(model, item, doc, (*loc, i), where, (*rel, i))
        ]
    if not isinstance(data, dict):
        return []
    allowed = _allowed(model)
    inside = where + "".join(f"{x}." for x in rel).removesuffix(".") + (": " if rel else "")
    problems = []
    for key, value in data.items():
        if key in allowed:
            sub = _submodel(model, str(key))
            if sub is not None:
                problems += unknown_keys(sub, value, doc, (*loc, key), where, (*rel, key))
            continue
        if key in RENAMED and RENAMED[key] in allowed:
            msg = f'{inside}key "{key}" was renamed to "{RENAMED[key]}"'
        else:
            near = nearest_name(str(key), list(allowed))
            msg = f'{inside}unknown key "{key}"' + (f' (did you mean "{near}"?)' if near else "")
            msg += f"; allowed: {', '.join(allowed)}" if len(allowed) <= MANY else ALLOWED_ELSEWHERE
        problems.append(Problem(doc.path, msg, doc.line(*loc, key)))
    return problems


def validate(model: type[M], doc: Document, loc: Loc = (), where: str = "") -> M:
    """The value at `loc` in `doc` as a `model`; raises InputError with one problem per mistake.

    `where` starts each message ("intro-1 note 2: "), naming the entry inside a larger file.
    """
    data: Any = doc.data
    for part in loc:
        data = data[part]
    if not isinstance(data, dict):
        keys = allowed_keys(model)
        listed = f" ({', '.join(keys)})" if len(keys) <= MANY else ""
        msg = f"{where}expected keys{listed}, got {shape(data)}"
        raise InputError(Problem(doc.path, msg, doc.line(*loc)))
    problems = unknown_keys(model, data, doc, loc, where)
    if problems:
        raise InputError(problems)
    try:
        return model.model_validate(data)
    except ValidationError as e:
        for err in e.errors():
            at = ".".join(str(x) for x in err["loc"])
            line = doc.line(*loc, *err["loc"])
            if err["type"] == "missing":
                msg = f'{where}missing field "{at}"'
            else:
                text = err["msg"].removeprefix("Value error, ")
                msg = f"{where}{at}: {text}" if at else f"{where}{text}"
                got = err.get("input")
                if "input" in err and not isinstance(got, dict | list) and str(got) not in text:
                    msg += f" (got {got!r})"
            problems.append(Problem(doc.path, msg, line))
        raise InputError(problems) from None
