"""The fund (Gesellschaftsfonds Zusammenleben of one year): budget, committed and remaining."""
