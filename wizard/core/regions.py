"""The static region table: every Region Kinesis and KMS serve, by partition.

Kept as data (no network at import) so the wizard can offer a searchable list and every
ARN can take its partition from the Region alone. Source: botocore 1.43.11
partitions.json / endpoints.json, as listed in the project's domain reference.
"""

from __future__ import annotations

from difflib import get_close_matches
from typing import NamedTuple


class Region(NamedTuple):
    code: str
    name: str
    partition: str


PARTITION_NAMES: dict[str, str] = {
    "aws": "AWS commercial",
    "aws-cn": "AWS China",
    "aws-us-gov": "AWS GovCloud (US)",
    "aws-iso": "AWS ISO (US)",
    "aws-iso-b": "AWS ISOB (US)",
    "aws-iso-e": "AWS ISOE (Europe)",
    "aws-iso-f": "AWS ISOF",
    "aws-eusc": "AWS European Sovereign Cloud",
}

_TABLE: tuple[tuple[str, str, str], ...] = (
    ("aws", "af-south-1", "Africa (Cape Town)"),
    ("aws", "ap-east-1", "Asia Pacific (Hong Kong)"),
    ("aws", "ap-east-2", "Asia Pacific (Taipei)"),
    ("aws", "ap-northeast-1", "Asia Pacific (Tokyo)"),
    ("aws", "ap-northeast-2", "Asia Pacific (Seoul)"),
    ("aws", "ap-northeast-3", "Asia Pacific (Osaka)"),
    ("aws", "ap-south-1", "Asia Pacific (Mumbai)"),
    ("aws", "ap-south-2", "Asia Pacific (Hyderabad)"),
    ("aws", "ap-southeast-1", "Asia Pacific (Singapore)"),
    ("aws", "ap-southeast-2", "Asia Pacific (Sydney)"),
    ("aws", "ap-southeast-3", "Asia Pacific (Jakarta)"),
    ("aws", "ap-southeast-4", "Asia Pacific (Melbourne)"),
    ("aws", "ap-southeast-5", "Asia Pacific (Malaysia)"),
    ("aws", "ap-southeast-6", "Asia Pacific (New Zealand)"),
    ("aws", "ap-southeast-7", "Asia Pacific (Thailand)"),
    ("aws", "ca-central-1", "Canada (Central)"),
    ("aws", "ca-west-1", "Canada West (Calgary)"),
    ("aws", "eu-central-1", "Europe (Frankfurt)"),
    ("aws", "eu-central-2", "Europe (Zurich)"),
    ("aws", "eu-north-1", "Europe (Stockholm)"),
    ("aws", "eu-south-1", "Europe (Milan)"),
    ("aws", "eu-south-2", "Europe (Spain)"),
    ("aws", "eu-west-1", "Europe (Ireland)"),
    ("aws", "eu-west-2", "Europe (London)"),
    ("aws", "eu-west-3", "Europe (Paris)"),
    ("aws", "il-central-1", "Israel (Tel Aviv)"),
    ("aws", "me-central-1", "Middle East (UAE)"),
    ("aws", "me-south-1", "Middle East (Bahrain)"),
    ("aws", "mx-central-1", "Mexico (Central)"),
    ("aws", "sa-east-1", "South America (Sao Paulo)"),
    ("aws", "us-east-1", "US East (N. Virginia)"),
    ("aws", "us-east-2", "US East (Ohio)"),
    ("aws", "us-west-1", "US West (N. California)"),
    ("aws", "us-west-2", "US West (Oregon)"),
    ("aws-cn", "cn-north-1", "China (Beijing)"),
    ("aws-cn", "cn-northwest-1", "China (Ningxia)"),
    ("aws-us-gov", "us-gov-east-1", "AWS GovCloud (US-East)"),
    ("aws-us-gov", "us-gov-west-1", "AWS GovCloud (US-West)"),
    ("aws-iso", "us-iso-east-1", "US ISO East"),
    ("aws-iso", "us-iso-west-1", "US ISO West"),
    ("aws-iso-b", "us-isob-east-1", "US ISOB East (Ohio)"),
    ("aws-iso-b", "us-isob-west-1", "US ISOB West"),
    ("aws-iso-e", "eu-isoe-west-1", "EU ISOE West"),
    ("aws-iso-f", "us-isof-east-1", "US ISOF East"),
    ("aws-iso-f", "us-isof-south-1", "US ISOF South"),
    ("aws-eusc", "eusc-de-east-1", "EU (Germany) Sovereign Cloud"),
)

REGIONS: tuple[Region, ...] = tuple(Region(code, name, part) for part, code, name in _TABLE)
BY_CODE: dict[str, Region] = {r.code: r for r in REGIONS}


def partition_of(region: str) -> str | None:
    """The partition a Region belongs to, or None for an unknown Region."""
    found = BY_CODE.get(region)
    return found.partition if found else None


def label(region: Region) -> str:
    """How a Region is shown in lists: 'us-west-2 — US West (Oregon)'."""
    return f"{region.code} \N{EM DASH} {region.name}"


def closest_region(text: str) -> str | None:
    """The Region code a mistyped `text` most likely meant, or None when nothing is close.

    The start of a code (ap-south, eu-west-) means its first Region (ap-south-1); a code with
    letters swapped or missing (us-wset-2, eu-west1) matches by similarity; a place name (Oregon,
    frankfurt) by the Region's name. Every face says "did you mean" from here.
    """
    needle = text.strip().lower()
    if not needle:
        return None
    # The start of a code (ap-south, eu-west-): its Regions numbered 1, 2, ...; the first is meant, as
    # ap-south is ap-south-1 (not ap-south-2, nor ap-southeast-1, which has a longer name).
    numbered = [(number, r.code) for r in REGIONS if (number := _number_after(needle, r.code)) is not None]
    if numbered:
        return min(numbered)[1]
    named = [r.code for r in REGIONS if needle in r.name.lower()]
    if len(named) == 1:
        return named[0]
    close = get_close_matches(needle, BY_CODE, n=1, cutoff=0.75)
    if close:
        return close[0]
    names = {r.name.lower(): r.code for r in REGIONS}
    close = get_close_matches(needle, names, n=1, cutoff=0.75)
    return names[close[0]] if close else None


def _number_after(start: str, code: str) -> int | None:
    """N when `code` is `start` followed by -N (or by N when `start` ends in '-'), else None."""
    if not code.startswith(start):
        return None
    rest = code[len(start):]
    digits = rest if start.endswith("-") else rest.removeprefix("-") if rest.startswith("-") else ""
    return int(digits) if digits.isdigit() else None
