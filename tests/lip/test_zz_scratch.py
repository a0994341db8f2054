import re
from django.core import mail

def test_scratch(client, db):
    r = client.get("/konto/signup/")
    print(r.status_code)
    print(r.content.decode()[-6000:])
    r = client.post("/konto/signup/", {"email": "a@example.org", "password1": "kurz", "password2": "kurz", "display_name": "A", "preferred_language": "de"})
    print(r.status_code)
    body = r.content.decode()
    print(body[body.find("<main"):][:4000])
    r = client.post("/konto/signup/", {"email": "a@example.org", "password1": "Ganz-geheim-99", "password2": "Ganz-geheim-99", "display_name": "A", "preferred_language": "de", "privacy_accepted": "on"})
    print(r.status_code, r.get("Location"))
    print(len(mail.outbox), mail.outbox[0].subject, mail.outbox[0].body)
    assert 0
