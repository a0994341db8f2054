"""The plan draft open for comments: its versions (`versions`), the differences between them (`diff`), its views,
services and selectors. The models live in `consultation.models.plan`; the predicates in `consultation.permissions`.
"""
