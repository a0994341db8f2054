"""The Abwägungstabelle of a plan draft (issue 19): issued and immutable like the reports, as a PDF for the council
paper (public once issued) and an XLSX for the administration, both from the same snapshot."""
