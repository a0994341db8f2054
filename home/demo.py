"""Demo pages for `manage.py seed_demo`: home, the legally required pages and site settings."""

import json

from wagtail.models import Page, Site

from .models import FooterLink, HomePage, SiteSettings, StandardPage


def _paragraphs(*texts: str) -> str:
    return json.dumps([{"type": "paragraph", "value": text} for text in texts])


PAGES = [
    (
        "so-machen-sie-mit",
        "So machen Sie mit",
        "In vier Schritten zu Ihrem Vorschlag für den Lokalen Integrationsplan.",
        False,
        True,
        [
            "<p>1. <b>Registrieren</b> Sie sich mit Ihrer E-Mail-Adresse und bestätigen Sie den Link, den wir Ihnen schicken.</p>",
            "<p>2. <b>Wählen</b> Sie eine laufende Beteiligung. Jede Beteiligung hat Phasen: erst Vorschläge sammeln, dann diskutieren, dann abstimmen.</p>",
            "<p>3. <b>Schreiben</b> Sie Ihren Vorschlag, allein oder für Ihre Organisation. Sie können auch kommentieren und Vorschläge unterstützen.</p>",
            "<p>4. <b>Verfolgen</b> Sie, was aus Ihrem Vorschlag wird: Die Stadtverwaltung antwortet auf jeden Vorschlag öffentlich.</p>",
            "<p>Sie können auch ohne Internet mitmachen: in Workshops, in den Sitzungen der Integrationsbeiräte oder mit einem Papierformular. Diese Beiträge zählen genauso.</p>",
        ],
    ),
    (
        "leichte-sprache",
        "Leichte Sprache",
        "Hier erklären wir die Beteiligung in Leichter Sprache.",
        True,
        True,
        [
            "<p>Hannover macht einen Plan.</p><p>Der Plan heißt: Lokaler Integrationsplan.</p>"
            "<p>Im Plan steht: So wollen wir gut zusammen leben.</p>",
            "<p>Sie können mit·machen.</p><p>Sie können Ideen schreiben.</p><p>Sie können sagen: Diese Idee finde ich gut.</p>",
            "<p>Die Stadt liest alle Ideen.</p><p>Die Stadt antwortet auf jede Idee.</p>",
        ],
    ),
    (
        "barrierefreiheit",
        "Erklärung zur Barrierefreiheit",
        "Die Landeshauptstadt Hannover ist bemüht, diese Website im Einklang mit der BITV 2.0 barrierefrei zugänglich zu machen.",
        False,
        False,
        [
            "<p>Diese Erklärung gilt für die Beteiligungsplattform zum Lokalen Integrationsplan (LIP 4.0).</p>",
            "<p><b>Stand der Vereinbarkeit:</b> Die Website wird regelmäßig automatisch (axe-core) und manuell geprüft. "
            "Bekannte Einschränkungen veröffentlichen wir an dieser Stelle.</p>",
            "<p><b>Feedback und Kontakt:</b> Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? "
            'Schreiben Sie uns an <a href="mailto:barrierefreiheit@lip-hannover.example">barrierefreiheit@lip-hannover.example</a>. '
            "Wir antworten innerhalb von zwei Wochen.</p>",
            "<p><b>Durchsetzungsverfahren:</b> Erhalten Sie keine zufriedenstellende Antwort, können Sie sich an die "
            "Schlichtungsstelle nach dem Niedersächsischen Behindertengleichstellungsgesetz wenden.</p>",
        ],
    ),
    (
        "datenschutz",
        "Datenschutzerklärung",
        "Wir verarbeiten nur die Daten, die für die Beteiligung nötig sind, und nur so lange, wie sie nötig sind.",
        False,
        False,
        [
            "<p><b>Verantwortlich</b> ist die Landeshauptstadt Hannover, Trammplatz 2, 30159 Hannover. Fragen zum "
            'Datenschutz beantworten wir unter <a href="mailto:beteiligung@lip-hannover.example">'
            "beteiligung@lip-hannover.example</a>.</p>",
            "<p><b>Wozu:</b> Wir verarbeiten Ihre Daten, damit Sie sich am Lokalen Integrationsplan beteiligen können "
            "(Art. 6 Abs. 1 Buchst. e DSGVO, Erfüllung einer Aufgabe im öffentlichen Interesse, und Ihre Einwilligung "
            "bei der Registrierung). Wir geben sie nicht an Dritte weiter und nutzen sie nicht für Werbung.</p>",
            "<p><b>Was wir speichern:</b> Ihre E-Mail-Adresse(n), Ihren Anzeigenamen, Ihre bevorzugte Sprache und "
            "Ihre Einstellungen für E-Mails; Ihr Passwort nur als nicht umkehrbaren Prüfwert und, wenn Sie sie "
            "eingerichtet haben, Ihre Zwei-Faktor-Anmeldung; Ihre Mitgliedschaften in Organisationen; Ihre Beiträge "
            "(Vorschläge mit Anhängen, Kommentare, Stellungnahmen), Ihre Stimmen, Ihre Meldungen an die Moderation, "
            "Anträge im Ideenwettbewerb mit ihren Dateien und, wenn Sie in einer Jury sind, Ihre Bewertungen. "
            "Öffentlich sichtbar sind nur Ihr Anzeigename und Ihre veröffentlichten Beiträge; wer wofür gestimmt "
            "hat, ist nicht öffentlich.</p>",
            "<p><b>Wie lange:</b> Ihr Konto und seine Daten, bis Sie es löschen. Registrierungen, deren "
            "E-Mail-Adresse nie bestätigt wurde, löschen wir nach 14 Tagen. Ihre Datenauskunft („Meine Daten“) "
            "löschen wir 7 Tage nach ihrer Erstellung. Eine Anmeldung (Sitzung) endet spätestens nach zwei Wochen. "
            "Ein Cookie merkt sich bis zu 180 Tage, dass Sie sich auf diesem Gerät schon angemeldet haben, damit "
            "Fremde Ihr Konto nicht durch falsche Passwörter sperren können; ein weiteres merkt sich bis zu einem "
            "Jahr Ihre Sprache. Ein tägliches Aufräumen löscht, was abgelaufen ist.</p>",
            "<p><b>IP-Adressen:</b> Unsere Server-Protokolle speichern IP-Adressen nur gekürzt (bei IPv4 fehlt die "
            "letzte Zahl, bei IPv6 alles nach den ersten 48 Bit). Vollständig halten wir eine IP-Adresse nur "
            "im Arbeitsspeicher, um zu viele Anmeldeversuche oder Registrierungen zu bremsen, und höchstens eine "
            "Stunde lang.</p>",
            "<p>Diese Website bindet keine Inhalte Dritter ein: keine externen Schriften, keine Statistikdienste, "
            "keine Tracker.</p>",
            "<p><b>Ihre Rechte:</b> <b>Auskunft und Datenübertragbarkeit</b> (Art. 15 und 20 DSGVO): Unter "
            '<a href="/profil/meine-daten/">Meine Daten</a> (in Ihrem Profil) erhalten Sie alle Daten, die wir über '
            "Sie speichern, und alle Ihre Beiträge als ZIP-Archiv in offenen Formaten (JSON und CSV). "
            "<b>Berichtigung</b> (Art. 16): Ihren Namen, Ihre Sprache und Ihre E-Mail-Einstellungen ändern Sie "
            'unter <a href="/profil/">Mein Profil</a>, Ihre E-Mail-Adresse dort unter „E-Mail-Adresse ändern“. '
            "<b>Löschung</b> (Art. 17): Unter "
            '<a href="/profil/konto-loeschen/">Konto löschen</a> löschen Sie Ihr Konto selbst, nach Eingabe Ihres '
            "Passworts (und Ihres zweiten Faktors, falls eingerichtet). Danach können Sie sich nicht mehr anmelden; "
            "Name, E-Mail-Adressen, Profil und Einstellungen "
            "sind gelöscht. Ihre veröffentlichten Beiträge bleiben sichtbar und erscheinen als von „gelöschtes "
            "Konto“; Vorschläge einer Organisation bleiben Vorschläge der Organisation. Ihre Stimmen zählen weiter, "
            "ohne dass jemand sie Ihnen zuordnen kann, damit sich keine Ergebnisse nachträglich ändern. Abgegebene "
            "Jury-Bewertungen und Ihre Meldungen an die Moderation bleiben ebenso, weil Entscheidungen darauf "
            "beruhen. "
            "<b>Widerspruch und Einschränkung</b> (Art. 18 und 21): Schreiben Sie uns an die Adresse oben.</p>",
            "<p><b>Beschwerde:</b> Sie können sich bei der Landesbeauftragten für den Datenschutz Niedersachsen "
            "beschweren.</p>",
        ],
    ),
    (
        "impressum",
        "Impressum",
        "",
        False,
        False,
        ["<p>Landeshauptstadt Hannover<br>Der Oberbürgermeister<br>Trammplatz 2<br>30159 Hannover</p>"],
    ),
]


def seed(ctx) -> None:
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="Gemeinsam den Integrationsplan gestalten",
            slug="start",
            intro=(
                "<p>Hannover schreibt den Lokalen Integrationsplan neu (LIP 4.0). Migrant*innenorganisationen, Vereine, "
                "Gewerkschaften, Wohlfahrtsverbände, Religionsgemeinschaften, Ehrenamtliche und die Integrationsbeiräte "
                "der Stadtbezirke gestalten ihn mit – online und vor Ort.</p>"
            ),
            call_to_action_text="So machen Sie mit",
        )
        root.add_child(instance=home)
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site:
            site.root_page = home
            site.site_name = "LIP 4.0 Hannover"
            site.save()
        else:
            Site.objects.create(
                hostname="localhost", root_page=home, is_default_site=True, site_name="LIP 4.0 Hannover"
            )
        if old_root and old_root.specific_class is Page and old_root.pk != home.pk:
            old_root.delete()
    ctx.objects["home_page"] = home

    pages = {}
    for slug, title, intro, easy, in_menu, paragraphs in PAGES:
        page = StandardPage.objects.child_of(home).filter(slug=slug).first()
        if page is None:
            page = StandardPage(
                title=title,
                slug=slug,
                intro=intro,
                easy_language=easy,
                show_in_menus=in_menu,
                body=_paragraphs(*paragraphs),
            )
            home.add_child(instance=page)
        pages[slug] = page
    ctx.objects["standard_pages"] = pages

    if not home.call_to_action_page_id:
        home.call_to_action_page = pages["so-machen-sie-mit"]
        home.save_revision().publish()

    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    if not site_settings.contact_email:
        site_settings.contact_name = "Landeshauptstadt Hannover, Sachgebiet Integration"
        site_settings.contact_email = "beteiligung@lip-hannover.example"
        site_settings.contact_phone = "0511 168-00000"
        site_settings.contact_address = "Trammplatz 2\n30159 Hannover"
        site_settings.accessibility_feedback_email = "barrierefreiheit@lip-hannover.example"
        site_settings.save()
    if not site_settings.footer_links.exists():
        for order, slug in enumerate(
            ["so-machen-sie-mit", "leichte-sprache", "barrierefreiheit", "datenschutz", "impressum"]
        ):
            FooterLink.objects.create(
                settings=site_settings, title=pages[slug].title, page=pages[slug], sort_order=order
            )
