"""Requests on the corners of AWS's evaluation logic, for the evaluator's tests and the differential test.

Each corner is (name, request, identity policies, resource policy, our expected decision); the
expected decision is what the AWS page cited beside it says.
"""

from __future__ import annotations

from wizard.core.evaluate import ALLOWED, DENIED, UNKNOWN, Request, Source

ACCOUNT, OTHER = "111122223333", "444455556666"
STREAM = f"arn:aws:kinesis:us-west-2:{ACCOUNT}:stream/orders"
CONSUMER = f"{STREAM}/consumer/app:1700000000"
KEY = f"arn:aws:kms:us-west-2:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/app"
PATH_ROLE = f"arn:aws:iam::{ACCOUNT}:role/team/app"
USER = f"arn:aws:iam::{ACCOUNT}:user/alice"
EXTERNAL = f"arn:aws:iam::{OTHER}:role/app"
ROOT = f"arn:aws:iam::{ACCOUNT}:root"
CN_ROLE = f"arn:aws-cn:iam::{ACCOUNT}:role/app"
CN_KEY = f"arn:aws-cn:kms:cn-north-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
VIA = "kinesis.us-west-2.amazonaws.com"
FIREHOSE = "firehose.us-west-2.amazonaws.com"
KINESIS_KMS = {"kms:ViaService": VIA, "kms:EncryptionContext:aws:kinesis:arn": STREAM,
               "kms:EncryptionContextKeys": ("aws:kinesis:arn",)}
EC = "kms:EncryptionContext:aws:kinesis:arn"
ACROSS = "arn:aws:kinesis:*:stream/orders/consumer/app:1700000000"  # one * for the Region and the account
CLOSED = frozenset({"kms:viaservice", "kms:encryptioncontext:", "kms:encryptioncontextkeys"})


def pol(*statements: dict) -> dict:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def ident(*statements: dict) -> tuple[Source, ...]:
    return (Source("identity.json", pol(*statements)),)


def res(*statements: dict, kind: str = "stream") -> Source:
    return Source(f"{kind}-policy.json", pol(*statements), kind)


def st(effect: str = "Allow", **parts) -> dict:
    return {"Effect": effect, **parts}


def kms(principal: str, action: str = "kms:Decrypt", context: dict | None = None, resource: str = KEY,
        aliases: tuple[str, ...] | None = None) -> Request:
    ctx = dict(KINESIS_KMS if context is None else context)
    closed = set(CLOSED)
    if aliases is not None:
        if aliases:
            ctx["kms:ResourceAliases"] = aliases
        else:
            closed.add("kms:resourcealiases")
    return Request(principal, action, resource, ctx, frozenset(closed))


def kin(principal: str, action: str = "kinesis:GetRecords", resource: str = STREAM) -> Request:
    return Request(principal, action, resource)


ALL_KEY = st(Principal={"AWS": ROOT}, Action="kms:*", Resource="*")
READ = st(Action="kinesis:GetRecords", Resource=STREAM)
DECRYPT = st(Action="kms:Decrypt", Resource=KEY)

CORNERS: tuple[tuple[str, Request, tuple[Source, ...], Source | None, str], ...] = (
    # Explicit deny and its absence.
    ("identity allow", kin(ROLE), ident(READ), None, ALLOWED),
    ("nothing allows", kin(ROLE), (), None, DENIED),
    ("deny wins", kin(ROLE), ident(READ, st("Deny", Action="kinesis:*", Resource="*")), None, DENIED),
    ("deny in resource policy wins", kin(ROLE), ident(READ),
     res(st("Deny", Principal="*", Action="kinesis:GetRecords", Resource=STREAM)), DENIED),
    ("deny naming the account applies to its roles", kin(ROLE), ident(READ),
     res(st("Deny", Principal={"AWS": ACCOUNT}, Action="kinesis:GetRecords", Resource=STREAM)), DENIED),
    # Action and Resource forms.
    ("action case and wildcards", kin(ROLE), ident(st(Action="KINESIS:get*", Resource=STREAM)), None, ALLOWED),
    ("action ? wildcard", kin(ROLE), ident(st(Action="kinesis:GetRecord?", Resource=STREAM)), None, ALLOWED),
    ("NotAction excludes", kin(ROLE), ident(st(NotAction="kinesis:GetRecords", Resource="*")), None, DENIED),
    ("NotAction covers others", kin(ROLE), ident(st(NotAction="kinesis:Put*", Resource="*")), None, ALLOWED),
    ("NotResource excludes", kin(ROLE), ident(st(Action="kinesis:*", NotResource=STREAM)), None, DENIED),
    ("NotResource covers others", kin(ROLE), ident(st(Action="kinesis:*", NotResource=f"{STREAM}-x")), None,
     ALLOWED),
    ("resource is case-sensitive", kin(ROLE), ident(st(Action="kinesis:*", Resource=STREAM.upper()[:8] +
                                                           STREAM[8:].replace("orders", "Orders"))), None, DENIED),
    ("region wildcard", kin(ROLE), ident(st(Action="kinesis:*", Resource=f"arn:aws:kinesis:*:{ACCOUNT}:stream/*")),
     None, ALLOWED),
    ("stream ARN without stream/", kin(ROLE),
     ident(st(Action="kinesis:*", Resource=f"arn:aws:kinesis:*:{ACCOUNT}:orders")), None, DENIED),
    ("consumer wildcard", kin(ROLE, "kinesis:SubscribeToShard", CONSUMER),
     ident(st(Action="kinesis:SubscribeToShard", Resource=f"{STREAM}/consumer/*")), None, ALLOWED),
    ("stream ARN does not cover its consumers", kin(ROLE, "kinesis:SubscribeToShard", CONSUMER),
     ident(st(Action="kinesis:SubscribeToShard", Resource=STREAM)), None, DENIED),
    # A trailing * matches an empty rest too: the stream itself, not only longer names.
    # https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
    ("a trailing wildcard covers the stream itself", kin(ROLE), ident(st(Action="kinesis:GetRecords",
                                                                         Resource=STREAM + "*")), None, ALLOWED),
    ("a trailing wildcard covers longer names", kin(ROLE, resource=STREAM + "-eu"),
     ident(st(Action="kinesis:GetRecords", Resource=STREAM + "*")), None, ALLOWED),
    ("a trailing wildcard of a longer name", kin(ROLE), ident(st(Action="kinesis:GetRecords",
                                                                 Resource=STREAM + "-eu*")), None, DENIED),
    ("a ? before a trailing *", kin(ROLE), ident(st(Action="kinesis:GetRecords", Resource=STREAM[:-1] + "?*")), None,
     ALLOWED),
    # Same account: either side; the account as principal only delegates.
    ("same account: resource policy naming the role", kin(ROLE), (),
     res(st(Principal={"AWS": ROLE}, Action="kinesis:GetRecords", Resource=STREAM)), ALLOWED),
    ("same account: resource policy naming a user", kin(USER), (),
     res(st(Principal={"AWS": USER}, Action="kinesis:GetRecords", Resource=STREAM)), ALLOWED),
    ("same account: resource policy naming everyone", kin(ROLE), (),
     res(st(Principal="*", Action="kinesis:GetRecords", Resource=STREAM)), ALLOWED),
    ("same account: resource policy naming another role", kin(ROLE), (),
     res(st(Principal={"AWS": PATH_ROLE}, Action="kinesis:GetRecords", Resource=STREAM)), DENIED),
    ("role path matters", kin(PATH_ROLE), (),
     res(st(Principal={"AWS": PATH_ROLE}, Action="kinesis:GetRecords", Resource=STREAM)), ALLOWED),
    ("service principal is not a role", kin(ROLE), (),
     res(st(Principal={"Service": "lambda.amazonaws.com"}, Action="kinesis:GetRecords", Resource=STREAM)), DENIED),
    # Another account: both halves.
    ("cross-account: identity alone", kin(EXTERNAL), ident(READ), None, DENIED),
    ("cross-account: resource alone", kin(EXTERNAL), (),
     res(st(Principal={"AWS": EXTERNAL}, Action="kinesis:GetRecords", Resource=STREAM)), DENIED),
    ("cross-account: both", kin(EXTERNAL), ident(READ),
     res(st(Principal={"AWS": EXTERNAL}, Action="kinesis:GetRecords", Resource=STREAM)), ALLOWED),
    ("cross-account: resource names its account root", kin(EXTERNAL), ident(READ),
     res(st(Principal={"AWS": f"arn:aws:iam::{OTHER}:root"}, Action="kinesis:GetRecords", Resource=STREAM)), ALLOWED),
    ("cross-account: resource names its bare account ID", kin(EXTERNAL), ident(READ),
     res(st(Principal={"AWS": OTHER}, Action="kinesis:GetRecords", Resource=STREAM)), ALLOWED),
    ("cross-account: resource names the owner's root", kin(EXTERNAL), ident(READ),
     res(st(Principal={"AWS": ROOT}, Action="kinesis:GetRecords", Resource=STREAM)), DENIED),
    # KMS: the key policy is required.
    ("kms: IAM alone", kms(ROLE), ident(DECRYPT), res(kind="key"), DENIED),
    ("kms: delegation alone", kms(ROLE), (), res(ALL_KEY, kind="key"), DENIED),
    ("kms: delegation and IAM", kms(ROLE), ident(DECRYPT), res(ALL_KEY, kind="key"), ALLOWED),
    ("kms: key policy names the role", kms(ROLE), (),
     res(st(Principal={"AWS": ROLE}, Action="kms:Decrypt", Resource="*"), kind="key"), ALLOWED),
    ("kms: key policy names the bare account", kms(ROLE), ident(DECRYPT),
     res(st(Principal={"AWS": ACCOUNT}, Action="kms:*", Resource="*"), kind="key"), ALLOWED),
    ("kms: key policy star with caller account", kms(ROLE), (),
     res(st(Principal={"AWS": "*"}, Action="kms:Decrypt", Resource="*",
            Condition={"StringEquals": {"kms:CallerAccount": ACCOUNT, "kms:ViaService": VIA}}), kind="key"), ALLOWED),
    ("kms: star with caller account, other account", kms(EXTERNAL), ident(DECRYPT),
     res(st(Principal={"AWS": "*"}, Action="kms:Decrypt", Resource="*",
            Condition={"StringEquals": {"kms:CallerAccount": ACCOUNT, "kms:ViaService": VIA}}), kind="key"), DENIED),
    ("kms: cross-account named, no IAM", kms(EXTERNAL), (),
     res(ALL_KEY, st(Principal={"AWS": EXTERNAL}, Action="kms:Decrypt", Resource="*"), kind="key"), DENIED),
    ("kms: cross-account named and IAM", kms(EXTERNAL), ident(DECRYPT),
     res(ALL_KEY, st(Principal={"AWS": EXTERNAL}, Action="kms:Decrypt", Resource="*"), kind="key"), ALLOWED),
    ("kms: cross-account by account and IAM", kms(EXTERNAL), ident(DECRYPT),
     res(st(Principal={"AWS": f"arn:aws:iam::{OTHER}:root"}, Action="kms:Decrypt", Resource="*"), kind="key"),
     ALLOWED),
    # Another partition: its accounts are named by arn:aws-cn:iam::...:root.
    # https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts
    ("kms: another partition's account root", kms(CN_ROLE, resource=CN_KEY), ident(st(Action="kms:Decrypt",
                                                                                    Resource=CN_KEY)),
     res(st(Principal={"AWS": f"arn:aws-cn:iam::{ACCOUNT}:root"}, Action="kms:*", Resource="*"), kind="key"), ALLOWED),
    ("kms: key policy Resource is the key ARN", kms(ROLE), (),
     res(st(Principal={"AWS": ROLE}, Action="kms:Decrypt", Resource=KEY), kind="key"), ALLOWED),
    ("kms: key policy Resource is another key", kms(ROLE), (),
     res(st(Principal={"AWS": ROLE}, Action="kms:Decrypt", Resource=KEY[:-1] + "c"), kind="key"), DENIED),
    # Conditions.
    ("StringEquals holds", kms(ROLE), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "StringEquals": {"kms:ViaService": VIA, "kms:EncryptionContext:aws:kinesis:arn": STREAM}})),
     res(ALL_KEY, kind="key"), ALLOWED),
    ("condition key names are case-insensitive", kms(ROLE), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "StringEquals": {"KMS:VIASERVICE": VIA, "kms:encryptioncontext:aws:kinesis:arn": STREAM}})),
     res(ALL_KEY, kind="key"), ALLOWED),
    ("StringEquals values are case-sensitive", kms(ROLE), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "StringEquals": {"kms:ViaService": VIA.upper()}})), res(ALL_KEY, kind="key"), DENIED),
    ("StringEqualsIgnoreCase", kms(ROLE), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "StringEqualsIgnoreCase": {"kms:ViaService": VIA.upper()}})), res(ALL_KEY, kind="key"), ALLOWED),
    ("values OR", kms(ROLE), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "StringEquals": {"kms:ViaService": ["firehose.us-west-2.amazonaws.com", VIA]}})),
     res(ALL_KEY, kind="key"), ALLOWED),
    ("keys AND", kms(ROLE), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "StringEquals": {"kms:ViaService": VIA, "kms:EncryptionContext:aws:kinesis:arn": STREAM + "x"}})),
     res(ALL_KEY, kind="key"), DENIED),
    ("StringEquals takes no wildcard", kms(ROLE), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "StringEquals": {"kms:EncryptionContext:aws:kinesis:arn": STREAM[:-3] + "*"}})),
     res(ALL_KEY, kind="key"), DENIED),
    ("StringLike wildcard", kms(ROLE), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "StringLike": {"kms:EncryptionContext:aws:kinesis:arn": STREAM[:-3] + "*"}})),
     res(ALL_KEY, kind="key"), ALLOWED),
    ("ArnLike", kms(ROLE), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "ArnLike": {"aws:PrincipalArn": f"arn:aws:iam::{ACCOUNT}:role/*"}})), res(ALL_KEY, kind="key"), ALLOWED),
    ("ArnEquals with a wildcard", kms(ROLE), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "ArnEquals": {"aws:PrincipalArn": f"arn:aws:iam::{ACCOUNT}:role/*"}})), res(ALL_KEY, kind="key"), ALLOWED),
    ("ArnNotLike", kms(ROLE), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "ArnNotLike": {"aws:PrincipalArn": f"arn:aws:iam::{ACCOUNT}:role/*"}})), res(ALL_KEY, kind="key"), DENIED),
    ("missing key: positive operator false", kms(ROLE, context={}), ident(st(Action="kms:Decrypt", Resource=KEY,
     Condition={"StringEquals": {"kms:ViaService": VIA}})), res(ALL_KEY, kind="key"), DENIED),
    ("missing key: negated operator true", kms(ROLE, context={}), ident(st(Action="kms:Decrypt", Resource=KEY,
     Condition={"StringNotEquals": {"kms:ViaService": VIA}})), res(ALL_KEY, kind="key"), ALLOWED),
    ("negated values NOR", kms(ROLE), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "StringNotEquals": {"kms:ViaService": ["x", VIA]}})), res(ALL_KEY, kind="key"), DENIED),
    # StringNotEquals compares whole values: a `*` in it is a character, not a wildcard
    # (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String).
    ("StringNotEquals takes no wildcard", kms(ROLE), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "StringNotEquals": {"kms:ViaService": "kinesis.*"}})), res(ALL_KEY, kind="key"), ALLOWED),
    ("StringNotEqualsIgnoreCase", kms(ROLE), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "StringNotEqualsIgnoreCase": {"kms:ViaService": VIA.upper()}})), res(ALL_KEY, kind="key"), DENIED),
    ("IfExists with the key missing", kms(ROLE, context={}), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "StringEqualsIfExists": {"kms:ViaService": VIA}})), res(ALL_KEY, kind="key"), ALLOWED),
    ("IfExists with the key wrong", kms(ROLE), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "StringEqualsIfExists": {"kms:ViaService": "x"}})), res(ALL_KEY, kind="key"), DENIED),
    ("Null true on a missing key", kms(ROLE, context={}), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "Null": {"kms:ViaService": "true"}})), res(ALL_KEY, kind="key"), ALLOWED),
    ("Null false on a missing key", kms(ROLE, context={}), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "Null": {"kms:ViaService": "false"}})), res(ALL_KEY, kind="key"), DENIED),
    ("Null false on a present key", kms(ROLE), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "Null": {"kms:ViaService": "false"}})), res(ALL_KEY, kind="key"), ALLOWED),
    ("Bool", kms(ROLE), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "Bool": {"kms:ViaService": "true"}})), res(ALL_KEY, kind="key"), DENIED),
    ("deny unless via Kinesis", kms(ROLE, context={}), ident(DECRYPT, st("Deny", Action="kms:*", Resource="*",
     Condition={"StringNotEquals": {"kms:ViaService": VIA}})), res(ALL_KEY, kind="key"), DENIED),
    ("deny unless via Kinesis, via Kinesis", kms(ROLE), ident(DECRYPT, st("Deny", Action="kms:*", Resource="*",
     Condition={"StringNotEquals": {"kms:ViaService": VIA}})), res(ALL_KEY, kind="key"), ALLOWED),
    ("ForAnyValue alias present", kms(ROLE, aliases=("alias/x", "alias/orders")), ident(st(
        Action="kms:Decrypt", Resource="arn:aws:kms:us-west-2:111122223333:key/*",
        Condition={"ForAnyValue:StringEquals": {"kms:ResourceAliases": "alias/orders"}})),
     res(ALL_KEY, kind="key"), ALLOWED),
    ("ForAnyValue alias absent", kms(ROLE, aliases=("alias/x",)), ident(st(
        Action="kms:Decrypt", Resource="arn:aws:kms:us-west-2:111122223333:key/*",
        Condition={"ForAnyValue:StringEquals": {"kms:ResourceAliases": "alias/orders"}})),
     res(ALL_KEY, kind="key"), DENIED),
    ("ForAnyValue with no aliases", kms(ROLE, aliases=()), ident(st(
        Action="kms:Decrypt", Resource="arn:aws:kms:us-west-2:111122223333:key/*",
        Condition={"ForAnyValue:StringEquals": {"kms:ResourceAliases": "alias/orders"}})),
     res(ALL_KEY, kind="key"), DENIED),
    ("ForAllValues with no aliases", kms(ROLE, aliases=()), ident(st(
        Action="kms:Decrypt", Resource=KEY, Condition={"ForAllValues:StringEquals": {"kms:ResourceAliases": "a"}})),
     res(ALL_KEY, kind="key"), ALLOWED),
    ("ForAllValues one outside", kms(ROLE, aliases=("alias/orders", "alias/x")), ident(st(
        Action="kms:Decrypt", Resource=KEY,
        Condition={"ForAllValues:StringLike": {"kms:ResourceAliases": "alias/o*"}})),
     res(ALL_KEY, kind="key"), DENIED),
    ("ForAllValues all inside", kms(ROLE, aliases=("alias/orders", "alias/ops")), ident(st(
        Action="kms:Decrypt", Resource=KEY,
        Condition={"ForAllValues:StringLike": {"kms:ResourceAliases": "alias/o*"}})),
     res(ALL_KEY, kind="key"), ALLOWED),
    ("ForAnyValue:StringNotEquals", kms(ROLE, aliases=("alias/orders", "alias/x")), ident(st(
        Action="kms:Decrypt", Resource=KEY, Condition={"ForAnyValue:StringNotEquals": {
            "kms:ResourceAliases": "alias/orders"}})), res(ALL_KEY, kind="key"), ALLOWED),
    # Bool compares true/false in any case (iam-simulate agrees):
    # https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean
    ("Bool ignores the case of true", Request(ROLE, "kinesis:GetRecords", STREAM, {"aws:SecureTransport": "true"}),
     ident(st(Action="kinesis:GetRecords", Resource=STREAM, Condition={"Bool": {"aws:SecureTransport": "True"}})),
     None, ALLOWED),
    # ArnLike checks each of the six colon-separated parts on its own, so a * does not reach across a colon;
    # StringLike's * matches any characters, colons too (a consumer ARN's last part holds one):
    # https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
    ("ArnLike: a wildcard stays in its part", kms(ROLE, context={**KINESIS_KMS, EC: CONSUMER}), ident(st(
        Action="kms:Decrypt", Resource=KEY, Condition={"ArnLike": {EC: ACROSS}})), res(ALL_KEY, kind="key"), DENIED),
    ("StringLike: a wildcard crosses colons", kms(ROLE, context={**KINESIS_KMS, EC: CONSUMER}), ident(st(
        Action="kms:Decrypt", Resource=KEY, Condition={"StringLike": {EC: ACROSS}})), res(ALL_KEY, kind="key"),
     ALLOWED),
    # A JSON true or false as a condition value is the text "true" or "false", compared as such (a policy's booleans
    # are JSON's: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_datatypes.html).
    ("a JSON true in StringEquals is the text true", Request(ROLE, "kinesis:GetRecords", STREAM,
                                                            {"aws:SecureTransport": "true"}),
     ident(st(Action="kinesis:GetRecords", Resource=STREAM, Condition={"StringEquals": {"aws:SecureTransport": True}})),
     None, ALLOWED),
    ("a JSON false in StringEquals is the text false", Request(ROLE, "kinesis:GetRecords", STREAM,
                                                              {"aws:SecureTransport": "false"}),
     ident(st(Action="kinesis:GetRecords", Resource=STREAM,
              Condition={"StringEquals": {"aws:SecureTransport": False}})), None, ALLOWED),
    # Two operators in one Condition: both must hold (operators AND):
    # https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
    ("operators AND", kms(ROLE), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "StringLike": {EC: STREAM + "-*"}, "StringEquals": {"kms:ViaService": VIA}})), res(ALL_KEY, kind="key"),
     DENIED),
    # ForAnyValue on a missing key is false, negated operator or not:
    # https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
    ("ForAnyValue:StringNotEquals with no aliases", kms(ROLE, aliases=()), ident(st(
        Action="kms:Decrypt", Resource=KEY, Condition={"ForAnyValue:StringNotEquals": {
            "kms:ResourceAliases": "alias/orders"}})), res(ALL_KEY, kind="key"), DENIED),
    # An explicit deny outweighs an allow whose condition holds:
    # https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
    ("deny wins over a conditional allow", kms(ROLE), ident(
        st(Action="kms:Decrypt", Resource=KEY, Condition={"StringEquals": {"kms:ViaService": VIA}}),
        st("Deny", Action="kms:*", Resource="*")), res(ALL_KEY, kind="key"), DENIED),
    ("deny beside a failing conditional allow, key policy naming the role", kms(ROLE), ident(
        st(Action="kms:Decrypt", Resource=KEY, Condition={"StringEquals": {"kms:ViaService": FIREHOSE}}),
        st("Deny", Action="kms:Decrypt", Resource="*")),
     res(st(Principal={"AWS": ROLE}, Action="kms:Decrypt", Resource="*"), kind="key"), DENIED),
    # ForAllValues is true when the key is missing, so such a Deny applies; ...IfExists too:
    # https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
    ("ForAllValues deny applies when the key is missing", kms(ROLE, aliases=()), ident(DECRYPT, st(
        "Deny", Action="kms:Decrypt", Resource="*",
        Condition={"ForAllValues:StringEquals": {"kms:ResourceAliases": "alias/x"}})), res(ALL_KEY, kind="key"),
     DENIED),
    ("IfExists deny applies when the key is missing", kms(ROLE, context={}), ident(DECRYPT, st(
        "Deny", Action="kms:Decrypt", Resource="*", Condition={"StringEqualsIfExists": {"kms:ViaService": VIA}})),
     res(ALL_KEY, kind="key"), DENIED),
    ("no encryption context: a condition on it fails", kms(ROLE, context={"kms:ViaService": VIA}), ident(st(
        Action="kms:Decrypt", Resource=KEY, Condition={"StringEquals": {EC: STREAM}})), res(ALL_KEY, kind="key"),
     DENIED),
    ("principal account condition", kms(ROLE), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "StringEquals": {"aws:PrincipalAccount": ACCOUNT}})), res(ALL_KEY, kind="key"), ALLOWED),
    # NotPrincipal (Deny only): exempt when both the role and its account are listed.
    ("NotPrincipal deny applies to others", kin(ROLE), ident(READ), res(st(
        "Deny", NotPrincipal={"AWS": [EXTERNAL, f"arn:aws:iam::{OTHER}:root"]}, Action="kinesis:*",
        Resource=STREAM)), DENIED),
    ("NotPrincipal naming another account's bare ID applies to this role", kin(ROLE), ident(READ), res(st(
        "Deny", NotPrincipal={"AWS": OTHER}, Action="kinesis:*", Resource=STREAM)), DENIED),
    ("NotPrincipal deny exempts role and account", kin(ROLE), ident(READ), res(st(
        "Deny", NotPrincipal={"AWS": [ROLE, ROOT]}, Action="kinesis:*", Resource=STREAM)), ALLOWED),
    # What we do not model is unknown, never allowed.
    ("an operator we do not model", kin(ROLE), ident(st(Action="kinesis:*", Resource=STREAM, Condition={
        "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})), None, UNKNOWN),
    ("a key we do not model", kin(ROLE), ident(st(Action="kinesis:*", Resource=STREAM, Condition={
        "StringEquals": {"aws:ResourceTag/team": "data"}})), None, UNKNOWN),
    ("a policy variable", kin(ROLE),
     ident(st(Action="kinesis:*", Resource="arn:aws:kinesis:*:*:stream/${aws:username}")), None, UNKNOWN),
    ("an unknown deny cannot be outweighed", kin(ROLE), ident(READ, st("Deny", Action="kinesis:*", Resource="*",
     Condition={"Bool": {"aws:SecureTransport": "false"}})), None, UNKNOWN),
    ("an unknown deny with no allow is still a denial", kin(ROLE), ident(st("Deny", Action="kinesis:*", Resource="*",
     Condition={"Bool": {"aws:SecureTransport": "false"}})), None, DENIED),
    ("a single-valued operator on several values", kms(ROLE, aliases=("alias/a", "alias/b")), ident(st(
        Action="kms:Decrypt", Resource=KEY, Condition={"StringEquals": {"kms:ResourceAliases": "alias/a"}})),
     res(ALL_KEY, kind="key"), UNKNOWN),
    ("an unknown deny on several values cannot be outweighed", kms(ROLE, aliases=("alias/b", "alias/x")), ident(
        DECRYPT, st("Deny", Action="kms:Decrypt", Resource="*", Condition={
            "StringEquals": {"kms:ResourceAliases": "alias/x"}})), res(ALL_KEY, kind="key"), UNKNOWN),
    ("a policy variable in a condition", kin(ROLE), ident(st(Action="kinesis:*", Resource=STREAM, Condition={
        "StringEquals": {"aws:PrincipalArn": f"arn:aws:iam::{ACCOUNT}:role/${{aws:username}}"}})), None, UNKNOWN),
    ("a key not modelled on a KMS call", kms(ROLE), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "StringEquals": {"aws:ResourceTag/team": "data"}})), res(ALL_KEY, kind="key"), UNKNOWN),
    ("a deny with a policy variable cannot be outweighed", kin(ROLE), ident(READ, st(
        "Deny", Action="kinesis:*", Resource="*", Condition={"StringEquals": {
            "aws:PrincipalArn": f"arn:aws:iam::{ACCOUNT}:role/${{aws:username}}"}})), None, UNKNOWN),
    ("a session ARN as principal", kin(ROLE), (), res(st(
        Principal={"AWS": f"arn:aws:sts::{ACCOUNT}:assumed-role/app/session"}, Action="kinesis:*", Resource=STREAM)),
     UNKNOWN),
    ("NotPrincipal naming only the role", kin(ROLE), ident(READ), res(st(
        "Deny", NotPrincipal={"AWS": ROLE}, Action="kinesis:*", Resource=STREAM)), UNKNOWN),
    ("a key call without the key policy", kms(ROLE), ident(DECRYPT), None, UNKNOWN),
)
