"""Turning untrusted XML bytes into text we dare hand to a parser.

Entity declarations are how XML bombs (billion laughs) and external-entity leaks
work, and no GPX or TCX needs them, so a DOCTYPE or ENTITY is refused before any
parser sees the file. Byte-order marks and the leading whitespace Strava writes
before ``<?xml`` are removed, because strict parsers reject both. Nesting depth and
element count are bounded too (:mod:`rollcoach.imports._xmlshape`): a GPX nested
200,000 deep crashed the process inside gpxpy.
"""

from __future__ import annotations

import codecs
import re

from rollcoach.imports._xmlshape import check_xml_shape
from rollcoach.imports.errors import ImportRejected

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ENTITIES = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_DECLARATION = re.compile(r"^<\?xml[^>]*\?>")


def xml_text(data: bytes, kind: str) -> str:
    """The document as text, without BOM, leading blanks or XML declaration.

    The declaration goes because its ``encoding`` no longer applies to decoded text
    (and ElementTree refuses a ``str`` that still claims one).
    """
    text = _decode(data, kind).lstrip("\ufeff \t\r\n")
    if not text:
        raise ImportRejected("file is empty")
    if _ENTITIES.search(text):
        raise ImportRejected("XML entities are not allowed")
    text = _DECLARATION.sub("", text, count=1)
    check_xml_shape(text)
    return text


def _decode(data: bytes, kind: str) -> str:
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom) :], name
            break
    else:
        declared = _DECLARED.match(data[:200])
        if declared:
            encoding = declared.group(1).decode("ascii")
    try:
        return data.decode(encoding)
    except LookupError:
        raise ImportRejected(f"not a {kind} file: unknown encoding {encoding}") from None
    except UnicodeDecodeError:
        raise ImportRejected(f"not a {kind} file: text is not valid {encoding}") from None
