"""Reading generated PDFs in tests: their text (pypdf), metadata and the alternative texts of their figures."""

import io

from pypdf import PdfReader

from monitoring.reports import pdf


def read(report, *, annex: bool = False) -> bytes:
    """The stored PDF of an issued report: the council paper, or its annex (Anlage 1)."""
    document = report.annex_document if annex else report.document
    with document.file.open("rb") as handle:
        return handle.read()


def html_from_before(report, key: str) -> str:
    """The report's HTML as a snapshot from before its section `key` existed (without that key) renders it."""
    return pdf.render_report_html({name: value for name, value in report.snapshot.items() if name != key})


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text().replace("\xa0", " ") for page in reader(data).pages]


def text(data: bytes) -> str:
    return "\n".join(page_texts(data))


def report_text(report) -> str:
    """The text of the council paper followed by that of its annex, if it has one."""
    parts = [read(report)] + ([read(report, annex=True)] if report.annex_document_id else [])
    return "\n".join(text(data) for data in parts)


def figure_alternatives(data: bytes) -> list[str]:
    """The /Alt texts of the /Figure elements in the PDF's structure tree (tagged PDF)."""
    found: list[str] = []
    root = reader(data).trailer["/Root"]["/StructTreeRoot"].get_object()
    stack = [root]
    while stack:
        node = stack.pop()
        if hasattr(node, "get_object"):
            node = node.get_object()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not hasattr(node, "get"):
            continue
        if node.get("/S") == "/Figure" and "/Alt" in node:
            found.append(str(node["/Alt"]))
        kids = node.get("/K")
        if kids is not None:
            stack.append(kids)
    return found


def structure_elements(data: bytes) -> list[dict]:
    """Every element of the PDF's structure tree (tagged PDF), in document order: its /S type and its attributes."""
    found: list[dict] = []

    def visit(node):
        if hasattr(node, "get_object"):
            node = node.get_object()
        if isinstance(node, list):
            for kid in node:
                visit(kid)
            return
        if not hasattr(node, "get"):
            return
        if "/S" in node:
            found.append(node)
        kids = node.get("/K")
        if kids is not None:
            visit(kids)

    visit(reader(data).trailer["/Root"]["/StructTreeRoot"])
    return found


def structure_types(data: bytes) -> list[str]:
    """The /S types of the structure elements in document order: "/H1", "/Table", "/TH", "/Figure" …"""
    return [str(element["/S"]) for element in structure_elements(data)]
