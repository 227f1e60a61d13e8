"""SVG images that cannot run anything (read/svg.py), tested on the checker itself: what an author's drawing
tool writes is accepted; whatever could run code or reach outside the image is refused, saying what to do.
tests/test_files_folder.py covers the common attacks through a whole build."""

from __future__ import annotations

import pytest

from pace_site.read.svg import svg_problem

FIX = "remove it, or export the image as PNG"


def svg(inner: str, attributes: str = "") -> bytes:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" {attributes}>'
            f"{inner}</svg>").encode()


GRADIENT = '<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>'


@pytest.mark.parametrize("image", [
    svg(GRADIENT + '<rect width="10" height="10" fill="url(#g)" style="stroke: url(#g)"/>'),
    svg(GRADIENT + "<style>rect { fill: url(#g) }</style><rect/>"),
    svg('<a href="#part"><text id="part">Early planning</text></a>'),
    svg('<image href="  data:image/jpeg;base64,/9j/4AAQ" width="1" height="1"/>'),
    (b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
     b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'),
    b'<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:rect/></s:svg>',
    b"\xef\xbb\xbf" + svg("<!-- drawn in Inkscape --><circle r='4'/>"),
], ids=["gradient", "style-with-own-gradient", "link-within", "embedded-jpeg", "doctype", "prefixed", "bom-comment"])
def test_a_drawing_that_only_refers_to_itself_is_accepted(image: bytes) -> None:
    """A driver diagram from Inkscape or Illustrator, with its own gradients, links and embedded pictures, is
    published."""
    assert svg_problem(image) is None


@pytest.mark.parametrize("element", ["embed", "object", "iframe", "audio", "video", "handler", "listener", "Script"])
def test_every_element_that_runs_code_or_shows_another_document_is_refused(element: str) -> None:
    """Each such element, in any letter case, is named in the problem with how to fix it."""
    problem = svg_problem(svg(f"<{element}/>"))
    assert problem == f"the SVG has a <{element}> element, which can run code or show another document; {FIX}"


@pytest.mark.parametrize("image, named", [
    (svg('<image href="data:image/svg+xml;base64,PHN2Zz4="/>'), "links to 'data:image/svg+xml"),
    (svg('<use href="#a"/><use href="https://evil.example/sprites.svg#a"/>'), "links to 'https://evil.example"),
    (svg('<rect style="background: url(\'https://tracker.example/x\')"/>'), "style= on <rect>"),
    (svg('<rect filter="URL(https://tracker.example/x)"/>'), "filter= on <rect>"),
    (svg("<style><![CDATA[ rect { fill: url(https://tracker.example/x) } ]]></style>"), "<style> refers to"),
    (svg("<style>@IMPORT url(x.css);</style>"), "<style> refers to"),
    (svg('<a><animate attributeName="xlink:href" values="javascript:alert(1)"/></a>'),
     "<animate> element that changes"),
    (svg('<a href="#x" onfocusin="alert(1)"><text>x</text></a>'), "event handler (onfocusin= on <a>)"),
], ids=["svg-data-url", "outside-sprite", "style-attribute", "upper-case-url", "cdata-style", "import", "animate",
        "focus-handler"])
def test_whatever_reaches_outside_the_image_is_refused_naming_where(image: bytes, named: str) -> None:
    """The problem says which attribute or element reaches out, and how to fix it."""
    problem = svg_problem(image)
    assert problem is not None and named in problem and problem.endswith(FIX)


@pytest.mark.parametrize("image, expected", [
    (b"", "the SVG is not well-formed XML"),
    (b"<svg><rect/></svg>", "the file is not an SVG image (its first element is not <svg> in the SVG namespace)"),
    (b'<html xmlns="http://www.w3.org/2000/svg"/>', "the file is not an SVG image"),
    (b'<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
     "the SVG declares XML entities"),
])
def test_a_file_that_is_not_a_plain_svg_is_refused_saying_what_it_is(image: bytes, expected: str) -> None:
    """An empty file, an SVG without its namespace, another document, or XML entities: each told apart."""
    problem = svg_problem(image)
    assert problem is not None and problem.startswith(expected)


@pytest.mark.parametrize("attribute", ["fill=\"url('#g')\"", "fill='url(\"#g\")'", 'style="fill: url( #g )"'])
def test_a_quoted_reference_to_the_images_own_gradient_is_accepted(attribute: str) -> None:
    """CSS allows url('#g'), url("#g") and url( #g ): each points inside the image, as url(#g) does."""
    assert svg_problem(svg(GRADIENT + f"<rect {attribute}/>")) is None
