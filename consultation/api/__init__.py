"""The consultation's part of the open-data API (issue 21): consultations, proposals, comments and events.

`views` holds the viewsets (registered by `consultation.wagtail_hooks`), `serializers` what a row shows (never a
user id, an e-mail address, who recorded or reviewed a row, or a private file), `filters` the FilterSets, `selectors`
the public rows, `datasets` the bulk downloads' descriptions.
"""
