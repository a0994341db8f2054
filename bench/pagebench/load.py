"""A small HTTP load client (threads and http.client; gunicorn's sync workers close every connection anyway)."""

import http.client
import re
import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    seconds: float

    def cookies(self) -> dict[str, str]:
        found = {}
        for header in self.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            found[name.strip()] = rest.split(";", 1)[0]
        return found

    def csrf_token(self) -> str:
        match = TOKEN.search(self.body)
        if match is None:
            raise RuntimeError("no CSRF token in the page")
        return match.group(1).decode()


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def request(port: int, path: str, *, cookies=None, form=None, timeout: float = 120) -> Reply:
    headers = {"Host": f"127.0.0.1:{port}", "Accept-Language": "de", "Connection": "close"}
    if cookies:
        headers["Cookie"] = cookie_header(cookies)
    body = None
    if form is not None:
        body = urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Origin"] = f"http://127.0.0.1:{port}"
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("POST" if form is not None else "GET", path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
    finally:
        connection.close()
    return Reply(response.status, response.headers, data, time.perf_counter() - start)


@dataclass
class Run:
    """Requests of one page on one server, summed over the rounds."""

    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    errors: int = 0
    queries: list[int] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] * 1000

    @property
    def query_count(self) -> int | None:
        return round(statistics.median(self.queries)) if self.queries else None


def load(run: Run, port: int, path: str, *, clients: int, seconds: float, cookies=None) -> None:
    """`clients` threads request `path` one after the other for `seconds`; adds what they got to `run`."""
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client():
        while time.monotonic() < stop:
            try:
                reply = request(port, path, cookies=cookies)
            except OSError:
                with lock:
                    run.errors += 1
                continue
            with lock:
                if reply.status != 200:
                    run.errors += 1
                    continue
                run.latencies.append(reply.seconds)
                if "X-Bench-Queries" in reply.headers:
                    run.queries.append(int(reply.headers["X-Bench-Queries"]))

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.seconds += time.perf_counter() - start
