"""Participation statistics: non-personal figures over the consultation and the idea competition (`figures`, with
`funding` and the result rows in `results`), their charts (`charts`), the public page (`views`) and the admin dashboard
(`admin`)."""
