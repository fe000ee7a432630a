"""Print sheets made from a leaflet's own PDF: its pages placed several times on A4.

A sheet's frame (templates/sheet.html, wallet_sheet.html) is laid out by WeasyPrint once per
process: empty boxes marked `data-copy` where the copies go, and the crop marks. Each sheet is then
the leaflet's PDF with its page enlarged to the frame's: the page's own content at the first place,
still tagged (one copy is what a screen reader should read), and the same drawing, untagged, as
an artifact at every other place and for the marks (PDF/UA-1 asks that all content be one or the
other). Laying the card out once instead of four or ten times takes about three quarters of the
leaflets' time off the build (README "Leaflets and short links").
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf

PX_TO_PT = 0.75  # WeasyPrint's layout boxes are in CSS pixels
# Marked-content operators: the copies drop them, as artifacts must hold no tagged content.
MARKING = {"BDC", "BMC", "EMC", "MP", "DP"}
# Keys of a form that describe its stored bytes or its place in the tags: an untagged copy is written anew.
FORM_STREAM_KEYS = {"/Length", "/Filter", "/DecodeParms", "/Resources", "/StructParent", "/StructParents"}


@dataclass
class Frame:
    """A sheet's paper size (points), and per side: where each copy's top-left corner goes and the
    marks' drawing (a one-page PDF without tags)."""
    size: tuple[float, float]
    places: list[list[tuple[float, float]]]
    marks: pikepdf.Pdf


def frame(document) -> Frame:
    """The frame of a laid-out sheet template (a WeasyPrint document)."""
    places = [[(box.border_box_x() * PX_TO_PT, box.border_box_y() * PX_TO_PT) for box in _copies(page._page_box)]
              for page in document.pages]
    width, height = (document.pages[0].width * PX_TO_PT, document.pages[0].height * PX_TO_PT)
    return Frame((width, height), places, pikepdf.open(io.BytesIO(document.write_pdf())))


def _copies(box):
    element = getattr(box, "element", None)
    if element is not None and hasattr(element, "get") and element.get("data-copy") is not None:
        yield box
        return
    for child in getattr(box, "children", ()) or ():
        yield from _copies(child)


def sheet(leaflet_pdf: bytes, sheet_frame: Frame) -> bytes:
    """The print sheet of a leaflet: each of its sides (a wallet card has two) on the frame's side of the same number."""
    with pikepdf.open(io.BytesIO(leaflet_pdf)) as pdf:
        if len(pdf.pages) != len(sheet_frame.places):
            raise ValueError(f"a leaflet of {len(pdf.pages)} sides on a sheet of {len(sheet_frame.places)}")
        untagged: dict = {}  # form -> its untagged copy: a wallet card's two sides share their forms
        for number, (page, places) in enumerate(zip(pdf.pages, sheet_frame.places)):
            _impose(pdf, page, places, sheet_frame, number, untagged)
        output = io.BytesIO()
        pdf.save(output, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return output.getvalue()


def _impose(pdf: pikepdf.Pdf, page: pikepdf.Page, places, sheet_frame: Frame, number: int, untagged: dict) -> None:
    width, height = sheet_frame.size
    card_height = float(page.mediabox[3])
    page.contents_coalesce()
    drawing = page.obj.Contents.read_bytes()
    _name_copy_and_marks(pdf, page, sheet_frame.marks.pages[number], untagged)

    def at(place) -> str:  # from the paper's top-left corner (CSS) to PDF's bottom-left
        return f"q 1 0 0 1 {place[0]:.4f} {height - place[1] - card_height:.4f} cm"
    first, *others = places
    artifacts = "".join(f"/Artifact BMC {at(place)} /LeafletCopy Do Q EMC\n" for place in others)
    page.obj.Contents = pdf.make_stream(b"%s\n%s\nQ\n%s/Artifact BMC /SheetMarks Do EMC\n" % (
        at(first).encode(), drawing, artifacts.encode()))
    for box in ("/MediaBox", "/BleedBox", "/TrimBox", "/CropBox"):
        if box in page.obj:
            page.obj[box] = pikepdf.Array([0, 0, width, height])
    _move_annotations(page, first[0], height - first[1] - card_height)


def _name_copy_and_marks(pdf: pikepdf.Pdf, page: pikepdf.Page, marks: pikepdf.Page, untagged: dict) -> None:
    """The page's resources name its untagged copy (/LeafletCopy) and the frame's marks (/SheetMarks)."""
    copy = pdf.make_stream(_untagged(page), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                           BBox=page.mediabox, Resources=_untagged_resources(pdf, page.obj.Resources, untagged))
    # The sides share one resource dictionary (WeasyPrint's): each gets its own, naming its own copy.
    resources = _shallow(page.obj.Resources)
    resources.XObject = _shallow(page.obj.Resources.get("/XObject", pikepdf.Dictionary()))
    resources.XObject.LeafletCopy, resources.XObject.SheetMarks = copy, pdf.copy_foreign(marks.as_form_xobject())
    page.obj.Resources = resources


def _move_annotations(page: pikepdf.Page, dx: float, dy: float) -> None:
    """A link, say, stays on the tagged copy."""
    for annotation in page.obj.get("/Annots", ()):
        x0, y0, x1, y1 = (float(value) for value in annotation.Rect)
        annotation.Rect = pikepdf.Array([x0 + dx, y0 + dy, x1 + dx, y1 + dy])
        if "/QuadPoints" in annotation:
            annotation.QuadPoints = pikepdf.Array([float(value) + (dx, dy)[index % 2]
                                                   for index, value in enumerate(annotation.QuadPoints)])


def _untagged(content) -> bytes:
    """A page's or form's drawing without its marked-content operators."""
    return pikepdf.unparse_content_stream(
        [item for item in pikepdf.parse_content_stream(content) if str(item.operator) not in MARKING])


def _untagged_resources(pdf: pikepdf.Pdf, resources, done: dict) -> pikepdf.Dictionary:
    """`resources` with every form it draws (an image drawn from SVG, say) untagged too."""
    copy = _shallow(resources)
    if "/XObject" in resources:
        copy.XObject = pikepdf.Dictionary({name: _untagged_form(pdf, xobject, done) if xobject.get("/Subtype") == "/Form"
                                           else xobject for name, xobject in resources.XObject.items()})
    return copy


def _untagged_form(pdf: pikepdf.Pdf, form, done: dict):
    if form.objgen not in done:
        kept = pikepdf.Dictionary({key: value for key, value in form.items() if key not in FORM_STREAM_KEYS})
        if "/Resources" in form:
            kept.Resources = _untagged_resources(pdf, form.Resources, done)
        done[form.objgen] = pdf.make_stream(_untagged(form), kept)
    return done[form.objgen]


def _shallow(dictionary) -> pikepdf.Dictionary:
    return pikepdf.Dictionary({key: value for key, value in dictionary.items()})
