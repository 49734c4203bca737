"""Property: for any valid answers, with or without a merged key policy, every export parses and
embeds exactly the bundle's documents, in the account each belongs to."""

from __future__ import annotations

import pytest
from exports_check import check_cloudformation, check_terraform
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_core_properties import valid_answers

from wizard.core.bundle import bundle_files
from wizard.core.exports import FORMATS
from wizard.core.render import render_bundle

CURRENT = {"Version": "2012-10-17", "Statement": [
    {"Sid": "TheirAdmins", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/admins"},
     "Action": "kms:*", "Resource": "*"}]}


@pytest.mark.external
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(valid_answers(), st.booleans())
def test_every_export_parses_and_embeds_exactly_the_bundle(answers, merge):
    bundle = render_bundle(answers, merge_key_policy=CURRENT if merge else None)
    merged = merge and not bundle.resolved.key.managed
    assume(bundle.ok)  # e.g. a policy over a size limit: nothing is written, so nothing is exported
    files = bundle_files(bundle, merged, FORMATS)
    read = check_terraform(bundle, files, merged)
    assert read == {d.filename for d in bundle.documents if d.kind != "key" or merged}
    check_cloudformation(bundle, files)
