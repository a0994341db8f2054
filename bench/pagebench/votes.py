"""The vote run: signed-in clients cast votes at the same time (POST with CSRF) on ours and on the floor's bare vote
view, then an integrity check over the whole vote table: nothing lost, nothing twice, no budget exceeded, every
counter equal to its rows."""

import threading
import time
from dataclasses import dataclass, field

from .load import Run, request


def session_cookie(user_id: int, *, floor: bool) -> dict[str, str]:
    """A signed-in session for `user_id`, written straight into the session store the server reads (ours: our
    SESSION_ENGINE; the floor: Django's database sessions), as a login would leave it."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model

    user = get_user_model().objects.get(pk=user_id)
    engine = "django.contrib.sessions.backends.db" if floor else settings.SESSION_ENGINE
    store = import_module(engine).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    floor_backend = "django.contrib.auth.backends.ModelBackend"
    store[BACKEND_SESSION_KEY] = floor_backend if floor else settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return {"sessionid" if floor else settings.SESSION_COOKIE_NAME: store.session_key}


@dataclass
class VoteRun(Run):
    cast: list[tuple[int, str]] = field(default_factory=list)  # (user, reference) answered as counted
    wrongly_accepted: int = 0  # a second vote or one over the budget that was not refused
    unexpected: int = 0  # any other answer (5xx, 403 …)


def vote(run: VoteRun, port: int, vote_path, voters: list[tuple[int, dict]], references: list[str], left: int):
    """Each voter (a client of its own), with `left` votes of the budget left, casts them on distinct proposals, then
    tries one vote twice and one over the budget: both must be refused (409)."""
    plans = []
    for n, (user, cookies) in enumerate(voters):
        mine = [references[(n * 13 + k) % len(references)] for k in range(left + 1)]
        page = request(port, vote_path(mine[0]).rsplit("stimme/", 1)[0], cookies=cookies)
        token = page.csrf_token()
        cookies = {**cookies, **page.cookies()}
        attempts = [(ref, True) for ref in mine[:left]] + [(mine[0], False), (mine[left], False)]
        plans.append((user, cookies, token, attempts))
    lock = threading.Lock()
    barrier = threading.Barrier(len(plans) + 1)

    def client(user, cookies, token, attempts):
        barrier.wait()
        for reference, should_count in attempts:
            try:
                reply = request(port, vote_path(reference), cookies=cookies, form={"csrfmiddlewaretoken": token})
            except OSError:
                with lock:
                    run.errors += 1
                continue
            with lock:
                run.latencies.append(reply.seconds)
                if "X-Bench-Queries" in reply.headers:
                    run.queries.append(int(reply.headers["X-Bench-Queries"]))
                if reply.status == 302:
                    run.cast.append((user, reference))
                    if not should_count:
                        run.wrongly_accepted += 1
                elif reply.status != 409 or should_count:
                    run.unexpected += 1

    threads = [threading.Thread(target=client, args=plan, daemon=True) for plan in plans]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    run.seconds += time.perf_counter() - start


def integrity(runs: list[VoteRun], references: list[str], consultation_id: int, budget: int) -> tuple[bool, str]:
    """Compare what the clients were told with the rows, and every counter with its rows."""
    from django.db import connection

    from lip.management.commands.check_counters import counter_mismatches

    told = {pair for run in runs for pair in run.cast}
    voters = sorted({user for user, _ref in told})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT v.user_id, p.reference FROM consultation_vote v JOIN consultation_proposal p ON p.id = v.proposal_id "
            "WHERE v.user_id = ANY(%s) AND p.reference = ANY(%s)",
            [voters, references],
        )
        stored = set(cursor.fetchall())
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM consultation_vote GROUP BY proposal_id, user_id HAVING count(*) > 1) d"
        )
        double = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM (SELECT v.user_id FROM consultation_vote v JOIN consultation_proposal p "
            "ON p.id = v.proposal_id WHERE v.consultation_id = %s AND p.state <> 'withdrawn' "
            "GROUP BY v.user_id HAVING count(*) > %s) o",
            [consultation_id, budget],
        )
        over = cursor.fetchone()[0]
    lost, phantom = len(told - stored), len(stored - told)
    wrong = sum(run.wrongly_accepted for run in runs)
    counters = counter_mismatches()  # every app's counters (`manage.py check_counters`)
    ok = not (lost or phantom or double or over or wrong or counters)
    text = (
        f"Integrity after the vote runs: {len(told):,} votes acknowledged, {lost} lost, {phantom} stored but not "
        f"acknowledged, {double} double, {wrong} second or over-budget votes accepted, {over} people over the budget "
        f"of {budget}, {len(counters)} counters differing from their rows -> {'OK' if ok else 'FAILED'}"
    )
    return ok, text
