"""Test helper: every stored counter equals the rows it counts (the same check as `manage.py check_counters`)."""

from lip.management.commands.check_counters import counter_mismatches


def assert_counters_match() -> None:
    found = counter_mismatches()
    assert not found, "counters differ from their rows:\n" + "\n".join(found)
