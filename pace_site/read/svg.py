"""SVG images that cannot run anything: an SVG with a script, an event handler or an outside reference is refused.

An SVG opened from the site runs its scripts on the site's own origin, with no
Content-Security-Policy (that is in the pages, not in the image). Refusing is
safer than cleaning: a cleaned image could still be wrong in ways no one sees.
defusedxml parses it, so an entity bomb or an external entity is refused too.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# Elements that run code or pull in HTML or other documents.
RUNNING = {"script", "foreignobject", "handler", "listener", "iframe", "embed", "object", "audio", "video"}
ANIMATIONS = {"set", "animate", "animatemotion", "animatetransform", "animatecolor"}
INSIDE_ONLY = re.compile(r"#|data:image/(png|jpeg|gif|webp)[;,]")  # links within the image, or an embedded image
OUTSIDE_URL = re.compile(r"url\(\s*(?!['\"]?\s*#)|@import|javascript:|expression\(", re.I)
FIX = "remove it, or export the image as PNG"


def svg_problem(data: bytes) -> str | None:
    """Why this SVG may not be published, or None when it is safe."""
    if re.search(rb"<\?xml-stylesheet", data, re.I):
        return f"the SVG loads a stylesheet (<?xml-stylesheet?>) from elsewhere; {FIX}"
    try:
        root = fromstring(data)
    except DefusedXmlException:
        return f"the SVG declares XML entities, which can make it huge or read other files; {FIX}"
    except (ParseError, ValueError) as error:
        return f"the SVG is not well-formed XML ({error}); save it again, or export the image as PNG"
    if local_name(root.tag) != "svg" or namespace(root.tag) != SVG_NAMESPACE:
        return "the file is not an SVG image (its first element is not <svg> in the SVG namespace)"
    for element in root.iter():
        problem = element_problem(element)
        if problem:
            return problem
    return None


def element_problem(element: Element) -> str | None:
    name = local_name(element.tag)
    if name.lower() in RUNNING or namespace(element.tag) == "http://www.w3.org/1999/xhtml":
        return f"the SVG has a <{name}> element, which can run code or show another document; {FIX}"
    attributes = {local_name(key).lower(): value for key, value in element.attrib.items()}
    if name.lower() in ANIMATIONS and "href" in attributes.get("attributename", "").lower():
        return f"the SVG has a <{name}> element that changes a link; {FIX}"
    if name.lower() == "style" and OUTSIDE_URL.search(element.text or ""):
        return f"the SVG's <style> refers to something outside the image; {FIX}"
    for key, value in attributes.items():
        if key.startswith("on"):
            return f"the SVG has an event handler ({key}= on <{name}>), which runs code; {FIX}"
        if key in ("href", "src") and not INSIDE_ONLY.match(value.strip()):
            return f"the SVG links to '{value.strip()[:60]}' (on <{name}>), outside the image; {FIX}"
        if OUTSIDE_URL.search(value):
            return f"the SVG's {key}= on <{name}> refers to something outside the image; {FIX}"
    return None


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
