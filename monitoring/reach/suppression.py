"""Small groups are never shown: statistical disclosure control for the tables of `selectors.reach_figures`.

Primary suppression hides every cell under `MIN_CELL` (zero too: „nobody of this group took part“ is a statement
about a small group). Complementary suppression then hides further cells, the smallest first, until at least two are
hidden and the hidden cells together hold at least `MIN_CELL` people: the total minus the shown cells is then the sum
of several hidden cells, at least `MIN_CELL`, and no hidden cell can be told apart or computed from it. All hidden
cells look the same, so a reader cannot tell which were hidden for being small.
"""

MIN_CELL = 5


def hidden_cells(counts: list[int], *, minimum: int = MIN_CELL) -> set[int]:
    """The indexes of `counts` (the cells of one dimension, adding up to its total) that must not be shown."""
    hidden = {index for index, count in enumerate(counts) if count < minimum}
    while hidden and len(hidden) < len(counts) and (len(hidden) < 2 or sum(counts[i] for i in hidden) < minimum):
        _count, index = min((count, index) for index, count in enumerate(counts) if index not in hidden)
        hidden.add(index)
    return hidden
