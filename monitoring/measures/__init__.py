"""Measures (Maßnahmen) and their indicators: where a proposal adopted by its official response leads, and whether it
works. Writes in `services` (and `imports` for CSV), reads in `selectors`, the admin in `admin`, public pages in
`views`, the proposal page's „Was daraus wurde“ in `outcomes`."""
