"""Print sheets placed from a leaflet's own PDF (scripts/leaflets/imposition.py), without a build:
a small tagged leaflet with a link, on the A6 sheet's real frame."""
from __future__ import annotations

import io

import page as pdf_ua
import pikepdf
import pypdfium2 as pdfium
import pytest
from pdf_text import squeezed
from weasyprint import HTML

from scripts.leaflets import imposition, render

LEAFLET = """<!doctype html><html lang="ru"><head><title>Листовка</title></head>
<body class="page-a6"><h1>Первые дни</h1><p>Регистрация за 30 дней.</p>
<p><a href="https://example.org/s/ru3/">example.org/s/ru3/</a></p></body></html>"""


@pytest.fixture(scope="module")
def leaflet() -> bytes:
    css, fonts = render._stylesheets()
    return HTML(string=LEAFLET).render(stylesheets=css, font_config=fonts).write_pdf(pdf_variant=render.PDF_VARIANT)


@pytest.fixture(scope="module")
def sheet(leaflet, tmp_path_factory):
    path = tmp_path_factory.mktemp("sheet") / "sheet.pdf"
    path.write_bytes(imposition.sheet(leaflet, render._frame("sheet.html")))
    return path


def test_the_sheet_is_a4_with_the_leaflet_text_in_each_quarter(leaflet, sheet):
    frame = render._frame("sheet.html")
    document = pdfium.PdfDocument(str(sheet))
    try:
        page = document[0]
        assert (round(page.get_width()), round(page.get_height())) == (595, 842)
        expected = squeezed(pdfium.PdfDocument(leaflet)[0].get_textpage().get_text_range())
        text = page.get_textpage()
        for left, top in frame.places[0]:
            bottom = page.get_height() - top - 148 * render.MM
            assert squeezed(text.get_text_bounded(left, bottom, left + 105 * render.MM, bottom + 148 * render.MM)) == expected
    finally:
        document.close()


def test_one_copy_is_tagged_the_others_and_the_marks_are_artifacts(sheet):
    report = pdf_ua.validate_pdf(str(sheet), profile="ua1")
    assert report.is_compliant, sorted({f"{item.rule_id}: {item.message}" for item in report.failures})
    with pikepdf.open(sheet) as pdf:
        page = pdf.pages[0]
        operators = [str(item.operator) for item in pikepdf.parse_content_stream(page.obj.Resources.XObject.LeafletCopy)]
        assert operators and not set(operators) & imposition.MARKING
        assert bytes(page.obj.Contents.read_bytes()).count(b"/Artifact BMC") >= 4  # 3 copies and the marks


def test_a_link_moves_with_the_tagged_copy(leaflet, sheet):
    frame = render._frame("sheet.html")
    with pikepdf.open(io.BytesIO(leaflet)) as alone, pikepdf.open(sheet) as placed:
        before, = (list(annotation.Rect) for annotation in alone.pages[0].obj.Annots)
        after, = (list(annotation.Rect) for annotation in placed.pages[0].obj.Annots)
        left, top = frame.places[0][0]
        dy = frame.size[1] - top - float(alone.pages[0].mediabox[3])
        assert [float(value) for value in after] == pytest.approx(
            [float(before[0]) + left, float(before[1]) + dy, float(before[2]) + left, float(before[3]) + dy])


def test_a_leaflet_of_two_sides_does_not_go_on_a_sheet_of_one(leaflet):
    with pikepdf.open(io.BytesIO(leaflet)) as pdf:
        pdf.pages.append(pdf.pages[0])
        output = io.BytesIO()
        pdf.save(output)
    with pytest.raises(ValueError, match="2 sides on a sheet of 1"):
        imposition.sheet(output.getvalue(), render._frame("sheet.html"))
