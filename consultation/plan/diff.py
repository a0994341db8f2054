"""Word by word differences between two texts, for a paragraph's versions and for an amendment against its paragraph."""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    """A piece of the compared text: "equal", "insert" (only in the new text) or "delete" (only in the old one)."""

    kind: str
    text: str


def _merge(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for segment in segments:
        if merged and merged[-1].kind == segment.kind:
            merged[-1] = Segment(segment.kind, merged[-1].text + segment.text)
        elif segment.text:
            merged.append(segment)
    return merged


def word_diff(old: str, new: str) -> list[Segment]:
    """The new text as equal, inserted and deleted pieces, compared word by word (whitespace kept)."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(Segment("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            segments.append(Segment("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(Segment("insert", "".join(b[j1:j2])))
    return _merge(segments)


def has_changes(segments: list[Segment]) -> bool:
    return any(segment.kind != "equal" for segment in segments)
