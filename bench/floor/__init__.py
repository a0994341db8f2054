"""The bare-Django floor of the page benchmark (`make bench`): what Django itself costs for the same pages.

A plain `ListView`/`DetailView` and a bare vote view over the tables of our app in the same throwaway database,
with Django's own session, auth and CSRF middleware and nothing else. Never migrated: its models are unmanaged.
"""
