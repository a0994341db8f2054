"""All browser tests in one pytest-xdist work unit, so that one worker starts one live server and one Chromium.

`--dist loadgroup` (pyproject.toml) would group the tests marked `xdist_group("browser")`, but pytest-xdist 3.8
does so by appending "@browser" to the node id, which pytest 9.2 no longer lets it do: the mark is silently
ignored (pytest-dev/pytest-xdist#1386). This scheduler groups by path instead; it runs in the controlling process,
which never collects tests and so never sees the marks. tests/conftest.py registers the hook.
"""

import pytest

BROWSER_TESTS = "tests/browser/"
GROUP = "browser"


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class BrowserGroupScheduling(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if nodeid.startswith(BROWSER_TESTS):
                return GROUP
            return super()._split_scope(nodeid)

    return BrowserGroupScheduling(config, log)
