"""Our production settings for the benchmark, plus one bench-only middleware (outermost) that counts queries."""

from lip.settings.production import *  # noqa: F403
from lip.settings.production import MIDDLEWARE

MIDDLEWARE = ["bench.pagebench.querycount.QueryCountMiddleware", *MIDDLEWARE]
