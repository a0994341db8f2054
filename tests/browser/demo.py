"""What `manage.py seed_demo` creates, as the browser tests address it: accounts, password and URLs."""

from consultation.demo_plan import key as plan_key
from consultation.demo_surveys import SURVEY_TITLE as _SURVEY_TITLE
from ideas.demo import competition_slug

PASSWORD = "lip-demo-2026"

ADMIN = "admin@lip-hannover.example"
MODERATOR = "moderation@lip-hannover.example"
REPRESENTATIVE = "vertretung@lip-hannover.example"  # represents the two demo organisations below
PARTICIPANT = "teilnahme@lip-hannover.example"
COUNCIL = "beirat@lip-hannover.example"  # Integrationsbeirat Linden-Limmer
JURY = "jury@lip-hannover.example"
JURY_2 = "jury2@lip-hannover.example"
COUNCIL_MEMBER = "rat@lip-hannover.example"

ORGANISATION = "Deutsch-Syrischer Kulturverein Hannover"  # verified, vertretung@ represents it

HOME = "/"
LOGIN = "/konto/login/"
SIGNUP = "/konto/signup/"

CONSULTATION = "/beteiligungen/lip-4-0-ihre-vorschlaege/"
PROPOSAL_LIST = CONSULTATION + "vorschlaege/"
PROPOSAL_LIST_FILTERED = PROPOSAL_LIST + "?district=linden-limmer&topic=sprachfoerderung"
PROPOSAL_REFERENCE = "LIP-2026-0001"  # "Sprachcafés mit Kinderbetreuung in Linden", by the demo organisation
PROPOSAL = PROPOSAL_LIST + PROPOSAL_REFERENCE + "/"
# One the participant (teilnahme@) does not support yet: "Anerkennung ausländischer Abschlüsse beschleunigen".
PROPOSAL_VOTABLE = PROPOSAL_LIST + "LIP-2026-0003/"
PROPOSAL_FORM = PROPOSAL_LIST + "neu/"  # the submission form (signed in, in the submission phase)

# Issue 19: the draft plan to comment on, in its own consultation (consultation/demo_plan.py), and the paragraph with
# an amendment made on version 1, an answer that took it over, and a newer comment on version 2.
PLAN = "/beteiligungen/entwurf-lip-4-0-kommentieren/entwurf/"
PLAN_PARAGRAPH = PLAN + f"absatz/{plan_key('sprache-1')}/"
# The comparison of versions 1 and 2, and the chapter with the Integrationsbeirat's statement on the whole chapter.
PLAN_VERSIONS = PLAN + "fassungen/"
PLAN_CHAPTER = PLAN + f"kapitel/{plan_key('arbeit')}/"
# Issue 20: the survey in its own consultation (consultation/demo_surveys.py), open now, also without an account.
SURVEY = "/beteiligungen/bedarf-der-migrantenorganisationen/bedarfsumfrage/"
SURVEY_TITLE = _SURVEY_TITLE  # its row in the admin's "Umfragen"
SURVEYS_ADMIN = "/admin/surveys/"  # staff: every survey with its online and analog counts, the way to paper entry
# "Wer macht mit?": the voluntary questions about the person (public) and the staff's entry of its paper sheets.
REACH_QUESTIONNAIRE = "/monitoring/wer-macht-mit/fragebogen/"
REACH_SHEETS = "/admin/monitoring-fragen-zur-person/"

COMPETITION = f"/{competition_slug()}/"  # the demo's funding year follows the day it is seeded (issue 13)
APPLICATION_FORM = COMPETITION + "antrag-stellen/"  # signed in as an organisation's representative
COMPETITION_RESULTS = COMPETITION + "ergebnisse/"

MONITORING = "/monitoring/"
MEASURES = MONITORING + "massnahmen/"
MEASURE = MEASURES + "sprachforderung-im-stadtteil-ausbauen/"
STATISTICS = MONITORING + "statistik/"
REPORT_ARCHIVE = MONITORING + "berichte/"

ORGANISATIONS = "/organisationen/"
SEARCH = "/suche/"
CONSULTATIONS = "/beteiligungen/"
HOW_TO_TAKE_PART = "/so-machen-sie-mit/"
EASY_LANGUAGE = "/leichte-sprache/"
ACCESSIBILITY = "/barrierefreiheit/"
PRIVACY = "/datenschutz/"
IMPRINT = "/impressum/"
STATIC_PAGES = [HOW_TO_TAKE_PART, EASY_LANGUAGE, ACCESSIBILITY, PRIVACY, IMPRINT]

# The public pages of every feature, as the visitor reaches them from the home page.
MAIN_PAGES = [
    HOME,
    CONSULTATION,
    PROPOSAL_LIST,
    PROPOSAL_LIST_FILTERED,
    PROPOSAL,
    LOGIN,
    SIGNUP,
    COMPETITION,
    COMPETITION_RESULTS,
    MONITORING,
    MEASURES,
    MEASURE,
    STATISTICS,
    ORGANISATIONS,
]

ADMIN_HOME = "/admin/"
MODERATION_COMMENTS = "/admin/moderation-comments/"
