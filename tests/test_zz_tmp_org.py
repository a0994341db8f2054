import traceback
from tests.fuzz import world as seeded
world_data, world = seeded.world_data, seeded.world
def test_org(world):
    c = world.client("superuser")
    c.raise_request_exception = True
    for data in ({"district": "Zeile\x0bzwei", "name": "x"}, {"type": "x", "website": "\u2028", "name": "y"}):
        try:
            r = c.post("/admin/organisations/new/", data); print(r.status_code)
        except Exception:
            traceback.print_exc(limit=-6)
