"""Word by word differences between two texts, for a paragraph's versions and for an amendment against its paragraph."""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

# A word with the whitespace after it: replaced runs of words then come out as one deletion and one insertion
# ("~~vor der~~ ab drei"), not as words and spaces alternating.
_TOKENS = re.compile(r"\s+|\S+\s*")


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
    # Compared without their whitespace: the last word of a text equals the same word followed by a space.
    matcher = SequenceMatcher(None, [t.strip() for t in a], [t.strip() for t in b], autojunk=False)
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment("equal", "".join(b[j1:j2])))
            continue
        if op in ("delete", "replace"):
            segments.append(Segment("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(Segment("insert", "".join(b[j1:j2])))
    return _merge(segments)


def has_changes(segments: list[Segment]) -> bool:
    return any(segment.kind != "equal" for segment in segments)
