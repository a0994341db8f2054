from django.db import migrations

DISTRICTS = [
    (1, "Mitte", "mitte"),
    (2, "Vahrenwald-List", "vahrenwald-list"),
    (3, "Bothfeld-Vahrenheide", "bothfeld-vahrenheide"),
    (4, "Buchholz-Kleefeld", "buchholz-kleefeld"),
    (5, "Misburg-Anderten", "misburg-anderten"),
    (6, "Kirchrode-Bemerode-Wülferode", "kirchrode-bemerode-wuelferode"),
    (7, "Südstadt-Bult", "suedstadt-bult"),
    (8, "Döhren-Wülfel", "doehren-wuelfel"),
    (9, "Ricklingen", "ricklingen"),
    (10, "Linden-Limmer", "linden-limmer"),
    (11, "Ahlem-Badenstedt-Davenstedt", "ahlem-badenstedt-davenstedt"),
    (12, "Herrenhausen-Stöcken", "herrenhausen-stoecken"),
    (13, "Nord", "nord"),
]

TOPICS = [
    ("Sprachförderung", "sprachfoerderung", "Deutsch lernen und Mehrsprachigkeit fördern, vom Kita-Alter bis zum Beruf."),
    ("Arbeitsmarktintegration", "arbeitsmarktintegration", "Ausbildung, Anerkennung von Abschlüssen und Zugang zu Arbeit."),
    ("Freiwilliges Engagement", "freiwilliges-engagement", "Ehrenamt, Patenschaften und Initiativen in der Stadtgesellschaft."),
    ("Wohnen und Leben", "wohnen-und-leben", "Wohnraum, Nachbarschaft und Zusammenleben in den Quartieren."),
    (
        "Politische und gesellschaftliche Teilhabe",
        "politische-und-gesellschaftliche-teilhabe",
        "Mitbestimmen in Politik, Verwaltung, Vereinen und Gremien.",
    ),
    ("Bildung", "bildung", "Kita, Schule, Hochschule und Weiterbildung."),
    ("Gesundheit", "gesundheit", "Zugang zu Gesundheitsversorgung, Beratung und Pflege."),
    ("Antidiskriminierung", "antidiskriminierung", "Schutz vor Diskriminierung und Rassismus, Beratung und Prävention."),
]


def create_reference_data(apps, schema_editor):
    District = apps.get_model("lip", "District")
    Topic = apps.get_model("lip", "Topic")
    for number, name, slug in DISTRICTS:
        District.objects.update_or_create(number=number, defaults={"name": name, "slug": slug})
    for order, (name, slug, description) in enumerate(TOPICS, start=1):
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "description": description, "sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("lip", "0002_roles")]

    operations = [migrations.RunPython(create_reference_data, migrations.RunPython.noop)]
