"""Glossary terms marked on the parsed HTML of Markdown sections: first use only, never inside headings,
links, code or charts, and nothing an author wrote can break out of the marking."""

from __future__ import annotations

from pace_site.model.content import GlossaryTerm
from pace_site.read.markup import to_html
from pace_site.render.htmltext import TermMarker, plain_text, term_variants

ADM = GlossaryTerm("Agency Decision Maker (ADM)", "agency-decision-maker-adm", "<p>Makes the <em>decision</em>.</p>")
FORM_E = GlossaryTerm("Form E", "form-e", '<p>A report "about" carers & <b>more</b>.</p>')


def marker() -> TermMarker:
    return TermMarker((ADM, FORM_E), "../glossary/")


def test_a_term_is_marked_at_its_first_use_on_a_page_only() -> None:
    page = marker()
    first = page.mark("<p>The ADM agreed. The ADM met again.</p>")
    second = page.mark("<p>Later the ADM decided.</p>")
    assert first.count('class="glossary-term"') == 1
    assert first.startswith('<p>The <a class="glossary-term" href="../glossary/#agency-decision-maker-adm" '
                            'title="Makes the decision.">ADM</a> agreed.')
    assert "glossary-term" not in second


def test_never_inside_headings_links_code_or_charts() -> None:
    html = ('<h2>The ADM</h2><p><a href="/x/">ADM link</a> <code>ADM</code></p><pre>ADM</pre>'
            '<figure class="chart"><p>ADM</p></figure><p><abbr title="x">ADM</abbr></p><p>then the ADM</p>')
    marked = marker().mark(html)
    assert marked.count("glossary-term") == 1
    assert marked.endswith('<p>then the <a class="glossary-term" href="../glossary/#agency-decision-maker-adm" '
                           'title="Makes the decision.">ADM</a></p>')
    assert marked.replace(marked[marked.rindex("<p>then"):], "") == html.replace("<p>then the ADM</p>", "")


def test_abbreviations_match_their_case_phrases_any_case_and_only_whole_words() -> None:
    assert "glossary-term" not in marker().mark("<p>The adm team and the ADMIRAL and SUB-ADM.</p>")
    assert "glossary-term" in marker().mark("<p>the agency decision maker</p>")
    assert term_variants("Agency Decision Maker (ADM)") == ["Agency Decision Maker (ADM)", "Agency Decision Maker",
                                                           "ADM"]


def test_text_that_looks_like_markup_stays_text_and_definitions_are_escaped() -> None:
    html = to_html('Form E &lt;script&gt;alert(1)&lt;/script&gt; and "quotes" & ampersands')
    marked = marker().mark(html)
    assert "<script" not in marked and "&lt;script&gt;" in marked and "&amp; ampersands" in marked
    assert 'title="A report &quot;about&quot; carers &amp; more."' in marked


def test_a_page_without_terms_is_left_as_it_was() -> None:
    html = '<p>Nothing <em>here</em> &amp; <img src="/files/a.png" alt="a"></p>'
    assert marker().mark(html) == html
    assert TermMarker((), "../glossary/").mark(html) == html


def test_plain_text_of_a_fragment() -> None:
    assert (plain_text("<p>The <abbr>SCRA</abbr>\n is  told &amp; ready.</p><p>Next</p>")
            == "The SCRA is told & ready. Next")
