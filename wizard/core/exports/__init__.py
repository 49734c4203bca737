"""The bundle as infrastructure code: Terraform modules and CloudFormation templates.

Exports are renderers of the same `Bundle`, like the README: they make no policy decisions of
their own and embed exactly the bundle's documents (Terraform reads the JSON files; CloudFormation
carries them as literal YAML). Each format module is imported only when asked for.
"""

from __future__ import annotations

from collections.abc import Iterable

from wizard.core.render import Bundle

FORMATS: tuple[str, ...] = ("terraform", "cloudformation")
FORMAT_TITLES = {"terraform": "Terraform", "cloudformation": "CloudFormation"}
# What the save dialog and the plain prompts offer: each format with where it goes in the folder.
FORMAT_CHOICES = (("terraform", "Terraform (terraform/)"), ("cloudformation", "CloudFormation (cloudformation.yaml)"))
ALL = "all"


def parse_formats(values: Iterable[str]) -> tuple[str, ...]:
    """The formats named, in FORMATS order, each once; "all" names every one.

    Raises ValueError naming the value and the choices for anything else.
    """
    wanted: set[str] = set()
    for value in values:
        name = value.strip().lower()
        if name == ALL:
            wanted.update(FORMATS)
        elif name in FORMATS:
            wanted.add(name)
        else:
            raise ValueError(f"format {value!r}: choose one of {', '.join((*FORMATS, ALL))}")
    return tuple(name for name in FORMATS if name in wanted)


def export_files(bundle: Bundle, formats: Iterable[str], merged: bool) -> dict[str, str]:
    """Relative path -> exact text of every export file of the formats asked for."""
    files: dict[str, str] = {}
    for name in parse_formats(formats):
        if name == "terraform":
            from wizard.core.exports import terraform

            files.update(terraform.render(bundle, merged))
        else:
            from wizard.core.exports import cloudformation

            files.update(cloudformation.render(bundle))
    return files
