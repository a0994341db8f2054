"""The audience prize (Publikumspreis): registered people support checked applications with a vote budget."""
