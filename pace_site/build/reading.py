"""The read stage: every file of content/ and data/ read and checked, every problem listed at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pace_site.build.options import BuildOptions
from pace_site.model.content import AuthorityData, Content
from pace_site.model.errors import Problems, reading
from pace_site.model.output_file import OutputFile
from pace_site.publish.placed_figures import check_chart_blocks, with_example_figures
from pace_site.read.config import load_config
from pace_site.read.content import load_content
from pace_site.read.contract import check_layout
from pace_site.read.data import load_data
from pace_site.read.files_folder import read_files_folder
from pace_site.read.issues import check_issue_numbers
from pace_site.read.validate import validate


@dataclass(frozen=True)
class Site:
    """Everything read from the user's folders, validated."""

    content: Content
    data: dict[str, AuthorityData]
    warnings: tuple[str, ...] = ()
    files: tuple[OutputFile, ...] = ()  # content/files/, checked


def read_site(options: BuildOptions) -> Site:
    """Read and validate all content and data; raise ContentError listing every problem."""
    problems = Problems(root=Path.cwd())
    config = None
    with reading(options.content / "site.yml", problems):
        config = load_config(options.content, problems)
    if config is None:
        problems.raise_if_any()
    assert config is not None
    content = load_content(options.content, config, problems)
    check_layout(options.content, options.data, problems)
    data = load_data(options.data, [a.slug for a in content.authorities], config, problems, content.authority_folders,
                     {a.slug: a.localities for a in content.authorities})
    validate(content, data, problems)
    check_chart_blocks(content, problems)
    check_issue_numbers(content, problems)
    files = read_files_folder(options.content, problems)
    problems.raise_if_any(options.strict)
    return Site(with_example_figures(content), data, tuple(str(w) for w in problems.warnings), tuple(files))
