"""The administration's own words in a report and who signs it, as they go into the snapshot.

Staff write the texts while a run is a draft (`review.run_texts_save`): an introduction, an assessment („Bewertung“)
for any chapter they choose, and a conclusion („Fazit“), as plain text with blank lines between paragraphs. The
signer comes from the site setting „Berichte an die Ratsgremien“ (`ReportSettings`), unless the run (or the schedule
it came from) names another. Both are copied into the snapshot when the report is generated, and from then on the
issued report keeps them, whatever happens to the run or the setting.
"""

from ..models import ReportRun, ReportSection, ReportSettings, SignatureFormula
from ..models.report_settings import DEFAULT_DEPARTMENT

# The chapters that can carry an assessment: the annex is a table in a file of its own.
ASSESSED_SECTIONS = tuple(s for s in ReportSection.values if s != ReportSection.ANNEX)
TEXT_MAX_LENGTH = 20000


def clean_text(text: str | None) -> str:
    """Line ends unified, spaces at the ends of lines and more than one blank line between paragraphs dropped."""
    lines = [line.rstrip() for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    paragraphs, current = [], []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


def texts_snapshot(run: ReportRun) -> dict:
    """The texts of `run` for the snapshot: only the assessments of the chapters the report has."""
    assessments = run.assessments if isinstance(run.assessments, dict) else {}
    return {
        "introduction": clean_text(run.introduction),
        "assessments": {
            key: clean_text(assessments.get(key))
            for key in ASSESSED_SECTIONS
            if key in run.sections and clean_text(assessments.get(key))
        },
        "conclusion": clean_text(run.conclusion),
    }


def report_settings() -> ReportSettings:
    """The setting of the default site (a report is generated in a worker, without a request), in one query; its
    defaults when nobody has saved it yet (nothing is written here)."""
    return ReportSettings.objects.filter(site__is_default_site=True).first() or ReportSettings()


def signature_snapshot(run: ReportRun) -> dict:
    """Who signs: the run's signer (a scheduled run takes its schedule's when it is made), else the setting's;
    department, office and place always from the setting."""
    config = report_settings()
    source = run if run.signer_name.strip() else config
    return {
        "department": config.department.strip() or DEFAULT_DEPARTMENT,
        "office": config.office.strip(),
        "place": config.place.strip() or "Hannover",
        "formula": str(SignatureFormula(source.signer_formula or SignatureFormula.IM_AUFTRAG).label),
        "name": source.signer_name.strip(),
        "function": source.signer_function.strip(),
    }
