"""Reading generated PDFs in tests: their text (pypdf), metadata and the alternative texts of their figures."""

import io

from pypdf import PdfReader


def read(report) -> bytes:
    with report.document.file.open("rb") as handle:
        return handle.read()


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text().replace("\xa0", " ") for page in reader(data).pages]


def text(data: bytes) -> str:
    return "\n".join(page_texts(data))


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
