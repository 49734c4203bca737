"""`--plain --from-aws`: pick streams, the key and roles from the account before the questions.

Line by line like the rest of the plain prompts: each call is announced before it runs (the
plain face has no spinner: a line per call is its progress), then checkboxes and a select offer
what was found. Whatever is picked becomes the questions' defaults; an AWS error is one line,
and the questions go on without it.
"""

from __future__ import annotations

from dataclasses import replace

import questionary

from wizard.core.display import visible
from wizard.core.model import ROLE_TITLES, ROLES, Answers, add_principal_role
from wizard.core.regions import partition_of
from wizard.prompts.questions import Io, say

KEEP = "__keep__"


def pick_from_aws(answers: Answers, io: Io, profile: str | None = None) -> Answers:
    """The answers with the account, Region and whatever is picked from the account's lists."""
    from wizard.aws.discover import list_keys, list_roles, list_streams
    from wizard.aws.errors import AwsError
    from wizard.aws.session import connect

    region = answers.region.strip()
    try:
        say("Reading your AWS account (sts:GetCallerIdentity)…")
        aws = connect(profile, region if partition_of(region) else None)
        me = aws.identity()
        say(f"Account {me.account}, Region {aws.region}, as {visible(me.arn)}. Listing streams "
            "(kinesis:ListStreams), keys (kms:ListAliases) and roles (iam:ListRoles)…")
        streams, keys, roles = list_streams(aws), list_keys(aws), list_roles(aws)
    except AwsError as exc:
        say(f"AWS: {exc}. Going on without it.")
        return answers
    answers = replace(answers, account=me.account, region=aws.region)
    if streams:
        given = set(answers.streams)
        picked = questionary.checkbox(
            "Streams (Space picks; none keeps your answers):",
            choices=[questionary.Choice(visible(s), s, checked=s in given) for s in streams], **io).unsafe_ask()
        if picked:
            answers = replace(answers, streams=tuple(picked))
    if keys:
        choices = [questionary.Choice("keep my answer" if answers.key else "choose later", KEEP)]
        choices += [questionary.Choice(visible(k.alias), k.value) for k in keys]
        key = questionary.select("Key:", choices=choices, **io).unsafe_ask()
        if key != KEEP:
            answers = replace(answers, key=key)
    if roles:
        text = questionary.text("Filter the roles by name, or by path starting with / (Enter for all):",
                                **io).unsafe_ask().strip()
        shown = ([r for r in roles if r.path.startswith(text)] if text.startswith("/")
                 else [r for r in roles if text.casefold() in r.name.casefold()])
        picked = questionary.checkbox(
            f"Roles ({len(shown)} of {len(roles)}; Space picks):",
            choices=[questionary.Choice(visible(r.name if r.path == "/" else r.path + r.name), r.arn)
                     for r in shown], **io).unsafe_ask() if shown else []
        if picked:
            role = questionary.select("Add them as:", choices=[questionary.Choice(ROLE_TITLES[r], r) for r in ROLES],
                                      **io).unsafe_ask()
            principals = answers.principals
            for arn in picked:
                principals = add_principal_role(principals, arn, role)
            answers = replace(answers, principals=principals)
    return answers
