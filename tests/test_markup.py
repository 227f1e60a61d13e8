from pace_site.read.markup import split_sections, to_html


def test_sections_split_at_level_two_headings_only() -> None:
    sections = split_sections("Lead text\n\n## Key learning\n\n### Detail\n\nMore\n\n## Next steps\n\n- one\n")
    assert [s.heading for s in sections] == ["", "Key learning", "Next steps"]
    assert sections[1].anchor == "key-learning"
    assert "<h3>Detail</h3>" in sections[1].html


def test_headings_inside_code_blocks_do_not_split() -> None:
    sections = split_sections("## Real\n\n```\n## not a heading\n```\n")
    assert [s.heading for s in sections] == ["Real"]


def test_scripts_handlers_iframes_and_javascript_links_are_removed() -> None:
    html = to_html('<script>alert(1)</script><iframe src="x"></iframe>'
                   '<a href="javascript:alert(1)" onclick="steal()">x</a> <form><input></form>')
    for unsafe in ("<script", "alert(1)", "<iframe", "onclick", "javascript:", "<form", "<input"):
        assert unsafe not in html


def test_markdown_tables_and_links_survive() -> None:
    html = to_html("| a | b |\n|---|---|\n| 1 | 2 |\n\n[PACE](https://example.org/)")
    assert "<table>" in html and '<a href="https://example.org/">PACE</a>' in html
