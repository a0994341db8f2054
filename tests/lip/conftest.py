import datetime

import pytest
import time_machine


@pytest.fixture
def clock():
    """Frozen time (no ticking) that a test moves with `clock.shift(...)`: rate-limit windows and the bot check."""
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False) as traveller:
        yield traveller
