"""Surviving mutants judged equivalent: no input can tell them from the original code, so they leave the score.

Each entry names the function (as mutmut names it), the lines the mutant removes and adds (stripped), and why no
test could ever fail on it. Be strict: a mutant a user could notice in any output, message or file is not
equivalent, however unlikely the input. scripts/mutation.py reports entries that no longer match a survivor.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Equivalent:
    function: str
    removed: tuple[str, ...]
    added: tuple[str, ...]
    why: str


SPLIT = (
    "render._split only searches for each part's length: the parts are decided by fits() and the bisection "
    "between a run that fits and one that does not, so a different first guess, step or bracket end changes how "
    "many sizes are measured, never the parts (an empty or over-long slice is measured like the streams it holds). "
    "Two streams always fit one managed policy (a stream adds at most ~560 characters of 6,144, names being at most "
    "128), so mutants that take 'two fit' or 'one alone fits' for granted cannot differ on any valid answers")
SHAPE = (
    "resource_merge._shape: naming Sid, Effect, Action, Resource or Principal in the 'other elements' list "
    "changes nothing, since our statements always carry all five and theirs must match each of them (equal Sid, "
    "Effect, action and resource sets, an AWS principal) before the lists are compared")
SHAREABLE = 'actions.shareable: SHAREABLE_FOR has only "lambda"; neither "" nor "XXXX" is a key'
KIND = ("model._kind: answers are parsed JSON, whose values are all in the table (dict, list, str, bool, None) "
        "or numbers; the fallback for other Python types is never reached")
REGION = "fields.default_region: a missing variable read as 'XXXX' is not a Region, so it is skipped like ''"
ASCII = "limits.to_json, to_compact_json: json.dumps treats ensure_ascii=None as false, like False"
LOCKOUT = ("merge.lockout_safe: the action is only ever matched case-insensitively (IAM matches actions in any "
           "case), so kms:PutKeyPolicy in lower or upper case is the same action")

SCOPE = ("evaluate._principal_scope: its first branch (an entry equal to \"*\") is never reached, since both callers "
         "answer for \"*\" before asking (Principal: everyone; NotPrincipal: not modelled), so what it returns cannot "
         "matter (the second 'return \"principal\"', for the caller's own ARN, is reached and killed by the NotPrincipal "
         "corners); and rsplit('/', n)[-1] is the last path segment for any n >= 1 or none")
NAMES = ("access_text._names: every stream of a row is a Stream, which always has a name, so getattr's default is "
         "never used")

SHALLOW = ("diagnose: a fix's documents and statements are copies whose top-level keys alone are then set (Statement, "
           "Principal, Action); nothing nested is ever changed, so copy.copy in place of copy.deepcopy leaves what the "
           "person gave unchanged all the same")
NOTES = ("diagnose._merge: only a fix for a registered consumer carries a note, and those fixes answer enhanced fan-out "
         "operations, which `needs` lists as advised, never required; the merged fixes (the required ones) therefore "
         "all have the empty note, and the command line shows a note only when it is not empty")

IDENTITY = ("identity.admin: the alias condition is passed as `alias_only or None`, so an empty dict and None both "
            "give no condition")
MANIFEST = ("bundle.manifest: its one caller (bundle_files) always passes `merged`, so the default is never used")

SHARED = ("stream_policy / consumer_policy: what a reader or writer in another account is given is only what can be "
          "shared: every producer action can be (actions.producer(external=True) is PRODUCER itself), enhanced fan-out "
          "adds nothing shareable on the stream for any service, and a consumer policy is made only for a reader with a "
          "registered consumer, which a Firehose reader never has, so the service does not change its actions")
MERGE = ("merge: _as_list(None) as [None] adds nothing, since every caller keeps strings only or asks whether '*' is in "
         "it; _statements only ever sees a list or an object (merge_problem refuses the rest first; lockout_safe gets "
         "the merged policy); and a merge that keeps none of their statements is always refused by the lockout check "
         "(ours never allow kms:PutKeyPolicy), so the '(none)' of the kept list is never shown")

BUILT = ("key_policy.statements: `in_identity_policy` is only tested for truth, so None is False; and a statement's "
         "Condition is never changed once built (documents are serialised as built; merge and check copy a statement "
         "before setting its top-level keys), so sharing nested dicts through copy.copy changes no file")
DEFAULTS = ("identity.producer: every producer action can be shared (actions.producer(external=True) is PRODUCER), so "
            "`external` changes nothing there; bundle.bundle_files: its callers outside the tests (the CLI, "
            "write_bundle) always pass `merged`; bundle.manifest: 'UTF-8' and 'utf-8' are the same codec")

VERSION = ("resource_merge.merge: our resource policies always carry \"Version\": \"2012-10-17\", the very default "
           "it falls back to, so reading it under another name gives the same Version")

MANAGED = ("access.managed_key_policy (the model of aws/kinesis's fixed policy, never written to a file): IAM matches "
           "action names in any case (the evaluator too, a corner of its tests), so an action's case cannot matter; "
           "kms:Encrypt and kms:ReEncrypt* are never asked by the table or check (Kinesis makes data keys and "
           "decrypts), so misspelling them changes no answer; and Version only changes how policy variables read, "
           "which this policy has none of")

RENDER = ("render.render_bundle: the merge source is read only by the README, which takes any unknown source for "
          "'file', the default; `external` is only tested for truth (None is False) and changes nothing for producers "
          "(all their actions can be shared); and the problems list is appended to only when one stream alone "
          "overflows a managed policy, which valid names cannot do (see SPLIT), so passing None there is never used")

CONSUMER_DOCS = ("render._consumer_documents: consumer_policy.build reads only the stream and the reader, never the "
                 "resolved answers; and a consumer's resource policy holds one statement for one principal (about "
                 "1.5 KB at most, with a 512-character path), so its 20 KB check and refusal are never reached, nor "
                 "the problems list passed for it")

CHECK_FIX = ("diagnose: check resolves one principal, and the tool's statements for it cover every operation `needs` "
             "lists for its role and service (its identity statement, its one key statement per KMS action, each naming "
             "that principal), so the fallback statements (a statement named after the operation, AllowKinesisUse) are "
             "never made, a second matching key statement never exists, and setting the copy's Principal again "
             "gives the same statement")

# diagnose and validate (check's advice, the answers' validation)
SAME_ACCOUNT = ("diagnose._fixes: `same` is read only together with `kms` (the AWS managed key serving another account; "
                "the key policy alone being enough in the key's own account), so which account it compares for a "
                "Kinesis action never matters")
MANAGED_SOURCE = ("diagnose.check_setting: the evaluator reads a Source's kind only as 'identity or not', and for a key "
                  "policy to ignore a statement without Resource; the AWS managed key's modelled policy is a resource "
                  "policy whose statements all have a Resource, so any kind but 'identity' gives the same answers")
ABSENT = ("diagnose.check_setting: every reader of a Setting's stream and consumer policies takes a None entry as no "
          "policy (dict.get; citations and _own_policies skip None), and Who.consumer_arn reads only the stream's ARN, "
          "never its name")
RULE_TEXT = ("validate: parse_key, parse_stream and parse_principal give a non-empty rule with every refusal (each "
             "`return None, ...` is a sentence, or a rule tested for truth first), so `rule or ''` only satisfies the "
             "type checker")
PARTITION = ("validate.resolve: the Region has passed check_region, which refuses any value partition_of does not know, "
             "so `partition_of(region) or ''` never uses its fallback")
PLAIN_EMPTY = ("validate.principal_roles_rule: plain_text_rule finds nothing in '' nor in 'XXXX' (no control or bidi "
               "character), so an absent service or consumer name is checked alike")
CHECK_GIVEN = ("diagnose._resolve: `given` of the principal and of the key (what was typed) is read only by the bundle's "
               "problems and README (render, readme); check reads the principal and key from its Inputs, never from "
               "the resolved refs' `given`")
CHECK_OWN_ARN = ("diagnose._resolve: parse_principal reads its account only to make a bare role name an ARN, and "
                 "_resolve refuses names before calling it; parse_stream is called only for a value ARN_RE matched, "
                 "against the place that same ARN names, so the account it is held to is always its own")
CHECK_FORM_ONLY = ("diagnose._resolve: without a stream no Place is returned, only problems; and parse_key refuses a "
                   "key ID, an alias or a non-KMS ARN (the values that get the placeholder place) by form alone, "
                   "never reading the place, so the placeholder partition, Region and account reach no output")
CHECK_INCOMPLETE = ("diagnose._resolve: the stream is None or a StreamRef (always truthy), and the place is made from it "
                    "exactly when it is a StreamRef, so `stream is None` and `place is None` agree (a falsy '' start "
                    "leaves the place None too); the key is None with a place only when a problem was added")
PLACEHOLDERS = ("validate.resolve: the placeholder key and principals exist only while an answer is refused; a "
                "KeyRef's kind is then read only through `managed` (false for 'key-id' and any other text but "
                "'managed'), a PrincipalRef's given only for readers in another account (placeholders are in the "
                "stream's), and the manifest that records both is written only for answers without problems")

# --- evaluate.py (helper mut-eval) ---
EVAL_CACHE = ("evaluate: a memo that is only ever filled with what it would recompute (the full context and _Context "
              "kept on a Request, each condition key's lookup, a Source's statements per action and resource, the "
              "index of a principal's statements per action, an index's statements per resource, a policy list "
              "compiled by identity in _by_id): reading it under another key, never storing, always rebuilding, or "
              "clearing it at 10,000 (50,000) entries or one more gives the same answers; only the time and memory "
              "differ (benchmarks/ measures the time). Entries hold what they were made from, so an id is never "
              "reused while its entry lives, and `entry[0] is identity` (`is raw`) always holds when found")
EVAL_STUB = ("evaluate.signatures: the stub Request is only read by _Context._lookup for a key absent from the context or "
             "with several values, and signatures always tests a condition against {key: the subject's value}, a "
             "string under that very key (the condition is kept only when its key, lower-cased, is `key` "
             "lower-cased), so the stub, its principal, action and resource are never read")
EVAL_NUMBERS = ("evaluate: numbers that only tell elements or positions apart: a signature's element numbers are compared "
                "for equality only (starting at 1, or stepping by 2, keeps them distinct), and an _Index's positions only "
                "order statements (starting at 1 or stepping by 2 keeps that order; no two hits share a position, so "
                "sorting the (position, statement) pairs without a key compares positions alone)")
EVAL_SIGNATURES = ("evaluate.signatures groups subjects by equal signature, so only the partition matters: a StringEquals "
                   "or StringNotEquals routed through the per-subject test instead of the value index (any misspelled "
                   "operator name, no index, values read from None) splits the subjects exactly as the index would "
                   "(member of the listed values or not), only slower; and a `*` Resource tested per subject says True of "
                   "every subject")
EVAL_IFEXISTS = ("evaluate._Condition: an operator named just 'IfExists' is not modelled either way (its base is "
                 "'IfExists' or '', neither modelled), with the same words; removesuffix('IfExists') changes only "
                 "names that end with it, which is exactly when if_exists is set, bar 'IfExists' itself")
EVAL_DEFAULTS = ("evaluate._Condition.__init__: values, exact, folded, null_bad and want are read only by a modelled "
                 "condition (fixed is None: test returns the fixed answer first; _Statement.quick and signatures "
                 "look at `exact` only when fixed is None), and a modelled condition sets every one of them")
EVAL_LOOKUP = ("evaluate._Context._lookup: `present` and `known` are only ever tested for truth (not found.present, "
               "found.known and ..., (v == 'true') is (not found.present)), so None reads as False; and a key that is "
               "not known is answered 'unknown' before its presence is looked at")
EVAL_NOT_A_POLICY = ("evaluate._NotAPolicy: its result's effect is compared only with 'Allow' and 'Deny' (allows, "
                     "denies, refs, near_misses); '', None and 'XXXX' are neither, and no output prints the effect")
EVAL_QUICK = ("evaluate: setting statements aside early is an optimisation: a _Statement never set aside (ruled_out "
              "always False) is judged in full with the same answer; and _resources(resource, None) is "
              "_resources(resource, ()) since it reads `probes or (resource,)`")
EVAL_INDEX = ("evaluate._Index: a statement not indexed by its exact ARNs is checked one by one with may_apply, which "
              "gives the same statements in the same order (positions decide it); no index at all only costs time. "
              "`patterns is None` cannot hold with `late` unset (an unreadable Resource sets late), so that branch "
              "is never entered")

EVAL_PREFIX = ("evaluate._is_prefix / arn_matches: a pattern not taken as a prefix is matched by arn_matches, with the "
               "same answer (a prefix has no wildcard before its final *, so matching its first five parts one by one "
               "or as a prefix agrees); and zip(strict=...) pairs two lists the line above made six long")
EVAL_ACTION = ("evaluate._Statement: malformed_action's first value is kept only by a statement whose Action cannot be "
               "read, which has `early` set and an empty action_name, so `covers` says True for it either way and "
               "judge answers with `early` before anything else")

EVAL_UNSHOWN = ("evaluate.principal_matches: a NotPrincipal statement is a Deny (an Allow is refused first), and a "
                "Deny's scope is never read (only allows() filters by scope); the words of a NotPrincipal that exempts "
                "the principal go with a Deny that is False, and no reason prints a Deny that did not match")


ACCESS_TEXT_SELF_RENAME = ("access_text.lines: renaming a line to the principal it already belongs to replaces its ARN "
                           "with itself, so the line is the same")
ACCESS_TEXT_FINER_KEY = ("access_text.markdown: a finer cell key (the first reasons of every line, or the first two) "
                         "only writes a cell more often; a cell's text reads a line's first reason, and only when it "
                         "is unknown")
ACCESS_TEXT_LAST_ROW = ("access_text.markdown: the text before its trailing blank lines always ends with a table row's "
                        "'|' (the strangers' sections come last and always have rows), so stripping spaces or X's "
                        "there too strips nothing more")
ACTIONS_CONSUMER_SHARE = ("actions.consumer: the service only adds kinesis:DescribeStream to what can be shared "
                          "(SHAREABLE_FOR), a stream action that is never on the consumer side")

EQUIVALENTS: list[Equivalent] = [
    # SPLIT
    Equivalent('wizard.core.render.x__split', ('one = limits.iam_size(build(streams[:1]))',), ('one = limits.iam_size(build(streams[:2]))',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('if one > limit:',), ('if one >= limit:',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('per_stream = max(1, limits.iam_size(build(streams[:2])) - one) if len(streams) > 1 else 1',), ('per_stream = max(1, limits.iam_size(build(streams[:2])) - one) if (len(streams) > 1) and False else 1',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('per_stream = max(1, limits.iam_size(build(streams[:2])) - one) if len(streams) > 1 else 1',), ('per_stream = max(1, limits.iam_size(build(streams[:2])) - one) if (len(streams) > 1) or True else 1',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('per_stream = max(1, limits.iam_size(build(streams[:2])) - one) if len(streams) > 1 else 1',), ('per_stream = max(2, limits.iam_size(build(streams[:2])) - one) if len(streams) > 1 else 1',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('per_stream = max(1, limits.iam_size(build(streams[:2])) - one) if len(streams) > 1 else 1',), ('per_stream = max(1, limits.iam_size(build(streams[:2])) + one) if len(streams) > 1 else 1',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('per_stream = max(1, limits.iam_size(build(streams[:2])) - one) if len(streams) > 1 else 1',), ('per_stream = max(1, limits.iam_size(None) - one) if len(streams) > 1 else 1',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('per_stream = max(1, limits.iam_size(build(streams[:2])) - one) if len(streams) > 1 else 1',), ('per_stream = max(1, limits.iam_size(build(streams[:3])) - one) if len(streams) > 1 else 1',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('per_stream = max(1, limits.iam_size(build(streams[:2])) - one) if len(streams) > 1 else 1',), ('per_stream = max(1, limits.iam_size(build(streams[:2])) - one) if len(streams) >= 1 else 1',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('per_stream = max(1, limits.iam_size(build(streams[:2])) - one) if len(streams) > 1 else 1',), ('per_stream = max(1, limits.iam_size(build(streams[:2])) - one) if len(streams) > 2 else 1',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('per_stream = max(1, limits.iam_size(build(streams[:2])) - one) if len(streams) > 1 else 1',), ('per_stream = max(1, limits.iam_size(build(streams[:2])) - one) if len(streams) > 1 else 2',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('guess = max(1, (limit - one) // per_stream + 1)',), ('guess = max(2, (limit - one) // per_stream + 1)',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('guess = max(1, (limit - one) // per_stream + 1)',), ('guess = max(1, (limit - one) // per_stream - 1)',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('guess = max(1, (limit - one) // per_stream + 1)',), ('guess = max(1, (limit + one) // per_stream + 1)',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('guess = max(1, (limit - one) // per_stream + 1)',), ('guess = max(1, (limit - one) // per_stream + 2)',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('left = len(streams) - start',), ('left = len(streams) + start',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('if probe == 1 or fits(start, probe):',), ('if probe == 2 or fits(start, probe):',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('low, high, step = probe, left + 1, 1',), ('low, high, step = probe, left + 2, 1',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('low, high, step = probe, left + 1, 1',), ('low, high, step = probe, left + 1, 2',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('while low + step < high:',), ('while low + step <= high:',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('low, step = low + step, step * 2',), ('low, step = low + step, step * 3',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('low, high, step = 1, probe, 1',), ('low, high, step = 2, probe, 1',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('low, high, step = 1, probe, 1',), ('low, high, step = 1, probe, 2',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('while high - step > low:',), ('while high + step > low:',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('while high - step > low:',), ('while high - step >= low:',), SPLIT),
    Equivalent('wizard.core.render.x__split', ('high, step = high - step, step * 2',), ('high, step = high - step, step * 3',), SPLIT),
    # SHAPE
    Equivalent('wizard.core.policies.resource_merge.x__shape', ('sorted(k for k in stmt if k not in ("Sid", "Effect", "Action", "Resource", "Condition", "Principal")))',), ('sorted(k for k in stmt if k not in ("XXSidXX", "Effect", "Action", "Resource", "Condition", "Principal")))',), SHAPE),
    Equivalent('wizard.core.policies.resource_merge.x__shape', ('sorted(k for k in stmt if k not in ("Sid", "Effect", "Action", "Resource", "Condition", "Principal")))',), ('sorted(k for k in stmt if k not in ("sid", "Effect", "Action", "Resource", "Condition", "Principal")))',), SHAPE),
    Equivalent('wizard.core.policies.resource_merge.x__shape', ('sorted(k for k in stmt if k not in ("Sid", "Effect", "Action", "Resource", "Condition", "Principal")))',), ('sorted(k for k in stmt if k not in ("SID", "Effect", "Action", "Resource", "Condition", "Principal")))',), SHAPE),
    Equivalent('wizard.core.policies.resource_merge.x__shape', ('sorted(k for k in stmt if k not in ("Sid", "Effect", "Action", "Resource", "Condition", "Principal")))',), ('sorted(k for k in stmt if k not in ("Sid", "XXEffectXX", "Action", "Resource", "Condition", "Principal")))',), SHAPE),
    Equivalent('wizard.core.policies.resource_merge.x__shape', ('sorted(k for k in stmt if k not in ("Sid", "Effect", "Action", "Resource", "Condition", "Principal")))',), ('sorted(k for k in stmt if k not in ("Sid", "effect", "Action", "Resource", "Condition", "Principal")))',), SHAPE),
    Equivalent('wizard.core.policies.resource_merge.x__shape', ('sorted(k for k in stmt if k not in ("Sid", "Effect", "Action", "Resource", "Condition", "Principal")))',), ('sorted(k for k in stmt if k not in ("Sid", "EFFECT", "Action", "Resource", "Condition", "Principal")))',), SHAPE),
    Equivalent('wizard.core.policies.resource_merge.x__shape', ('sorted(k for k in stmt if k not in ("Sid", "Effect", "Action", "Resource", "Condition", "Principal")))',), ('sorted(k for k in stmt if k not in ("Sid", "Effect", "XXActionXX", "Resource", "Condition", "Principal")))',), SHAPE),
    Equivalent('wizard.core.policies.resource_merge.x__shape', ('sorted(k for k in stmt if k not in ("Sid", "Effect", "Action", "Resource", "Condition", "Principal")))',), ('sorted(k for k in stmt if k not in ("Sid", "Effect", "action", "Resource", "Condition", "Principal")))',), SHAPE),
    Equivalent('wizard.core.policies.resource_merge.x__shape', ('sorted(k for k in stmt if k not in ("Sid", "Effect", "Action", "Resource", "Condition", "Principal")))',), ('sorted(k for k in stmt if k not in ("Sid", "Effect", "ACTION", "Resource", "Condition", "Principal")))',), SHAPE),
    Equivalent('wizard.core.policies.resource_merge.x__shape', ('sorted(k for k in stmt if k not in ("Sid", "Effect", "Action", "Resource", "Condition", "Principal")))',), ('sorted(k for k in stmt if k not in ("Sid", "Effect", "Action", "XXResourceXX", "Condition", "Principal")))',), SHAPE),
    Equivalent('wizard.core.policies.resource_merge.x__shape', ('sorted(k for k in stmt if k not in ("Sid", "Effect", "Action", "Resource", "Condition", "Principal")))',), ('sorted(k for k in stmt if k not in ("Sid", "Effect", "Action", "resource", "Condition", "Principal")))',), SHAPE),
    Equivalent('wizard.core.policies.resource_merge.x__shape', ('sorted(k for k in stmt if k not in ("Sid", "Effect", "Action", "Resource", "Condition", "Principal")))',), ('sorted(k for k in stmt if k not in ("Sid", "Effect", "Action", "RESOURCE", "Condition", "Principal")))',), SHAPE),
    Equivalent('wizard.core.policies.resource_merge.x__shape', ('sorted(k for k in stmt if k not in ("Sid", "Effect", "Action", "Resource", "Condition", "Principal")))',), ('sorted(k for k in stmt if k not in ("Sid", "Effect", "Action", "Resource", "Condition", "XXPrincipalXX")))',), SHAPE),
    Equivalent('wizard.core.policies.resource_merge.x__shape', ('sorted(k for k in stmt if k not in ("Sid", "Effect", "Action", "Resource", "Condition", "Principal")))',), ('sorted(k for k in stmt if k not in ("Sid", "Effect", "Action", "Resource", "Condition", "principal")))',), SHAPE),
    Equivalent('wizard.core.policies.resource_merge.x__shape', ('sorted(k for k in stmt if k not in ("Sid", "Effect", "Action", "Resource", "Condition", "Principal")))',), ('sorted(k for k in stmt if k not in ("Sid", "Effect", "Action", "Resource", "Condition", "PRINCIPAL")))',), SHAPE),
    # SHAREABLE
    Equivalent('wizard.core.actions.x_shareable', ('allowed = SHAREABLE | SHAREABLE_FOR.get(service or "", frozenset())',), ('allowed = SHAREABLE | SHAREABLE_FOR.get(service or "XXXX", frozenset())',), SHAREABLE),
    # KIND
    Equivalent('wizard.core.model.x__kind', ('type(value), "a number" if isinstance(value, (int, float)) else type(value).__name__)',), ('type(value), "a number" if (isinstance(value, (int, float))) or True else type(value).__name__)',), KIND),
    Equivalent('wizard.core.model.x__kind', ('type(value), "a number" if isinstance(value, (int, float)) else type(value).__name__)',), ('type(value), "a number" if isinstance(value, (int, float)) else type(None).__name__)',), KIND),
    # REGION
    Equivalent('wizard.core.fields.x_default_region', ('value = environ.get(name, "").strip()',), ('value = environ.get(name, "XXXX").strip()',), REGION),
    # ASCII
    Equivalent('wizard.core.limits.x_to_compact_json', ('return json.dumps(doc, separators=(",", ":"), ensure_ascii=False) + "\\n"',), ('return json.dumps(doc, separators=(",", ":"), ensure_ascii=None) + "\\n"',), ASCII),
    # LOCKOUT
    Equivalent('wizard.core.policies.merge.x_lockout_safe', ('action = "kms:PutKeyPolicy"',), ('action = "kms:putkeypolicy"',), LOCKOUT),
    Equivalent('wizard.core.policies.merge.x_lockout_safe', ('action = "kms:PutKeyPolicy"',), ('action = "KMS:PUTKEYPOLICY"',), LOCKOUT),
    # SCOPE
    Equivalent('wizard.core.evaluate.x__principal_scope', ('return "principal"',), ('return "XXprincipalXX"',), SCOPE),
    Equivalent('wizard.core.evaluate.x__principal_scope', ('return "principal"',), ('return "PRINCIPAL"',), SCOPE),
    Equivalent('wizard.core.evaluate.x__principal_scope', ('if session.startswith(f"assumed-role/{rest.rsplit(\'/\', 1)[-1]}/"):',), ('if session.startswith(f"assumed-role/{rest.rsplit(\'/\', )[-1]}/"):',), SCOPE),
    Equivalent('wizard.core.evaluate.x__principal_scope', ('if session.startswith(f"assumed-role/{rest.rsplit(\'/\', 1)[-1]}/"):',), ('if session.startswith(f"assumed-role/{rest.rsplit(\'/\', 2)[-1]}/"):',), SCOPE),
    # NAMES
    Equivalent('wizard.core.access_text.x__names', ('names = [getattr(s, "name", "") for s in streams]',), ('names = [getattr(s, "name", None) for s in streams]',), NAMES),
    Equivalent('wizard.core.access_text.x__names', ('names = [getattr(s, "name", "") for s in streams]',), ('names = [getattr(s, "name", ) for s in streams]',), NAMES),
    Equivalent('wizard.core.access_text.x__names', ('names = [getattr(s, "name", "") for s in streams]',), ('names = [getattr(s, "name", "XXXX") for s in streams]',), NAMES),
    # SHALLOW
    Equivalent('wizard.core.diagnose.x_with_fixes', ('body = copy.deepcopy(source.body) if source is not None else {"Version": "2012-10-17", "Statement": []}',), ('body = copy.copy(source.body) if source is not None else {"Version": "2012-10-17", "Statement": []}',), SHALLOW),
    Equivalent('wizard.core.diagnose.x__key_statements', ('s = copy.deepcopy(s)',), ('s = copy.copy(s)',), SHALLOW),
    Equivalent('wizard.core.diagnose.x__merge', ('merged.append(copy.deepcopy(stmt))',), ('merged.append(copy.copy(stmt))',), SHALLOW),
    # NOTES
    Equivalent('wizard.core.diagnose.x__merge', ('notes.setdefault(fix.document, fix.note)',), ('notes.setdefault(fix.document, None)',), NOTES),
    Equivalent('wizard.core.diagnose.x__merge', ('notes.setdefault(fix.document, fix.note)',), ('notes.setdefault(fix.document, )',), NOTES),
    Equivalent('wizard.core.diagnose.x__merge', ('return tuple(Fix(doc, tuple(stmts), notes[doc]) for doc, stmts in by_doc.items())',), ('return tuple(Fix(doc, tuple(stmts), None) for doc, stmts in by_doc.items())',), NOTES),
    Equivalent('wizard.core.diagnose.x__merge', ('return tuple(Fix(doc, tuple(stmts), notes[doc]) for doc, stmts in by_doc.items())',), ('return tuple(Fix(doc, tuple(stmts), ) for doc, stmts in by_doc.items())',), NOTES),
    # IDENTITY
    Equivalent('wizard.core.policies.identity.x_admin', ('alias_only = {}',), ('alias_only = None',), IDENTITY),
    # MANIFEST
    Equivalent('wizard.core.bundle.x_manifest', ('def manifest(bundle: Bundle, files: dict[str, str], merged: bool = False) -> dict[str, Any]:',), ('def manifest(bundle: Bundle, files: dict[str, str], merged: bool = True) -> dict[str, Any]:',), MANIFEST),
    # SHARED
    Equivalent('wizard.core.policies.stream_policy.x_build', ('stmts.append(statement("CrossAccountProducers", actions.producer(external=True), [stream.arn],',), ('stmts.append(statement("CrossAccountProducers", actions.producer(external=None), [stream.arn],',), SHARED),
    Equivalent('wizard.core.policies.stream_policy.x_build', ('stmts.append(statement("CrossAccountProducers", actions.producer(external=True), [stream.arn],',), ('stmts.append(statement("CrossAccountProducers", actions.producer(external=False), [stream.arn],',), SHARED),
    Equivalent('wizard.core.policies.stream_policy.x_build', ('on_stream, _on_consumer = actions.consumer(service, fan_out=r.fan_out, external=True)',), ('on_stream, _on_consumer = actions.consumer(service, fan_out=None, external=True)',), SHARED),
    Equivalent('wizard.core.policies.consumer_policy.x_build', ('_on_stream, on_consumer = actions.consumer(reader.service, fan_out=True, external=True)',), ('_on_stream, on_consumer = actions.consumer(None, fan_out=True, external=True)',), SHARED),
    # MERGE
    Equivalent('wizard.core.policies.merge.x__as_list', ('return value if isinstance(value, list) else [] if value is None else [value]',), ('return value if isinstance(value, list) else [] if (value is None) and False else [value]',), MERGE),
    Equivalent('wizard.core.policies.merge.xǁMergeSummaryǁlines', ('kept = ", ".join(show(label) for label in self.kept) or "none"',), ('kept = ", ".join(show(label) for label in self.kept) or "XXnoneXX"',), MERGE),
    Equivalent('wizard.core.policies.merge.xǁMergeSummaryǁlines', ('kept = ", ".join(show(label) for label in self.kept) or "none"',), ('kept = ", ".join(show(label) for label in self.kept) or "NONE"',), MERGE),
    Equivalent('wizard.core.policies.merge.x__statements', ('return [stmts] if isinstance(stmts, dict) else stmts if isinstance(stmts, list) else []',), ('return [stmts] if isinstance(stmts, dict) else stmts if (isinstance(stmts, list)) or True else []',), MERGE),
    # BUILT
    Equivalent('wizard.core.policies.key_policy.x_statements', ('condition = kinesis_only(r, streams, in_identity_policy=False)',), ('condition = kinesis_only(r, streams, in_identity_policy=None)',), BUILT),
    Equivalent('wizard.core.policies.key_policy.x_statements', ('copy.deepcopy(condition), principals=producers))',), ('copy.copy(condition), principals=producers))',), BUILT),
    Equivalent('wizard.core.policies.key_policy.x_statements', ('copy.deepcopy(condition), principals=consumers))',), ('copy.copy(condition), principals=consumers))',), BUILT),
    Equivalent('wizard.core.policies.key_policy.x_statements', ('copy.deepcopy(condition), principals=admins))',), ('copy.copy(condition), principals=admins))',), BUILT),
    # DEFAULTS
    Equivalent('wizard.core.policies.identity.x_producer', ('def producer(r: Resolved, streams: Sequence[StreamRef], *, external: bool = False) -> Policy:',), ('def producer(r: Resolved, streams: Sequence[StreamRef], *, external: bool = True) -> Policy:',), DEFAULTS),
    Equivalent('wizard.core.policies.identity.x_producer', ('stmts = [statement("WriteStreams", actions.producer(external=external), arns)]',), ('stmts = [statement("WriteStreams", actions.producer(external=None), arns)]',), DEFAULTS),
    Equivalent('wizard.core.bundle.x_bundle_files', ('def bundle_files(bundle: Bundle, merged: bool = False, formats: Iterable[str] = ()) -> dict[str, str]:',), ('def bundle_files(bundle: Bundle, merged: bool = True, formats: Iterable[str] = ()) -> dict[str, str]:',), DEFAULTS),
    Equivalent('wizard.core.bundle.x_manifest', ('"files": {name: hashlib.sha256(text.encode("utf-8")).hexdigest() for name, text in files.items()},',), ('"files": {name: hashlib.sha256(text.encode("UTF-8")).hexdigest() for name, text in files.items()},',), DEFAULTS),
    # ASCII
    Equivalent('wizard.core.limits.x_to_json', ('return json.dumps(doc, indent=2, ensure_ascii=False) + "\\n"',), ('return json.dumps(doc, indent=2, ensure_ascii=None) + "\\n"',), ASCII),
    # VERSION
    Equivalent('wizard.core.policies.resource_merge.x_merge', ('merged.setdefault("Version", ours.get("Version", "2012-10-17"))',), ('merged.setdefault("Version", ours.get(None, "2012-10-17"))',), VERSION),
    Equivalent('wizard.core.policies.resource_merge.x_merge', ('merged.setdefault("Version", ours.get("Version", "2012-10-17"))',), ('merged.setdefault("Version", ours.get("XXVersionXX", "2012-10-17"))',), VERSION),
    Equivalent('wizard.core.policies.resource_merge.x_merge', ('merged.setdefault("Version", ours.get("Version", "2012-10-17"))',), ('merged.setdefault("Version", ours.get("version", "2012-10-17"))',), VERSION),
    Equivalent('wizard.core.policies.resource_merge.x_merge', ('merged.setdefault("Version", ours.get("Version", "2012-10-17"))',), ('merged.setdefault("Version", ours.get("VERSION", "2012-10-17"))',), VERSION),
    # MANAGED
    Equivalent('wizard.core.access.x_managed_key_policy', ('"Version": "2012-10-17",',), ('"XXVersionXX": "2012-10-17",',), MANAGED),
    Equivalent('wizard.core.access.x_managed_key_policy', ('"Version": "2012-10-17",',), ('"version": "2012-10-17",',), MANAGED),
    Equivalent('wizard.core.access.x_managed_key_policy', ('"Version": "2012-10-17",',), ('"VERSION": "2012-10-17",',), MANAGED),
    Equivalent('wizard.core.access.x_managed_key_policy', ('"Version": "2012-10-17",',), ('"Version": "XX2012-10-17XX",',), MANAGED),
    Equivalent('wizard.core.access.x_managed_key_policy', ('"Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],',), ('"Action": ["XXkms:EncryptXX", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],',), MANAGED),
    Equivalent('wizard.core.access.x_managed_key_policy', ('"Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],',), ('"Action": ["kms:encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],',), MANAGED),
    Equivalent('wizard.core.access.x_managed_key_policy', ('"Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],',), ('"Action": ["KMS:ENCRYPT", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],',), MANAGED),
    Equivalent('wizard.core.access.x_managed_key_policy', ('"Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],',), ('"Action": ["kms:Encrypt", "kms:decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],',), MANAGED),
    Equivalent('wizard.core.access.x_managed_key_policy', ('"Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],',), ('"Action": ["kms:Encrypt", "KMS:DECRYPT", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],',), MANAGED),
    Equivalent('wizard.core.access.x_managed_key_policy', ('"Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],',), ('"Action": ["kms:Encrypt", "kms:Decrypt", "XXkms:ReEncrypt*XX", "kms:GenerateDataKey*", "kms:DescribeKey"],',), MANAGED),
    Equivalent('wizard.core.access.x_managed_key_policy', ('"Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],',), ('"Action": ["kms:Encrypt", "kms:Decrypt", "kms:reencrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],',), MANAGED),
    Equivalent('wizard.core.access.x_managed_key_policy', ('"Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],',), ('"Action": ["kms:Encrypt", "kms:Decrypt", "KMS:REENCRYPT*", "kms:GenerateDataKey*", "kms:DescribeKey"],',), MANAGED),
    Equivalent('wizard.core.access.x_managed_key_policy', ('"Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],',), ('"Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:generatedatakey*", "kms:DescribeKey"],',), MANAGED),
    Equivalent('wizard.core.access.x_managed_key_policy', ('"Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],',), ('"Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "KMS:GENERATEDATAKEY*", "kms:DescribeKey"],',), MANAGED),
    Equivalent('wizard.core.access.x_managed_key_policy', ('"Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],',), ('"Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:describekey"],',), MANAGED),
    Equivalent('wizard.core.access.x_managed_key_policy', ('"Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],',), ('"Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "KMS:DESCRIBEKEY"],',), MANAGED),
    # RENDER
    Equivalent('wizard.core.render.x_render_bundle', ('merge_source: str = "file") -> Bundle:',), ('merge_source: str = "XXfileXX") -> Bundle:',), RENDER),
    Equivalent('wizard.core.render.x_render_bundle', ('merge_source: str = "file") -> Bundle:',), ('merge_source: str = "FILE") -> Bundle:',), RENDER),
    Equivalent('wizard.core.render.x_render_bundle', ('if external and build(r.streams[:1], True) == build(r.streams[:1], False):',), ('if external and build(r.streams[:1], True) == build(r.streams[:1], None):',), RENDER),
    Equivalent('wizard.core.render.x_render_bundle', ('docs.extend(_identity_documents(name, title, local, r.streams, lambda s: build(s, False), problems))',), ('docs.extend(_identity_documents(name, title, local, r.streams, lambda s: build(s, False), None))',), RENDER),
    Equivalent('wizard.core.render.x_render_bundle', ('docs.extend(_identity_documents(name, title, local, r.streams, lambda s: build(s, False), problems))',), ('docs.extend(_identity_documents(name, title, local, r.streams, lambda s: build(s, None), problems))',), RENDER),
    Equivalent('wizard.core.render.x_render_bundle', ('external, r.streams, lambda s: build(s, True), problems))',), ('external, r.streams, lambda s: build(s, True), None))',), RENDER),
    Equivalent('wizard.core.render.x_render_bundle', ('lambda s, ext: identity.producer(r, s, external=ext))',), ('lambda s, ext: identity.producer(r, s, external=None))',), RENDER),
    Equivalent('wizard.core.render.x_render_bundle', ('lambda s, ext: identity.producer(r, s, external=ext))',), ('lambda s, ext: identity.producer(r, s, ))',), RENDER),
    # CONSUMER_DOCS
    Equivalent('wizard.core.render.x__consumer_documents', ('body = consumer_policy.build(r, stream, reader)',), ('body = consumer_policy.build(None, stream, reader)',), CONSUMER_DOCS),
    Equivalent('wizard.core.render.x__consumer_documents', ('if size > limits.RESOURCE_POLICY_BYTES:  # one principal: only a very long path comes near',), ('if size >= limits.RESOURCE_POLICY_BYTES:  # one principal: only a very long path comes near',), CONSUMER_DOCS),
    Equivalent('wizard.core.render.x__consumer_documents', ('problems.append(Problem(principal_field(Principal(reader.given, reader.roles, reader.service)),', 'reader.given, f"its consumer\'s resource policy would be {size:,} bytes, over "', 'f"the Kinesis limit of {limits.RESOURCE_POLICY_BYTES:,}"))'), ('problems.append(None)',), CONSUMER_DOCS),
    Equivalent('wizard.core.render.x__consumer_documents', ('reader.given, f"its consumer\'s resource policy would be {size:,} bytes, over "',), ('None, f"its consumer\'s resource policy would be {size:,} bytes, over "',), CONSUMER_DOCS),
    Equivalent('wizard.core.render.x_render_bundle', ('docs.extend(_consumer_documents(r, problems))',), ('docs.extend(_consumer_documents(r, None))',), CONSUMER_DOCS),
    Equivalent('wizard.core.render.x__consumer_documents', ('problems.append(Problem(principal_field(Principal(reader.given, reader.roles, reader.service)),',), ('problems.append(Problem(None,',), CONSUMER_DOCS),
    Equivalent('wizard.core.render.x__consumer_documents', ('reader.given, f"its consumer\'s resource policy would be {size:,} bytes, over "', 'f"the Kinesis limit of {limits.RESOURCE_POLICY_BYTES:,}"))'), ('reader.given, None))',), CONSUMER_DOCS),
    Equivalent('wizard.core.render.x__consumer_documents', ('problems.append(Problem(principal_field(Principal(reader.given, reader.roles, reader.service)),', 'reader.given, f"its consumer\'s resource policy would be {size:,} bytes, over "'), ('problems.append(Problem(reader.given, f"its consumer\'s resource policy would be {size:,} bytes, over "',), CONSUMER_DOCS),
    Equivalent('wizard.core.render.x__consumer_documents', ('reader.given, f"its consumer\'s resource policy would be {size:,} bytes, over "',), ('f"its consumer\'s resource policy would be {size:,} bytes, over "',), CONSUMER_DOCS),
    Equivalent('wizard.core.render.x__consumer_documents', ('reader.given, f"its consumer\'s resource policy would be {size:,} bytes, over "', 'f"the Kinesis limit of {limits.RESOURCE_POLICY_BYTES:,}"))'), ('reader.given, ))',), CONSUMER_DOCS),
    Equivalent('wizard.core.render.x__consumer_documents', ('problems.append(Problem(principal_field(Principal(reader.given, reader.roles, reader.service)),',), ('problems.append(Problem(principal_field(None),',), CONSUMER_DOCS),
    Equivalent('wizard.core.render.x__consumer_documents', ('problems.append(Problem(principal_field(Principal(reader.given, reader.roles, reader.service)),',), ('problems.append(Problem(principal_field(Principal(None, reader.roles, reader.service)),',), CONSUMER_DOCS),
    Equivalent('wizard.core.render.x__consumer_documents', ('problems.append(Problem(principal_field(Principal(reader.given, reader.roles, reader.service)),',), ('problems.append(Problem(principal_field(Principal(reader.given, None, reader.service)),',), CONSUMER_DOCS),
    Equivalent('wizard.core.render.x__consumer_documents', ('problems.append(Problem(principal_field(Principal(reader.given, reader.roles, reader.service)),',), ('problems.append(Problem(principal_field(Principal(reader.given, reader.roles, None)),',), CONSUMER_DOCS),
    Equivalent('wizard.core.render.x__consumer_documents', ('problems.append(Problem(principal_field(Principal(reader.given, reader.roles, reader.service)),',), ('problems.append(Problem(principal_field(Principal(reader.roles, reader.service)),',), CONSUMER_DOCS),
    Equivalent('wizard.core.render.x__consumer_documents', ('problems.append(Problem(principal_field(Principal(reader.given, reader.roles, reader.service)),',), ('problems.append(Problem(principal_field(Principal(reader.given, reader.service)),',), CONSUMER_DOCS),
    Equivalent('wizard.core.render.x__consumer_documents', ('problems.append(Problem(principal_field(Principal(reader.given, reader.roles, reader.service)),',), ('problems.append(Problem(principal_field(Principal(reader.given, reader.roles, )),',), CONSUMER_DOCS),
    # CHECK_FIX
    Equivalent('wizard.core.diagnose.x__identity_statements', ('resource = f"{r.streams[0].arn}/consumer/*" if op.target == "consumer" else r.streams[0].arn',), ('resource = None',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__identity_statements', ('resource = f"{r.streams[0].arn}/consumer/*" if op.target == "consumer" else r.streams[0].arn',), ('resource = f"{r.streams[0].arn}/consumer/*" if (op.target == "consumer") and False else r.streams[0].arn',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__identity_statements', ('resource = f"{r.streams[0].arn}/consumer/*" if op.target == "consumer" else r.streams[0].arn',), ('resource = f"{r.streams[0].arn}/consumer/*" if (op.target == "consumer") or True else r.streams[0].arn',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__identity_statements', ('resource = f"{r.streams[0].arn}/consumer/*" if op.target == "consumer" else r.streams[0].arn',), ('resource = f"{r.streams[1].arn}/consumer/*" if op.target == "consumer" else r.streams[0].arn',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__identity_statements', ('resource = f"{r.streams[0].arn}/consumer/*" if op.target == "consumer" else r.streams[0].arn',), ('resource = f"{r.streams[0].arn}/consumer/*" if op.target != "consumer" else r.streams[0].arn',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__identity_statements', ('resource = f"{r.streams[0].arn}/consumer/*" if op.target == "consumer" else r.streams[0].arn',), ('resource = f"{r.streams[0].arn}/consumer/*" if op.target == "XXconsumerXX" else r.streams[0].arn',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__identity_statements', ('resource = f"{r.streams[0].arn}/consumer/*" if op.target == "consumer" else r.streams[0].arn',), ('resource = f"{r.streams[0].arn}/consumer/*" if op.target == "CONSUMER" else r.streams[0].arn',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__identity_statements', ('resource = f"{r.streams[0].arn}/consumer/*" if op.target == "consumer" else r.streams[0].arn',), ('resource = f"{r.streams[0].arn}/consumer/*" if op.target == "consumer" else r.streams[1].arn',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__identity_statements', ('return [statement(op.label.replace(" ", ""), [op.action], [resource])]',), ('return [statement(None, [op.action], [resource])]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__identity_statements', ('return [statement(op.label.replace(" ", ""), [op.action], [resource])]',), ('return [statement(op.label.replace(" ", ""), None, [resource])]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__identity_statements', ('return [statement(op.label.replace(" ", ""), [op.action], [resource])]',), ('return [statement(op.label.replace(" ", ""), [op.action], None)]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__identity_statements', ('return [statement(op.label.replace(" ", ""), [op.action], [resource])]',), ('return [statement([op.action], [resource])]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__identity_statements', ('return [statement(op.label.replace(" ", ""), [op.action], [resource])]',), ('return [statement(op.label.replace(" ", ""), [resource])]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__identity_statements', ('return [statement(op.label.replace(" ", ""), [op.action], [resource])]',), ('return [statement(op.label.replace(" ", ""), [op.action], )]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__identity_statements', ('return [statement(op.label.replace(" ", ""), [op.action], [resource])]',), ('return [statement(op.label.replace(None, ""), [op.action], [resource])]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__identity_statements', ('return [statement(op.label.replace(" ", ""), [op.action], [resource])]',), ('return [statement(op.label.replace(" ", None), [op.action], [resource])]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__identity_statements', ('return [statement(op.label.replace(" ", ""), [op.action], [resource])]',), ('return [statement(op.label.replace(""), [op.action], [resource])]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__identity_statements', ('return [statement(op.label.replace(" ", ""), [op.action], [resource])]',), ('return [statement(op.label.replace(" ", ), [op.action], [resource])]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__identity_statements', ('return [statement(op.label.replace(" ", ""), [op.action], [resource])]',), ('return [statement(op.label.replace("XX XX", ""), [op.action], [resource])]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__identity_statements', ('return [statement(op.label.replace(" ", ""), [op.action], [resource])]',), ('return [statement(op.label.replace(" ", "XXXX"), [op.action], [resource])]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__key_statements', ('for s in found[:1]:',), ('for s in found[:2]:',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__key_statements', ('s["Principal"] = {"AWS": p.arn}',), ('s["XXPrincipalXX"] = {"AWS": p.arn}',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__key_statements', ('s["Principal"] = {"AWS": p.arn}',), ('s["principal"] = {"AWS": p.arn}',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__key_statements', ('s["Principal"] = {"AWS": p.arn}',), ('s["PRINCIPAL"] = {"AWS": p.arn}',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__key_statements', ('return out or [statement("AllowKinesisUse", [op.action], ["*"], principals=[p.arn])]',), ('return out or [statement(None, [op.action], ["*"], principals=[p.arn])]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__key_statements', ('return out or [statement("AllowKinesisUse", [op.action], ["*"], principals=[p.arn])]',), ('return out or [statement("AllowKinesisUse", None, ["*"], principals=[p.arn])]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__key_statements', ('return out or [statement("AllowKinesisUse", [op.action], ["*"], principals=[p.arn])]',), ('return out or [statement("AllowKinesisUse", [op.action], None, principals=[p.arn])]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__key_statements', ('return out or [statement("AllowKinesisUse", [op.action], ["*"], principals=[p.arn])]',), ('return out or [statement("AllowKinesisUse", [op.action], ["*"], principals=None)]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__key_statements', ('return out or [statement("AllowKinesisUse", [op.action], ["*"], principals=[p.arn])]',), ('return out or [statement([op.action], ["*"], principals=[p.arn])]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__key_statements', ('return out or [statement("AllowKinesisUse", [op.action], ["*"], principals=[p.arn])]',), ('return out or [statement("AllowKinesisUse", ["*"], principals=[p.arn])]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__key_statements', ('return out or [statement("AllowKinesisUse", [op.action], ["*"], principals=[p.arn])]',), ('return out or [statement("AllowKinesisUse", [op.action], principals=[p.arn])]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__key_statements', ('return out or [statement("AllowKinesisUse", [op.action], ["*"], principals=[p.arn])]',), ('return out or [statement("AllowKinesisUse", [op.action], ["*"], )]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__key_statements', ('return out or [statement("AllowKinesisUse", [op.action], ["*"], principals=[p.arn])]',), ('return out or [statement("XXAllowKinesisUseXX", [op.action], ["*"], principals=[p.arn])]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__key_statements', ('return out or [statement("AllowKinesisUse", [op.action], ["*"], principals=[p.arn])]',), ('return out or [statement("allowkinesisuse", [op.action], ["*"], principals=[p.arn])]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__key_statements', ('return out or [statement("AllowKinesisUse", [op.action], ["*"], principals=[p.arn])]',), ('return out or [statement("ALLOWKINESISUSE", [op.action], ["*"], principals=[p.arn])]',), CHECK_FIX),
    Equivalent('wizard.core.diagnose.x__key_statements', ('return out or [statement("AllowKinesisUse", [op.action], ["*"], principals=[p.arn])]',), ('return out or [statement("AllowKinesisUse", [op.action], ["XX*XX"], principals=[p.arn])]',), CHECK_FIX),
    # diagnose and validate (check's advice, the answers' validation)
    Equivalent('wizard.core.diagnose.x__covering', ('stmt = copy.deepcopy(stmt)',), ('stmt = copy.copy(stmt)',), SHALLOW),
    Equivalent('wizard.core.diagnose.x__fixes', ('same = p.account == (r.key.account if kms else r.account)',), ('same = p.account == (r.key.account if (kms) or True else r.account)',), SAME_ACCOUNT),
    Equivalent('wizard.core.diagnose.x_check_setting', ('policy = Source(MANAGED_POLICY_NAME, managed_key_policy(r.partition, r.region, r.key.account), "key")',), ('policy = Source(MANAGED_POLICY_NAME, managed_key_policy(r.partition, r.region, r.key.account), None)',), MANAGED_SOURCE),
    Equivalent('wizard.core.diagnose.x_check_setting', ('policy = Source(MANAGED_POLICY_NAME, managed_key_policy(r.partition, r.region, r.key.account), "key")',), ('policy = Source(MANAGED_POLICY_NAME, managed_key_policy(r.partition, r.region, r.key.account), "XXkeyXX")',), MANAGED_SOURCE),
    Equivalent('wizard.core.diagnose.x_check_setting', ('policy = Source(MANAGED_POLICY_NAME, managed_key_policy(r.partition, r.region, r.key.account), "key")',), ('policy = Source(MANAGED_POLICY_NAME, managed_key_policy(r.partition, r.region, r.key.account), "KEY")',), MANAGED_SOURCE),
    Equivalent('wizard.core.diagnose.x_check_setting', ('streams = {stream.arn: inputs.stream_policy} if inputs.stream_policy else {}',), ('streams = {stream.arn: inputs.stream_policy} if (inputs.stream_policy) or True else {}',), ABSENT),
    Equivalent('wizard.core.diagnose.x_check_setting', ('if inputs.consumer_policy else {}',), ('if (inputs.consumer_policy) or True else {}',), ABSENT),
    Equivalent('wizard.core.diagnose.x_check_setting', ('consumers = {who.consumer_arn(Stream(stream.name, stream.arn)): inputs.consumer_policy} \\',), ('consumers = {who.consumer_arn(Stream(None, stream.arn)): inputs.consumer_policy} \\',), ABSENT),
    Equivalent('wizard.core.validate.x__resolve_principals', ('problems.append(Problem(field, text, rule or ""))',), ('problems.append(Problem(field, text, rule or "XXXX"))',), RULE_TEXT),
    Equivalent('wizard.core.validate.x_principal_roles_rule', ('for text in (*principal.roles, principal.service or "", principal.consumer_name or ""):',), ('for text in (*principal.roles, principal.service or "XXXX", principal.consumer_name or ""):',), PLAIN_EMPTY),
    Equivalent('wizard.core.validate.x_principal_roles_rule', ('for text in (*principal.roles, principal.service or "", principal.consumer_name or ""):',), ('for text in (*principal.roles, principal.service or "", principal.consumer_name or "XXXX"):',), PLAIN_EMPTY),
    Equivalent('wizard.core.validate.x_resolve', ('problems.append(Problem("stream", text, rule or ""))',), ('problems.append(Problem("stream", text, rule or "XXXX"))',), RULE_TEXT),
    Equivalent('wizard.core.validate.x_resolve', ('PrincipalRef(name, f"arn:{partition}:iam::{account}:role/{name}", account, "role", name, (role,))',), ('PrincipalRef(None, f"arn:{partition}:iam::{account}:role/{name}", account, "role", name, (role,))',), PLACEHOLDERS),
    Equivalent('wizard.core.validate.x_resolve', ('partition = partition_of(region) or ""',), ('partition = partition_of(region) or "XXXX"',), PARTITION),
    Equivalent('wizard.core.validate.x_resolve', ('problems.append(Problem("key", key_text, rule or ""))',), ('problems.append(Problem("key", key_text, rule or "XXXX"))',), RULE_TEXT),
    Equivalent('wizard.core.validate.x_resolve', ('key = KeyRef(key_text, "key-id", account, arn=placeholder)',), ('key = KeyRef(key_text, None, account, arn=placeholder)',), PLACEHOLDERS),
    Equivalent('wizard.core.validate.x_resolve', ('key = KeyRef(key_text, "key-id", account, arn=placeholder)',), ('key = KeyRef(key_text, "XXkey-idXX", account, arn=placeholder)',), PLACEHOLDERS),
    Equivalent('wizard.core.validate.x_resolve', ('key = KeyRef(key_text, "key-id", account, arn=placeholder)',), ('key = KeyRef(key_text, "KEY-ID", account, arn=placeholder)',), PLACEHOLDERS),
    # diagnose._resolve (what check was given)
    Equivalent('wizard.core.diagnose.x__principal_rule', ('return rule or ""',), ('return rule or "XXXX"',), RULE_TEXT),
    Equivalent('wizard.core.diagnose.x__resolve', ('stream = None',), ('stream = ""',), CHECK_INCOMPLETE),
    Equivalent('wizard.core.diagnose.x__resolve', ('if problems or stream is None or principal is None or key is None or place is None:',), ('if problems or stream is None or principal is None or key is None and place is None:',), CHECK_INCOMPLETE),
    Equivalent('wizard.core.diagnose.x__resolve', ('stream, rule = parse_stream(stream_text, partition, region, account)',), ('stream, rule = parse_stream(stream_text, partition, region, None)',), CHECK_OWN_ARN),
    Equivalent('wizard.core.diagnose.x__resolve', ('partition, account = place[::2] if place else (own.group(1), own.group(4))',), ('partition, account = place[::2] if place else (own.group(1), own.group(5))',), CHECK_OWN_ARN),
    Equivalent('wizard.core.diagnose.x__resolve', ('parsed, rule = parse_principal(principal_text, partition, account)',), ('parsed, rule = parse_principal(principal_text, partition, None)',), CHECK_OWN_ARN),
    Equivalent('wizard.core.diagnose.x__resolve', ('problems.append(Problem("key", key_text, rule or ""))',), ('problems.append(Problem("key", key_text, rule or "XXXX"))',), RULE_TEXT),
    Equivalent('wizard.core.diagnose.x__resolve', ('principal = PrincipalRef(principal_text, arn, p_account, kind, name,',), ('principal = PrincipalRef(None, arn, p_account, kind, name,',), CHECK_GIVEN),
    Equivalent('wizard.core.diagnose.x__resolve', ('key = KeyRef("", "unknown", place[2]) if place else None',), ('key = KeyRef(None, "unknown", place[2]) if place else None',), CHECK_GIVEN),
    Equivalent('wizard.core.diagnose.x__resolve', ('key = KeyRef("", "unknown", place[2]) if place else None',), ('key = KeyRef("XXXX", "unknown", place[2]) if place else None',), CHECK_GIVEN),
    Equivalent('wizard.core.diagnose.x__resolve', ('key_place = ("aws", "us-east-1", "000000000000")',), ('key_place = ("XXawsXX", "us-east-1", "000000000000")',), CHECK_FORM_ONLY),
    Equivalent('wizard.core.diagnose.x__resolve', ('key_place = ("aws", "us-east-1", "000000000000")',), ('key_place = ("AWS", "us-east-1", "000000000000")',), CHECK_FORM_ONLY),
    Equivalent('wizard.core.diagnose.x__resolve', ('key_place = ("aws", "us-east-1", "000000000000")',), ('key_place = ("aws", "XXus-east-1XX", "000000000000")',), CHECK_FORM_ONLY),
    Equivalent('wizard.core.diagnose.x__resolve', ('key_place = ("aws", "us-east-1", "000000000000")',), ('key_place = ("aws", "US-EAST-1", "000000000000")',), CHECK_FORM_ONLY),
    Equivalent('wizard.core.diagnose.x__resolve', ('key_place = ("aws", "us-east-1", "000000000000")',), ('key_place = ("aws", "us-east-1", "XX000000000000XX")',), CHECK_FORM_ONLY),
    # --- evaluate.py (helper mut-eval): reasons above, EVAL_* ---
    # EVAL_CACHE
    Equivalent('wizard.core.evaluate.x__applying', ('key = (id(identity), request.action)',), ('key = (id(None), request.action)',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.x__applying', ('entry = _INDEXES.get(key)',), ('entry = None',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.x__applying', ('entry = _INDEXES.get(key)',), ('entry = _INDEXES.get(None)',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.x__applying', ('if entry is None or entry[0] is not identity:',), ('if entry is None or entry[1] is not identity:',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.x__applying', ('if entry is None or entry[0] is not identity:',), ('if entry is None or entry[0] is identity:',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.x__applying', ('if len(_INDEXES) > 10_000:',), ('if len(_INDEXES) >= 10_000:',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.x__applying', ('if len(_INDEXES) > 10_000:',), ('if len(_INDEXES) > 10001:',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.x_full_context', ('cached = request.__dict__.get("_full_context")',), ('cached = None',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.x_full_context', ('cached = request.__dict__.get("_full_context")',), ('cached = request.__dict__.get(None)',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.x_full_context', ('cached = request.__dict__.get("_full_context")',), ('cached = request.__dict__.get("XX_full_contextXX")',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.x_full_context', ('cached = request.__dict__.get("_full_context")',), ('cached = request.__dict__.get("_FULL_CONTEXT")',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.x_full_context', ('request.__dict__["_full_context"] = context  # a frozen dataclass may still keep a cache',), ('request.__dict__["_full_context"] = None  # a frozen dataclass may still keep a cache',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.x_full_context', ('request.__dict__["_full_context"] = context  # a frozen dataclass may still keep a cache',), ('request.__dict__["XX_full_contextXX"] = context  # a frozen dataclass may still keep a cache',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.x_full_context', ('request.__dict__["_full_context"] = context  # a frozen dataclass may still keep a cache',), ('request.__dict__["_FULL_CONTEXT"] = context  # a frozen dataclass may still keep a cache',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.xǁSourceǁapplying', ('cache = self.__dict__.setdefault("_applying", {})',), ('cache = self.__dict__.setdefault(None, {})',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.xǁSourceǁapplying', ('cache = self.__dict__.setdefault("_applying", {})',), ('cache = self.__dict__.setdefault("XX_applyingXX", {})',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.xǁSourceǁapplying', ('cache = self.__dict__.setdefault("_applying", {})',), ('cache = self.__dict__.setdefault("_APPLYING", {})',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.xǁ_Contextǁlookup', ('found = self.found.get(lowered)',), ('found = None',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.xǁ_Contextǁlookup', ('found = self.found.get(lowered)',), ('found = self.found.get(None)',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.xǁ_Contextǁof', ('cached = request.__dict__.get("_context")',), ('cached = None',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.xǁ_Contextǁof', ('cached = request.__dict__.get("_context")',), ('cached = request.__dict__.get(None)',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.xǁ_Contextǁof', ('cached = request.__dict__.get("_context")',), ('cached = request.__dict__.get("XX_contextXX")',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.xǁ_Contextǁof', ('cached = request.__dict__.get("_context")',), ('cached = request.__dict__.get("_CONTEXT")',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.xǁ_Contextǁof', ('cached = request.__dict__["_context"] = _Context(request, full_context(request))',), ('cached = request.__dict__["XX_contextXX"] = _Context(request, full_context(request))',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.xǁ_Contextǁof', ('cached = request.__dict__["_context"] = _Context(request, full_context(request))',), ('cached = request.__dict__["_CONTEXT"] = _Context(request, full_context(request))',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.xǁ_Indexǁapplying', ('found = self.found.get(resource)',), ('found = None',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.xǁ_Indexǁapplying', ('found = self.found.get(resource)',), ('found = self.found.get(None)',), EVAL_CACHE),
    # EVAL_STUB
    Equivalent('wizard.core.evaluate.x_signatures', ('stub = Request("arn:aws:iam::000000000000:role/stub", "stub:Stub", "")',), ('stub = None',), EVAL_STUB),
    Equivalent('wizard.core.evaluate.x_signatures', ('stub = Request("arn:aws:iam::000000000000:role/stub", "stub:Stub", "")',), ('stub = Request(None, "stub:Stub", "")',), EVAL_STUB),
    Equivalent('wizard.core.evaluate.x_signatures', ('stub = Request("arn:aws:iam::000000000000:role/stub", "stub:Stub", "")',), ('stub = Request("arn:aws:iam::000000000000:role/stub", None, "")',), EVAL_STUB),
    Equivalent('wizard.core.evaluate.x_signatures', ('stub = Request("arn:aws:iam::000000000000:role/stub", "stub:Stub", "")',), ('stub = Request("arn:aws:iam::000000000000:role/stub", "stub:Stub", None)',), EVAL_STUB),
    Equivalent('wizard.core.evaluate.x_signatures', ('stub = Request("arn:aws:iam::000000000000:role/stub", "stub:Stub", "")',), ('stub = Request("XXarn:aws:iam::000000000000:role/stubXX", "stub:Stub", "")',), EVAL_STUB),
    Equivalent('wizard.core.evaluate.x_signatures', ('stub = Request("arn:aws:iam::000000000000:role/stub", "stub:Stub", "")',), ('stub = Request("ARN:AWS:IAM::000000000000:ROLE/STUB", "stub:Stub", "")',), EVAL_STUB),
    Equivalent('wizard.core.evaluate.x_signatures', ('stub = Request("arn:aws:iam::000000000000:role/stub", "stub:Stub", "")',), ('stub = Request("arn:aws:iam::000000000000:role/stub", "XXstub:StubXX", "")',), EVAL_STUB),
    Equivalent('wizard.core.evaluate.x_signatures', ('stub = Request("arn:aws:iam::000000000000:role/stub", "stub:Stub", "")',), ('stub = Request("arn:aws:iam::000000000000:role/stub", "stub:stub", "")',), EVAL_STUB),
    Equivalent('wizard.core.evaluate.x_signatures', ('stub = Request("arn:aws:iam::000000000000:role/stub", "stub:Stub", "")',), ('stub = Request("arn:aws:iam::000000000000:role/stub", "STUB:STUB", "")',), EVAL_STUB),
    Equivalent('wizard.core.evaluate.x_signatures', ('stub = Request("arn:aws:iam::000000000000:role/stub", "stub:Stub", "")',), ('stub = Request("arn:aws:iam::000000000000:role/stub", "stub:Stub", "XXXX")',), EVAL_STUB),
    Equivalent('wizard.core.evaluate.x_signatures', ('per_subject.append(lambda _r, v, cond=cond: cond.test(_Context(stub, {key: v})).value)',), ('per_subject.append(lambda _r, v, cond=cond: cond.test(_Context(None, {key: v})).value)',), EVAL_STUB),
    # EVAL_NUMBERS
    Equivalent('wizard.core.evaluate.x_signatures', ('element = 0',), ('element = 1',), EVAL_NUMBERS),
    Equivalent('wizard.core.evaluate.x_signatures', ('element += 1',), ('element += 2',), EVAL_NUMBERS),
    Equivalent('wizard.core.evaluate.xǁ_Indexǁ__init__', ('position = 0',), ('position = 1',), EVAL_NUMBERS),
    Equivalent('wizard.core.evaluate.xǁ_Indexǁ__init__', ('position += 1',), ('position += 2',), EVAL_NUMBERS),
    Equivalent('wizard.core.evaluate.xǁ_Indexǁapplying', ('found = self.found[resource] = [s for _, s in sorted(hits, key=lambda hit: hit[0])]',), ('found = self.found[resource] = [s for _, s in sorted(hits, key=None)]',), EVAL_NUMBERS),
    Equivalent('wizard.core.evaluate.xǁ_Indexǁapplying', ('found = self.found[resource] = [s for _, s in sorted(hits, key=lambda hit: hit[0])]',), ('found = self.found[resource] = [s for _, s in sorted(hits, )]',), EVAL_NUMBERS),
    # EVAL_SIGNATURES
    Equivalent('wizard.core.evaluate.x_signatures', ('other = tuple(p for p in compiled.other if p != "*")  # "*" says the same of every subject',), ('other = tuple(p for p in compiled.other if p != "XX*XX")  # "*" says the same of every subject',), EVAL_SIGNATURES),
    Equivalent('wizard.core.evaluate.x_signatures', ('compiled = _by_id(wanted, _compile_values) if str(op) in ("StringEquals", "StringNotEquals") \\', 'and all(isinstance(w, str) for w in _as_list(wanted)) else None'), ('compiled = None',), EVAL_SIGNATURES),
    Equivalent('wizard.core.evaluate.x_signatures', ('compiled = _by_id(wanted, _compile_values) if str(op) in ("StringEquals", "StringNotEquals") \\', 'and all(isinstance(w, str) for w in _as_list(wanted)) else None'), ('compiled = _by_id(wanted, _compile_values) if (str(op) in ("StringEquals", "StringNotEquals") \\', 'and all(isinstance(w, str) for w in _as_list(wanted))) and False else None'), EVAL_SIGNATURES),
    Equivalent('wizard.core.evaluate.x_signatures', ('compiled = _by_id(wanted, _compile_values) if str(op) in ("StringEquals", "StringNotEquals") \\',), ('compiled = _by_id(None, _compile_values) if str(op) in ("StringEquals", "StringNotEquals") \\',), EVAL_SIGNATURES),
    Equivalent('wizard.core.evaluate.x_signatures', ('compiled = _by_id(wanted, _compile_values) if str(op) in ("StringEquals", "StringNotEquals") \\',), ('compiled = _by_id(wanted, _compile_values) if str(None) in ("StringEquals", "StringNotEquals") \\',), EVAL_SIGNATURES),
    Equivalent('wizard.core.evaluate.x_signatures', ('compiled = _by_id(wanted, _compile_values) if str(op) in ("StringEquals", "StringNotEquals") \\',), ('compiled = _by_id(wanted, _compile_values) if str(op) in ("XXStringEqualsXX", "StringNotEquals") \\',), EVAL_SIGNATURES),
    Equivalent('wizard.core.evaluate.x_signatures', ('compiled = _by_id(wanted, _compile_values) if str(op) in ("StringEquals", "StringNotEquals") \\',), ('compiled = _by_id(wanted, _compile_values) if str(op) in ("stringequals", "StringNotEquals") \\',), EVAL_SIGNATURES),
    Equivalent('wizard.core.evaluate.x_signatures', ('compiled = _by_id(wanted, _compile_values) if str(op) in ("StringEquals", "StringNotEquals") \\',), ('compiled = _by_id(wanted, _compile_values) if str(op) in ("STRINGEQUALS", "StringNotEquals") \\',), EVAL_SIGNATURES),
    Equivalent('wizard.core.evaluate.x_signatures', ('compiled = _by_id(wanted, _compile_values) if str(op) in ("StringEquals", "StringNotEquals") \\',), ('compiled = _by_id(wanted, _compile_values) if str(op) in ("StringEquals", "XXStringNotEqualsXX") \\',), EVAL_SIGNATURES),
    Equivalent('wizard.core.evaluate.x_signatures', ('compiled = _by_id(wanted, _compile_values) if str(op) in ("StringEquals", "StringNotEquals") \\',), ('compiled = _by_id(wanted, _compile_values) if str(op) in ("StringEquals", "stringnotequals") \\',), EVAL_SIGNATURES),
    Equivalent('wizard.core.evaluate.x_signatures', ('compiled = _by_id(wanted, _compile_values) if str(op) in ("StringEquals", "StringNotEquals") \\',), ('compiled = _by_id(wanted, _compile_values) if str(op) in ("StringEquals", "STRINGNOTEQUALS") \\',), EVAL_SIGNATURES),
    Equivalent('wizard.core.evaluate.x_signatures', ('and all(isinstance(w, str) for w in _as_list(wanted)) else None',), ('and all(isinstance(w, str) for w in _as_list(None)) else None',), EVAL_SIGNATURES),
    # EVAL_IFEXISTS
    Equivalent('wizard.core.evaluate.xǁ_Conditionǁ__init__', ('self.if_exists = op.endswith("IfExists") and op != "IfExists"',), ('self.if_exists = op.endswith("IfExists") and op != "XXIfExistsXX"',), EVAL_IFEXISTS),
    Equivalent('wizard.core.evaluate.xǁ_Conditionǁ__init__', ('self.if_exists = op.endswith("IfExists") and op != "IfExists"',), ('self.if_exists = op.endswith("IfExists") and op != "ifexists"',), EVAL_IFEXISTS),
    Equivalent('wizard.core.evaluate.xǁ_Conditionǁ__init__', ('self.if_exists = op.endswith("IfExists") and op != "IfExists"',), ('self.if_exists = op.endswith("IfExists") and op != "IFEXISTS"',), EVAL_IFEXISTS),
    Equivalent('wizard.core.evaluate.xǁ_Conditionǁ__init__', ('self.base = op.removesuffix("IfExists") if self.if_exists else op',), ('self.base = op.removesuffix("IfExists") if (self.if_exists) or True else op',), EVAL_IFEXISTS),
    # EVAL_DEFAULTS
    Equivalent('wizard.core.evaluate.xǁ_Conditionǁ__init__', ('self.values: tuple[str, ...] = ()',), ('self.values: tuple[str, ...] = None',), EVAL_DEFAULTS),
    Equivalent('wizard.core.evaluate.xǁ_Conditionǁ__init__', ('self.exact: frozenset[str] = frozenset()',), ('self.exact: frozenset[str] = None',), EVAL_DEFAULTS),
    Equivalent('wizard.core.evaluate.xǁ_Conditionǁ__init__', ('self.folded: frozenset[str] = frozenset()',), ('self.folded: frozenset[str] = None',), EVAL_DEFAULTS),
    Equivalent('wizard.core.evaluate.xǁ_Conditionǁ__init__', ('self.null_bad = False',), ('self.null_bad = None',), EVAL_DEFAULTS),
    Equivalent('wizard.core.evaluate.xǁ_Conditionǁ__init__', ('self.null_bad = False',), ('self.null_bad = True',), EVAL_DEFAULTS),
    Equivalent('wizard.core.evaluate.xǁ_Conditionǁ__init__', ('self.want = ""',), ('self.want = None',), EVAL_DEFAULTS),
    Equivalent('wizard.core.evaluate.xǁ_Conditionǁ__init__', ('self.want = ""',), ('self.want = "XXXX"',), EVAL_DEFAULTS),
    # EVAL_LOOKUP
    Equivalent('wizard.core.evaluate.xǁ_Contextǁ_lookup', ('return _Lookup(False)',), ('return _Lookup(None)',), EVAL_LOOKUP),
    Equivalent('wizard.core.evaluate.xǁ_Contextǁ_lookup', ('return _Lookup(False, known=False)',), ('return _Lookup(None, known=False)',), EVAL_LOOKUP),
    Equivalent('wizard.core.evaluate.xǁ_Contextǁ_lookup', ('return _Lookup(False, known=False)',), ('return _Lookup(False, known=None)',), EVAL_LOOKUP),
    Equivalent('wizard.core.evaluate.xǁ_Contextǁ_lookup', ('return _Lookup(False, known=False)',), ('return _Lookup(True, known=False)',), EVAL_LOOKUP),
    # EVAL_NOT_A_POLICY
    Equivalent('wizard.core.evaluate.xǁ_NotAPolicyǁ__init__', ('self.result = StatementResult(f"{source.name}#", "", None, failed="statement",',), ('self.result = StatementResult(f"{source.name}#", None, None, failed="statement",',), EVAL_NOT_A_POLICY),
    Equivalent('wizard.core.evaluate.xǁ_NotAPolicyǁ__init__', ('self.result = StatementResult(f"{source.name}#", "", None, failed="statement",',), ('self.result = StatementResult(f"{source.name}#", "XXXX", None, failed="statement",',), EVAL_NOT_A_POLICY),
    # EVAL_QUICK
    Equivalent('wizard.core.evaluate.xǁ_Statementǁruled_out', ('if not self.quick:',), ('if self.quick:',), EVAL_QUICK),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁruled_out', ('return True',), ('return False',), EVAL_QUICK),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁmay_apply', ('matched = self._resources(resource, ())',), ('matched = self._resources(resource, None)',), EVAL_QUICK),
    # SCOPE
    Equivalent('wizard.core.evaluate.x__principal_scope', ('if entry == "*":',), ('if entry == "XX*XX":',), SCOPE),
    # EVAL_INDEX
    Equivalent('wizard.core.evaluate.xǁ_Indexǁ__init__', ('patterns = stmt.patterns',), ('patterns = None',), EVAL_INDEX),
    Equivalent('wizard.core.evaluate.xǁ_Indexǁ__init__', ('if stmt.resource_name == "Resource" and stmt.early is None and stmt.late is None \\',), ('if stmt.resource_name == "XXResourceXX" and stmt.early is None and stmt.late is None \\',), EVAL_INDEX),
    Equivalent('wizard.core.evaluate.xǁ_Indexǁ__init__', ('if stmt.resource_name == "Resource" and stmt.early is None and stmt.late is None \\',), ('if stmt.resource_name == "resource" and stmt.early is None and stmt.late is None \\',), EVAL_INDEX),
    Equivalent('wizard.core.evaluate.xǁ_Indexǁ__init__', ('if stmt.resource_name == "Resource" and stmt.early is None and stmt.late is None \\',), ('if stmt.resource_name == "RESOURCE" and stmt.early is None and stmt.late is None \\',), EVAL_INDEX),
    Equivalent('wizard.core.evaluate.xǁ_Indexǁ__init__', ('and patterns is not None and not patterns.odd and not patterns.prefixes and not patterns.other:',), ('and patterns is None and not patterns.odd and not patterns.prefixes and not patterns.other:',), EVAL_INDEX),
    # EVAL_PREFIX, EVAL_ACTION and more (found by reading the file, not yet in a survivors list)
    Equivalent('wizard.core.evaluate.x__is_prefix', ('return pattern.endswith("*") and "*" not in body and "?" not in body and body.count(":") >= 5',), ('return pattern.endswith("*") and "*" not in body and "?" not in body and body.count(":") > 5',), EVAL_PREFIX),
    Equivalent('wizard.core.evaluate.x__is_prefix', ('return pattern.endswith("*") and "*" not in body and "?" not in body and body.count(":") >= 5',), ('return pattern.endswith("*") and "*" not in body and "?" not in body and body.count(":") >= 6',), EVAL_PREFIX),
    Equivalent('wizard.core.evaluate.x_arn_matches', ('return all(glob_match(p, a) for p, a in zip(p_parts, a_parts, strict=True))',), ('return all(glob_match(p, a) for p, a in zip(p_parts, a_parts, strict=False))',), EVAL_PREFIX),
    Equivalent('wizard.core.evaluate.x__by_id', ('if entry is not None and entry[0] is raw:',), ('if entry is not None and entry[0] is not raw:',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.x__by_id', ('if entry is not None and entry[0] is raw:',), ('if entry is not None and entry[1] is raw:',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.x__by_id', ('if len(_BY_ID) > 50_000:',), ('if len(_BY_ID) >= 50_000:',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.x__by_id', ('if len(_BY_ID) > 50_000:',), ('if len(_BY_ID) > 50001:',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.x__by_id', ('entry = _BY_ID.get(key)',), ('entry = None',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.x__by_id', ('entry = _BY_ID.get(key)',), ('entry = _BY_ID.get(None)',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.x__by_id', ('key = (id(raw), compile_)',), ('key = (id(None), compile_)',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁ__init__', ('self.malformed_action = True',), ('self.malformed_action = False',), EVAL_ACTION),
    Equivalent('wizard.core.evaluate.x_evaluate', ('if len(likely) < len(applying):',), ('if len(likely) <= len(applying):',), EVAL_QUICK),
    # EVAL_UNSHOWN (the Principal branch's own 'principal' scope is pinned: a role named directly)
    Equivalent('wizard.core.evaluate.x_principal_matches', ('return _PrincipalMatch(True, "principal")',), ('return _PrincipalMatch(True, "XXprincipalXX")',), EVAL_UNSHOWN),
    Equivalent('wizard.core.evaluate.x_principal_matches', ('return _PrincipalMatch(True, "principal")',), ('return _PrincipalMatch(True, "PRINCIPAL")',), EVAL_UNSHOWN),
    Equivalent('wizard.core.evaluate.x_principal_matches', ('return _PrincipalMatch(False, detail="NotPrincipal exempts this principal and its account")',), ('return _PrincipalMatch(False, detail="XXNotPrincipal exempts this principal and its accountXX")',), EVAL_UNSHOWN),
    Equivalent('wizard.core.evaluate.x_principal_matches', ('return _PrincipalMatch(False, detail="NotPrincipal exempts this principal and its account")',), ('return _PrincipalMatch(False, detail="notprincipal exempts this principal and its account")',), EVAL_UNSHOWN),
    Equivalent('wizard.core.evaluate.x_principal_matches', ('return _PrincipalMatch(False, detail="NotPrincipal exempts this principal and its account")',), ('return _PrincipalMatch(False, detail="NOTPRINCIPAL EXEMPTS THIS PRINCIPAL AND ITS ACCOUNT")',), EVAL_UNSHOWN),
    Equivalent('wizard.core.evaluate.x_principal_matches', ('return _PrincipalMatch(False, detail="NotPrincipal exempts this principal and its account")',), ('return _PrincipalMatch(False, detail=None)',), EVAL_UNSHOWN),
    Equivalent('wizard.core.evaluate.x_principal_matches', ('return _PrincipalMatch(False, detail="NotPrincipal exempts this principal and its account")',), ('return _PrincipalMatch(False, )',), EVAL_UNSHOWN),
]

# --- access.py, access_text.py, bundle.py, bundle_folder.py, render.py, regions.py, merge.py (mut-rest) ---

FAN_OUT_FLAG = ("access.needs: actions.consumer only tests `fan_out` for truth, so fan_out=None asks for what "
                "fan_out=False does")

NUMBER_AFTER = ("regions._number_after: '' and 'XXXX' are both not digits, so both give None; and the rest of a code "
                "after a start that does not end in '-' is digits only when it starts with '-': every Region code in the "
                "table ends in '-' and one digit, its only digit")

REMOVE_ORDER = ("bundle_folder._remove_tree removes children before their parents by sorting deepest first; sorting the "
                "(path, stat) pairs by path alone, reversed, does the same, since a path's descendants all start with "
                "it and so sort after it (paths are unique, so the stat results are never compared)")

EQUIVALENTS += [
    # REMOVE_ORDER
    Equivalent('wizard.core.bundle_folder.x__remove_tree', ('for rel, info in sorted(_walk(root), key=lambda item: item[0].count("/"), reverse=True):',), ('for rel, info in sorted(_walk(root), key=None, reverse=True):',), REMOVE_ORDER),
    Equivalent('wizard.core.bundle_folder.x__remove_tree', ('for rel, info in sorted(_walk(root), key=lambda item: item[0].count("/"), reverse=True):',), ('for rel, info in sorted(_walk(root), reverse=True):',), REMOVE_ORDER),
    # NUMBER_AFTER
    Equivalent('wizard.core.regions.x__number_after', ('digits = rest if start.endswith("-") else rest.removeprefix("-") if rest.startswith("-") else ""',), ('digits = rest if start.endswith("-") else rest.removeprefix("-") if (rest.startswith("-")) or True else ""',), NUMBER_AFTER),
    Equivalent('wizard.core.regions.x__number_after', ('digits = rest if start.endswith("-") else rest.removeprefix("-") if rest.startswith("-") else ""',), ('digits = rest if start.endswith("-") else rest.removeprefix("-") if rest.startswith("-") else "XXXX"',), NUMBER_AFTER),
    # FAN_OUT_FLAG
    Equivalent('wizard.core.access.x_needs', ('on_stream, _ = actions.consumer(service, fan_out=False)',), ('on_stream, _ = actions.consumer(service, fan_out=None)',), FAN_OUT_FLAG),
]

# --- access_text.py, regions.py, access.py (managed key), exports/terraform.py (mut-rest2) ---

CITED_INDEX = ("access_text.citations: a statement without a Sid is cited as FILE#[N], whose only spaces are the file "
               "name's, and the file name itself is always kept whole too; so which N (or None) its own entry names "
               "changes no place a line may break")
CITED_KEYS = "access_text.citations: only the dict's keys are returned (tuple(out)); the values are never read"
GLUE_FILTER = ("access_text.wrap: gluing a kept text that has no space, or that is not in the line, replaces nothing "
               "(a replacement only turns spaces into the glue, so no text with spaces can newly appear)")
WRAP_FLAGS = ("access_text.wrap: textwrap reads break_long_words for truth and uses the hyphen-splitting pattern only "
              "when break_on_hyphens is True, so None acts as False for both")
FIRST_PRINCIPAL = ("access_text.text: `current` starts as a value no principal's ARN equals; every ARN (the bundle's "
                   "principals, validated, and the two strangers) is a non-empty string, so None and \"\" both do")
NO_CITED = ("access_text.cited_lines: the default only applies when nothing is cited, and then no line is returned "
            "whatever the column")
BEST_MATCH = ("regions.closest_region: get_close_matches returns the best matches best first (heapq.nlargest on score, "
              "then the string), so its first is the same whether it is asked for 1, 2 or 3")
KEY_ID_PART = ("exports.terraform._key_blocks: a key ARN (validated: key/ and a key id, which has no '/') has exactly "
               "one '/', so the part after it is both [1] and [-1]")

EQUIVALENTS += [
    # CITED_INDEX
    Equivalent('wizard.core.access_text.x_citations', ('for index, stmt in enumerate(statements(source.body) or [], start=1):',), ('for index, stmt in enumerate(statements(source.body) or [], ):',), CITED_INDEX),
    Equivalent('wizard.core.access_text.x_citations', ('for index, stmt in enumerate(statements(source.body) or [], start=1):',), ('for index, stmt in enumerate(statements(source.body) or [], start=2):',), CITED_INDEX),
    Equivalent('wizard.core.access_text.x_citations', ('out[visible(statement_ref(source, stmt, index))] = None',), ('out[visible(statement_ref(source, stmt, None))] = None',), CITED_INDEX),
    # CITED_KEYS
    Equivalent('wizard.core.access_text.x_citations', ('out[visible(source.name)] = None',), ('out[visible(source.name)] = ""',), CITED_KEYS),
    Equivalent('wizard.core.access_text.x_citations', ('out[visible(statement_ref(source, stmt, index))] = None',), ('out[visible(statement_ref(source, stmt, index))] = ""',), CITED_KEYS),
    # GLUE_FILTER
    Equivalent('wizard.core.access_text.x_wrap', ('for text in sorted((k for k in keep if " " in k and k in line), key=len, reverse=True):',), ('for text in sorted((k for k in keep if " " in k or k in line), key=len, reverse=True):',), GLUE_FILTER),
    # WRAP_FLAGS
    Equivalent('wizard.core.access_text.x_wrap', ('break_long_words=False, break_on_hyphens=False) or [line]',), ('break_long_words=None, break_on_hyphens=False) or [line]',), WRAP_FLAGS),
    Equivalent('wizard.core.access_text.x_wrap', ('break_long_words=False, break_on_hyphens=False) or [line]',), ('break_long_words=False, break_on_hyphens=None) or [line]',), WRAP_FLAGS),
    # FIRST_PRINCIPAL
    Equivalent('wizard.core.access_text.x_text', ('current = None',), ('current = ""',), FIRST_PRINCIPAL),
    # NO_CITED
    Equivalent('wizard.core.access_text.x_cited_lines', ('longest = max((len(c) for c in cited), default=0)',), ('longest = max((len(c) for c in cited), default=1)',), NO_CITED),
    # BEST_MATCH
    Equivalent('wizard.core.regions.x_closest_region', ('close = get_close_matches(needle, BY_CODE, n=1, cutoff=0.75)',), ('close = get_close_matches(needle, BY_CODE, cutoff=0.75)',), BEST_MATCH),
    Equivalent('wizard.core.regions.x_closest_region', ('close = get_close_matches(needle, BY_CODE, n=1, cutoff=0.75)',), ('close = get_close_matches(needle, BY_CODE, n=2, cutoff=0.75)',), BEST_MATCH),
    Equivalent('wizard.core.regions.x_closest_region', ('close = get_close_matches(needle, names, n=1, cutoff=0.75)',), ('close = get_close_matches(needle, names, cutoff=0.75)',), BEST_MATCH),
    Equivalent('wizard.core.regions.x_closest_region', ('close = get_close_matches(needle, names, n=1, cutoff=0.75)',), ('close = get_close_matches(needle, names, n=2, cutoff=0.75)',), BEST_MATCH),
    # MANAGED
    Equivalent('wizard.core.access.x_managed_key_policy', ('"Action": ["kms:Describe*", "kms:Get*", "kms:List*"], "Resource": "*"},',), ('"Action": ["kms:describe*", "kms:Get*", "kms:List*"], "Resource": "*"},',), MANAGED),
    Equivalent('wizard.core.access.x_managed_key_policy', ('"Action": ["kms:Describe*", "kms:Get*", "kms:List*"], "Resource": "*"},',), ('"Action": ["KMS:DESCRIBE*", "kms:Get*", "kms:List*"], "Resource": "*"},',), MANAGED),
    Equivalent('wizard.core.access.x_managed_key_policy', ('"Action": ["kms:Describe*", "kms:Get*", "kms:List*"], "Resource": "*"},',), ('"Action": ["kms:Describe*", "kms:get*", "kms:List*"], "Resource": "*"},',), MANAGED),
    Equivalent('wizard.core.access.x_managed_key_policy', ('"Action": ["kms:Describe*", "kms:Get*", "kms:List*"], "Resource": "*"},',), ('"Action": ["kms:Describe*", "KMS:GET*", "kms:List*"], "Resource": "*"},',), MANAGED),
    Equivalent('wizard.core.access.x_managed_key_policy', ('"Action": ["kms:Describe*", "kms:Get*", "kms:List*"], "Resource": "*"},',), ('"Action": ["kms:Describe*", "kms:Get*", "kms:list*"], "Resource": "*"},',), MANAGED),
    Equivalent('wizard.core.access.x_managed_key_policy', ('"Action": ["kms:Describe*", "kms:Get*", "kms:List*"], "Resource": "*"},',), ('"Action": ["kms:Describe*", "kms:Get*", "KMS:LIST*"], "Resource": "*"},',), MANAGED),
    # KEY_ID_PART
    Equivalent('wizard.core.exports.terraform.x__key_blocks', ('key_id = hcl.string(r.key.arn.split("/")[-1])  # key/<id>: the ID, in the key\'s own account',), ('key_id = hcl.string(r.key.arn.split("/")[+1])  # key/<id>: the ID, in the key\'s own account',), KEY_ID_PART),
]

# --- bundle_folder.py: _copy_identity, _sweep, _Carry (mut-folder) ---

CHOWN_LINK = ("bundle_folder._copy_identity: `dest` is always a real folder this run has just made (the new folder, or "
              "one it carries into with mkdir), never a symbolic link, so chown's follow_symlinks changes nothing")
CHOWN_SAME = ("bundle_folder._copy_identity: chown runs only when owner or group differ; passing the unchanged id "
              "instead of -1 sets it to what it already is (allowed to any owner, and a folder's set-id bits are "
              "not cleared by chown; its mode is set after anyway)")
XATTR_LINK = ("bundle_folder._copy_identity: `src` and `dest` are real folders (the bundle's folder, resolved, or "
              "folders found by scandir without following links), so following links or not reads and writes the "
              "same attributes; follow_symlinks=None is read as false, like False")
SWEEP_ORDER = ("bundle_folder._sweep removes folders children first by sorting deepest first; sorting the paths "
               "themselves, reversed, does the same, since a folder's path sorts before every path inside it")
NO_EMPTY_REL = ("bundle_folder._Carry: the relative path of a carried entry is never '' (the top folder is walked with "
                "rel '' but never listed among the folders), so '' in new_dirs/ours_dirs is never asked about; and "
                "rel None at the top is falsy like '', giving the same names")
FALSE_NONE = "bundle_folder._Carry: follow_symlinks=None is read as false by os.link and DirEntry.stat, like False"
TAKEN_ADD = ("bundle_folder._Carry._folder: every name a clash is kept under is NAME.orig or NAME.orig-N, and two "
             "different clashing names can never be given the same such name; every other name is already in "
             "`taken`, so adding the chosen one changes no later choice")
LINUX_LINK = ("bundle_folder._Carry._link: on Linux (where the mutation run and the tests run) CPython's os.link "
              "never follows a symbolic link, whatever follow_symlinks says (link(2) does not follow); a user's link "
              "is carried as the link either way (test_force_replaces_ours_and_keeps_the_users checks it). It matters "
              "on BSD and macOS only")

EQUIVALENTS += [
    # CHOWN_LINK
    Equivalent('wizard.core.bundle_folder.x__copy_identity', ('old.st_gid if new.st_gid != old.st_gid else -1, follow_symlinks=False)',), ('old.st_gid if new.st_gid != old.st_gid else -1, follow_symlinks=None)',), CHOWN_LINK),
    Equivalent('wizard.core.bundle_folder.x__copy_identity', ('old.st_gid if new.st_gid != old.st_gid else -1, follow_symlinks=False)',), ('old.st_gid if new.st_gid != old.st_gid else -1, )',), CHOWN_LINK),
    Equivalent('wizard.core.bundle_folder.x__copy_identity', ('old.st_gid if new.st_gid != old.st_gid else -1, follow_symlinks=False)',), ('old.st_gid if new.st_gid != old.st_gid else -1, follow_symlinks=True)',), CHOWN_LINK),
    # CHOWN_SAME
    Equivalent('wizard.core.bundle_folder.x__copy_identity', ('os.chown(dest, old.st_uid if new.st_uid != old.st_uid else -1,',), ('os.chown(dest, old.st_uid if (new.st_uid != old.st_uid) or True else -1,',), CHOWN_SAME),
    Equivalent('wizard.core.bundle_folder.x__copy_identity', ('old.st_gid if new.st_gid != old.st_gid else -1, follow_symlinks=False)',), ('old.st_gid if (new.st_gid != old.st_gid) or True else -1, follow_symlinks=False)',), CHOWN_SAME),
    # XATTR_LINK
    Equivalent('wizard.core.bundle_folder.x__copy_identity', ('for attr in os.listxattr(src, follow_symlinks=False):',), ('for attr in os.listxattr(src, follow_symlinks=None):',), XATTR_LINK),
    Equivalent('wizard.core.bundle_folder.x__copy_identity', ('for attr in os.listxattr(src, follow_symlinks=False):',), ('for attr in os.listxattr(src, ):',), XATTR_LINK),
    Equivalent('wizard.core.bundle_folder.x__copy_identity', ('for attr in os.listxattr(src, follow_symlinks=False):',), ('for attr in os.listxattr(src, follow_symlinks=True):',), XATTR_LINK),
    Equivalent('wizard.core.bundle_folder.x__copy_identity', ('os.setxattr(dest, attr, os.getxattr(src, attr, follow_symlinks=False), follow_symlinks=False)',), ('os.setxattr(dest, attr, os.getxattr(src, attr, follow_symlinks=False), follow_symlinks=None)',), XATTR_LINK),
    # SWEEP_ORDER
    Equivalent('wizard.core.bundle_folder.x__sweep', ('for path in sorted(folders, key=lambda p: len(p.parts), reverse=True):',), ('for path in sorted(folders, key=None, reverse=True):',), SWEEP_ORDER),
    Equivalent('wizard.core.bundle_folder.x__sweep', ('for path in sorted(folders, key=lambda p: len(p.parts), reverse=True):',), ('for path in sorted(folders, reverse=True):',), SWEEP_ORDER),
    # NO_EMPTY_REL
    Equivalent('wizard.core.bundle_folder.xǁ_Carryǁ__init__', ('self.new_dirs = {"/".join(n.split("/")[:i]) for n in files for i in range(1, n.count("/") + 1)}',), ('self.new_dirs = {"/".join(n.split("/")[:i]) for n in files for i in range(n.count("/") + 1)}',), NO_EMPTY_REL),
    Equivalent('wizard.core.bundle_folder.xǁ_Carryǁ__init__', ('for i in range(1, n.count("/") + 1)}',), ('for i in range(n.count("/") + 1)}',), NO_EMPTY_REL),
    Equivalent('wizard.core.bundle_folder.xǁ_Carryǁrun', ('self._folder(self.old, "", self.new)',), ('self._folder(self.old, None, self.new)',), NO_EMPTY_REL),
    # FALSE_NONE
    Equivalent('wizard.core.bundle_folder.xǁ_Carryǁ_folder', ('info = entry.stat(follow_symlinks=False)',), ('info = entry.stat(follow_symlinks=None)',), FALSE_NONE),
    Equivalent('wizard.core.bundle_folder.xǁ_Carryǁ_link', ('os.link(src, dest, follow_symlinks=False)',), ('os.link(src, dest, follow_symlinks=None)',), FALSE_NONE),
    # TAKEN_ADD
    Equivalent('wizard.core.bundle_folder.xǁ_Carryǁ_folder', ('taken.add(name)',), ('taken.add(None)',), TAKEN_ADD),
    # LINUX_LINK
    Equivalent('wizard.core.bundle_folder.xǁ_Carryǁ_link', ('os.link(src, dest, follow_symlinks=False)',), ('os.link(src, dest, )',), LINUX_LINK),
    Equivalent('wizard.core.bundle_folder.xǁ_Carryǁ_link', ('os.link(src, dest, follow_symlinks=False)',), ('os.link(src, dest, follow_symlinks=True)',), LINUX_LINK),
]

# --- exports/yaml_text.py (mut-folder) ---

BEYOND_UNICODE = "yaml_text._printable: no character is above U+10FFFF, so the range's end bound is never reached"
ESCAPE_BOUND = ("yaml_text.quoted: the characters outside YAML's printable set are U+0000-001F, U+007F-009F and "
                "others from U+2028 up; none is U+00FF or U+0100, so where between them the \\x form stops is the same")

EQUIVALENTS += [
    Equivalent('wizard.core.exports.yaml_text.x__printable', ('or 0x10000 <= code <= 0x10FFFF) and char not in "\\u2028\\u2029\\ufeff"',), ('or 0x10000 <= code <= 1114112) and char not in "\\u2028\\u2029\\ufeff"',), BEYOND_UNICODE),
    Equivalent('wizard.core.exports.yaml_text.x_quoted', ('elif ord(char) <= 0xFF:',), ('elif ord(char) < 0xFF:',), ESCAPE_BOUND),
    Equivalent('wizard.core.exports.yaml_text.x_quoted', ('elif ord(char) <= 0xFF:',), ('elif ord(char) <= 256:',), ESCAPE_BOUND),
]

# --- readme.py (mut-folder) ---

CONSUMER_ASSERT = ("readme._consumer_section: the assert only narrows types; it is called only for consumer policy "
                   "documents, which always have a stream, a consumer and one reader, so no weakened form can fail")

EQUIVALENTS += [
    Equivalent('wizard.core.readme.x__consumer_section', ('assert doc.stream is not None and doc.consumer is not None and len(doc.principals) == 1',), ('assert doc.stream is not None and doc.consumer is not None or len(doc.principals) == 1',), CONSUMER_ASSERT),
    Equivalent('wizard.core.readme.x__consumer_section', ('assert doc.stream is not None and doc.consumer is not None and len(doc.principals) == 1',), ('assert doc.stream is not None or doc.consumer is not None and len(doc.principals) == 1',), CONSUMER_ASSERT),
]

# --- inputs.py (mut-inputs) ---

DEPTH_START = ("inputs.depth: starting the deepest level at 1 instead of 0 changes only a bare scalar's depth (any list "
               "or object is at least 1 deep either way), and every caller compares the depth with MAX_DEPTH (32)")
CODEC_CASE = "inputs.load_json_file: Python's codec names ignore case, so 'UTF-8' is the same codec as 'utf-8'"
ONE_PAST = ("inputs.read_bounded: reading MAX_INPUT_BYTES + 2 instead of + 1 still reads any input of at most "
            "MAX_INPUT_BYTES whole and refuses any longer one with the same message; only how many bytes past the cap "
            "are fetched before refusing differs (a buffered read of a real file or pipe already fetches a block ahead)")

EQUIVALENTS += [
    Equivalent('wizard.core.inputs.x_depth', ('deepest, stack = 0, [(value, 1)]',), ('deepest, stack = 1, [(value, 1)]',), DEPTH_START),
    Equivalent('wizard.core.inputs.x_load_json_file', ('text = data.decode("utf-8")',), ('text = data.decode("UTF-8")',), CODEC_CASE),
    Equivalent('wizard.core.inputs.x_read_bounded', ('data = stream.read(MAX_INPUT_BYTES + 1) if stream else sys.stdin.read(MAX_INPUT_BYTES + 1).encode()',), ('data = stream.read(MAX_INPUT_BYTES + 2) if stream else sys.stdin.read(MAX_INPUT_BYTES + 1).encode()',), ONE_PAST),
    Equivalent('wizard.core.inputs.x_read_bounded', ('data = stream.read(MAX_INPUT_BYTES + 1) if stream else sys.stdin.read(MAX_INPUT_BYTES + 1).encode()',), ('data = stream.read(MAX_INPUT_BYTES + 1) if stream else sys.stdin.read(MAX_INPUT_BYTES + 2).encode()',), ONE_PAST),
    Equivalent('wizard.core.inputs.x_read_bounded', ('data = handle.read(MAX_INPUT_BYTES + 1)',), ('data = handle.read(MAX_INPUT_BYTES + 2)',), ONE_PAST),
]

# --- diagnose.py (mut-inputs) ---

BY_NAME_TRUTH = ("diagnose._principal_rule: validate.session_rule reads `by_name` only for its truth (whether to add "
                 "'or the name alone'), so None says what False says")

EQUIVALENTS += [
    Equivalent('wizard.core.diagnose.x__principal_rule', ('return session_rule(own, by_name=False) or rule',), ('return session_rule(own, by_name=None) or rule',), BY_NAME_TRUTH),
]

# --- alias_key.py (mut-alias) ---

ALIAS_BASE = ("alias_key._probe_set: the probes always come from key_probes, two key ARNs of one place with the same "
              "base (arn:PARTITION:kms:REGION:ACCOUNT:key/) in which ':key/' occurs once (partition, Region and "
              "account hold no ':'), so the base cut from either probe, by index or rindex, is the same, and as the "
              "cache key probes[1] names the place exactly as probes[0] does")
ALIAS_CACHE = ("alias_key._probe_set: _FOUND only saves time. What it holds for a key (the place, the set of patterns, "
               "the count per policy name) is what the search would find again: the search does not depend on the "
               "order of the patterns (the characters tried are the union of their literals, in the shape's order) "
               "and a tie for the policy naming the most keys goes to the first by name; so a cache that never hits, "
               "or is cleared at another size, gives the same probes and the same cut message")
ALIAS_COUNT = ("alias_key._probe_set: counts only choose the policy naming the most patterns; starting each name's "
               "count at 1 instead of 0 adds 1 to every name, which changes no comparison")
ALIAS_BASE_PARTS = ("alias_key._start: the base (from key_probes) has exactly five ':' (partition, Region and account "
                    "hold none), so split(':'), split(':', 6) and rsplit(':', 5) all give its six parts; and when the "
                    "pattern has six parts both slices zipped hold exactly five items, so strict is never tested")
ALIAS_GLOBS_SLOT = ("alias_key._started: the name of the cache slot in a Source's __dict__ is private; None or another "
                    "spelling is a slot no other cache uses (_compiled, _covering, _applying), so it works the same")
ALIAS_NO_X = ("alias_key._Glob: leaving 'X' out of the literals as well only changes by_char['X'] and the characters "
              "named; no base (arn:aws...:key/, lower-case Region) or key id (hex, '-', 'mrk') has an 'X', and the "
              "characters tried are only a shape's (hex, '-', m, r, k), so 'X' is never looked up or tried")
ALIAS_CUT_FLAG = "alias_key._Search: cut is only tested for truth, so None and False before a cut are the same"

EQUIVALENTS += [
    # ALIAS_BASE
    Equivalent('wizard.core.alias_key.x__probe_set', ('base = probes[0][:probes[0].index(":key/") + len(":key/")]',), ('base = probes[1][:probes[0].index(":key/") + len(":key/")]',), ALIAS_BASE),
    Equivalent('wizard.core.alias_key.x__probe_set', ('base = probes[0][:probes[0].index(":key/") + len(":key/")]',), ('base = probes[0][:probes[0].rindex(":key/") + len(":key/")]',), ALIAS_BASE),
    Equivalent('wizard.core.alias_key.x__probe_set', ('base = probes[0][:probes[0].index(":key/") + len(":key/")]',), ('base = probes[0][:probes[1].index(":key/") + len(":key/")]',), ALIAS_BASE),
    Equivalent('wizard.core.alias_key.x__probe_set', ('key = (probes[0], frozenset(merged), tuple(sorted(counts.items())))  # the same patterns: the same probes',), ('key = (probes[1], frozenset(merged), tuple(sorted(counts.items())))  # the same patterns: the same probes',), ALIAS_BASE),
    # ALIAS_CACHE
    Equivalent('wizard.core.alias_key.x__probe_set', ('cached = _FOUND.get(key)',), ('cached = None',), ALIAS_CACHE),
    Equivalent('wizard.core.alias_key.x__probe_set', ('cached = _FOUND.get(key)',), ('cached = _FOUND.get(None)',), ALIAS_CACHE),
    Equivalent('wizard.core.alias_key.x__probe_set', ('if len(_FOUND) > 100:',), ('if len(_FOUND) >= 100:',), ALIAS_CACHE),
    Equivalent('wizard.core.alias_key.x__probe_set', ('if len(_FOUND) > 100:',), ('if len(_FOUND) > 101:',), ALIAS_CACHE),
    Equivalent('wizard.core.alias_key.x__probe_set', ('_FOUND[key] = found',), ('_FOUND[key] = None',), ALIAS_CACHE),
    # ALIAS_COUNT
    Equivalent('wizard.core.alias_key.x__probe_set', ('counts[source.name] = counts.get(source.name, 0) + len(started)',), ('counts[source.name] = counts.get(source.name, 1) + len(started)',), ALIAS_COUNT),
    # ALIAS_BASE_PARTS
    Equivalent('wizard.core.alias_key.x__start', ('parts, base_parts = pattern.split(":", 5), base.split(":", 5)',), ('parts, base_parts = pattern.split(":", 5), base.split(":", )',), ALIAS_BASE_PARTS),
    Equivalent('wizard.core.alias_key.x__start', ('parts, base_parts = pattern.split(":", 5), base.split(":", 5)',), ('parts, base_parts = pattern.split(":", 5), base.rsplit(":", 5)',), ALIAS_BASE_PARTS),
    Equivalent('wizard.core.alias_key.x__start', ('parts, base_parts = pattern.split(":", 5), base.split(":", 5)',), ('parts, base_parts = pattern.split(":", 5), base.split(":", 6)',), ALIAS_BASE_PARTS),
    Equivalent('wizard.core.alias_key.x__start', ('if not all(glob_match(p, b) for p, b in zip(parts[:5], base_parts[:5], strict=True)):',), ('if not all(glob_match(p, b) for p, b in zip(parts[:5], base_parts[:5], strict=None)):',), ALIAS_BASE_PARTS),
    Equivalent('wizard.core.alias_key.x__start', ('if not all(glob_match(p, b) for p, b in zip(parts[:5], base_parts[:5], strict=True)):',), ('if not all(glob_match(p, b) for p, b in zip(parts[:5], base_parts[:5], )):',), ALIAS_BASE_PARTS),
    Equivalent('wizard.core.alias_key.x__start', ('if not all(glob_match(p, b) for p, b in zip(parts[:5], base_parts[:5], strict=True)):',), ('if not all(glob_match(p, b) for p, b in zip(parts[:5], base_parts[:5], strict=False)):',), ALIAS_BASE_PARTS),
    # ALIAS_GLOBS_SLOT
    Equivalent('wizard.core.alias_key.x__started', ('cache = source.__dict__.setdefault("_key_globs", {})  # a frozen dataclass may still keep a cache',), ('cache = source.__dict__.setdefault(None, {})  # a frozen dataclass may still keep a cache',), ALIAS_GLOBS_SLOT),
    Equivalent('wizard.core.alias_key.x__started', ('cache = source.__dict__.setdefault("_key_globs", {})  # a frozen dataclass may still keep a cache',), ('cache = source.__dict__.setdefault("XX_key_globsXX", {})  # a frozen dataclass may still keep a cache',), ALIAS_GLOBS_SLOT),
    Equivalent('wizard.core.alias_key.x__started', ('cache = source.__dict__.setdefault("_key_globs", {})  # a frozen dataclass may still keep a cache',), ('cache = source.__dict__.setdefault("_KEY_GLOBS", {})  # a frozen dataclass may still keep a cache',), ALIAS_GLOBS_SLOT),
    # ALIAS_NO_X
    Equivalent('wizard.core.alias_key.xǁ_Globǁ__init__', ('self.literals = frozenset(t for t in tokens if t not in "*?")',), ('self.literals = frozenset(t for t in tokens if t not in "XX*?XX")',), ALIAS_NO_X),
    # ALIAS_CUT_FLAG
    Equivalent('wizard.core.alias_key.xǁ_Searchǁ__init__', ('self.cut = False',), ('self.cut = None',), ALIAS_CUT_FLAG),
    # --- display.py (lead) ---
    Equivalent('wizard.core.display.x_path_text', ('return visible(raw.decode("utf-8", "backslashreplace"))',), ('return visible(raw.decode("UTF-8", "backslashreplace"))',), "display.path_text: Python's codec names ignore case, so 'UTF-8' is the same codec as 'utf-8'"),
]

# --- evaluate.py (helper mut-eval2) ---
EVAL2_SHORTCUT = ("evaluate: the quick decision made without the statements set aside only answers early or defers (None) "
                  "to the full judgement of the same statements; with words=False _decide reads neither the request, "
                  "the identity policies nor the resource policy (they feed only the reasons), words=None is falsy like "
                  "False, and with res_known None it can only answer DENIED for an identity Deny that holds, with the "
                  "same refs as the full path (a statement set aside is False, never a ref)")
EVAL2_STATEMENT_DEFAULTS = ("evaluate._Statement.__init__: the first values of effect, action_name, action_names, "
                            "action_patterns, resource_name, resource_text, condition and quick are kept only by a "
                            "statement refused before they are set (early or late is then set: judge answers with it "
                            "first, may_cover, may_apply and the _Index take such a statement without reading them, "
                            "and quick is tested only for truth); action_problem is tested only for truth")
EVAL2_REFUSED = ("evaluate._Statement.__init__: a refused statement's result (failed 'statement') with value None makes "
                 "_decide answer unknown before any effect or scope is read; the one with value False (a key policy "
                 "statement without Resource) adds nothing to allows()'s OR whatever its scope, and refs() takes True "
                 "results only")
EVAL2_JUDGE = ("evaluate._Statement.judge: the first `detail` is read only when the resource element fails, which sets "
               "it; `scope` is read only by allows() and refs(): identity results are read with no scope filter, a "
               "False result adds nothing to allows()'s OR whatever its scope, and refs() takes True results only, "
               "whose scope is always the principal match's")
EVAL2_OR = ("evaluate._or: seen_unknown starting None instead of False: `None or v is None` is that boolean, and with no "
            "values `None if None else False` is False, as before")
EVAL2_DELEGATES = ("evaluate._reasons: in the branch that names the key policy's delegating statements `direct` is "
                   "False, so no Allow of the key policy is True with scope 'principal'; a True result's scope is "
                   "'principal' or 'account', so every True Allow is an account one and refs('Allow', None) lists the "
                   "same statements")
EVAL2_FOLD = "evaluate.action_matches: _glob reads case_sensitive only for truth, so None folds case like False"
EVAL2_STAR = ("evaluate.arn_matches: a lone '*' split on ':' is one part, so it falls to glob_match('*', arn), True for "
              "every text, as the early return says")
EVAL2_ARN_PART = ("evaluate.arn_part: what it returns for a text that is not a six-part ARN is only compared with a real "
                  "part ('sts', a 12-digit account of a validated principal ARN); every other caller passes principal, "
                  "stream and key ARNs, which have six parts, so '' and 'XXXX' are told apart by nothing")
EVAL2_PRINCIPAL_WORDS = ("evaluate.principal_matches: the words of a Principal that names neither the principal nor its "
                         "account go with a resource-policy result that failed on 'principal', and _reasons prints "
                         "every near miss of the resource policy but those (it says once that the policy allows the "
                         "action to neither the principal nor its account); nothing else prints a result's detail")
EVAL2_NOT_PRINCIPAL_VALUE = ("evaluate.principal_matches: a NotPrincipal Deny that applies answering 'principal' "
                             "instead of True: _and tests values only with `is False` and `is None`, so the statement "
                             "is True alike; a Deny's scope is never read; and principal_class keys principals by "
                             "(value, scope), which stays the same for every principal the Deny applies to and unlike "
                             "the True/False/None of the others")

EQUIVALENTS += [
    Equivalent('wizard.core.evaluate.x__by_id', ('_BY_ID[key] = (raw, compiled)  # holding `raw` keeps its id from being reused',), ('_BY_ID[key] = None  # holding `raw` keeps its id from being reused',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.x__is_prefix', ('return pattern.endswith("*") and "*" not in body and "?" not in body and body.count(":") >= 5',), ('return pattern.endswith("*") and "*" not in body and "?" not in body and body.count("XX:XX") >= 5',), EVAL_PREFIX),
    Equivalent('wizard.core.evaluate.x__is_prefix', ('body = pattern[:-1]',), ('body = pattern[:+1]',), EVAL_PREFIX),
    Equivalent('wizard.core.evaluate.x__is_prefix', ('return pattern.endswith("*") and "*" not in body and "?" not in body and body.count(":") >= 5',), ('return pattern.endswith("XX*XX") and "*" not in body and "?" not in body and body.count(":") >= 5',), EVAL_PREFIX),
    Equivalent('wizard.core.evaluate.x__or', ('seen_unknown = False',), ('seen_unknown = None',), EVAL2_OR),
    Equivalent('wizard.core.evaluate.x__reasons', ('f"({\', \'.join(res.refs(\'Allow\', \'account\'))}), and none allows it")',), ('f"({\', \'.join(res.refs(\'Allow\', None))}), and none allows it")',), EVAL2_DELEGATES),
    Equivalent('wizard.core.evaluate.x__reasons', ('f"({\', \'.join(res.refs(\'Allow\', \'account\'))}), and none allows it")',), ('f"({\', \'.join(res.refs(\'Allow\', ))}), and none allows it")',), EVAL2_DELEGATES),
    Equivalent('wizard.core.evaluate.x_action_matches', ('return glob_match(pattern, action, case_sensitive=False)',), ('return glob_match(pattern, action, case_sensitive=None)',), EVAL2_FOLD),
    Equivalent('wizard.core.evaluate.x_arn_matches', ('if pattern == "*":',), ('if pattern == "XX*XX":',), EVAL2_STAR),
    Equivalent('wizard.core.evaluate.x_arn_matches', ('return all(glob_match(p, a) for p, a in zip(p_parts, a_parts, strict=True))',), ('return all(glob_match(p, a) for p, a in zip(p_parts, a_parts, strict=None))',), EVAL_PREFIX),
    Equivalent('wizard.core.evaluate.x_arn_matches', ('return all(glob_match(p, a) for p, a in zip(p_parts, a_parts, strict=True))',), ('return all(glob_match(p, a) for p, a in zip(p_parts, a_parts, ))',), EVAL_PREFIX),
    Equivalent('wizard.core.evaluate.x_arn_part', ('return parts[index] if len(parts) == 6 else ""',), ('return parts[index] if len(parts) == 6 else "XXXX"',), EVAL2_ARN_PART),
    Equivalent('wizard.core.evaluate.x_evaluate', ('verdict = _decide(request, identity, resource_policy, ident, res, kms, same, res_known, words=False)',), ('verdict = None',), EVAL2_SHORTCUT),
    Equivalent('wizard.core.evaluate.x_evaluate', ('verdict = _decide(request, identity, resource_policy, ident, res, kms, same, res_known, words=False)',), ('verdict = _decide(None, identity, resource_policy, ident, res, kms, same, res_known, words=False)',), EVAL2_SHORTCUT),
    Equivalent('wizard.core.evaluate.x_evaluate', ('verdict = _decide(request, identity, resource_policy, ident, res, kms, same, res_known, words=False)',), ('verdict = _decide(request, None, resource_policy, ident, res, kms, same, res_known, words=False)',), EVAL2_SHORTCUT),
    Equivalent('wizard.core.evaluate.x_evaluate', ('verdict = _decide(request, identity, resource_policy, ident, res, kms, same, res_known, words=False)',), ('verdict = _decide(request, identity, None, ident, res, kms, same, res_known, words=False)',), EVAL2_SHORTCUT),
    Equivalent('wizard.core.evaluate.x_evaluate', ('verdict = _decide(request, identity, resource_policy, ident, res, kms, same, res_known, words=False)',), ('verdict = _decide(request, identity, resource_policy, ident, res, kms, same, None, words=False)',), EVAL2_SHORTCUT),
    Equivalent('wizard.core.evaluate.x_evaluate', ('verdict = _decide(request, identity, resource_policy, ident, res, kms, same, res_known, words=False)',), ('verdict = _decide(request, identity, resource_policy, ident, res, kms, same, res_known, words=None)',), EVAL2_SHORTCUT),
    Equivalent('wizard.core.evaluate.x_principal_matches', ('best: _PrincipalMatch = _PrincipalMatch(False, detail=f"Principal does not name {request.principal} "', 'f"or its account {request.account}")'), ('best: _PrincipalMatch = _PrincipalMatch(False, detail=None)',), EVAL2_PRINCIPAL_WORDS),
    Equivalent('wizard.core.evaluate.x_principal_matches', ('best: _PrincipalMatch = _PrincipalMatch(False, detail=f"Principal does not name {request.principal} "', 'f"or its account {request.account}")'), ('best: _PrincipalMatch = _PrincipalMatch(False, )',), EVAL2_PRINCIPAL_WORDS),
    Equivalent('wizard.core.evaluate.x_principal_matches', ('return _PrincipalMatch(True, "principal")',), ('return _PrincipalMatch(True, None)',), EVAL_UNSHOWN),
    Equivalent('wizard.core.evaluate.x_principal_matches', ('return _PrincipalMatch(True, "principal")',), ('return _PrincipalMatch("principal")',), EVAL2_NOT_PRINCIPAL_VALUE),
    Equivalent('wizard.core.evaluate.x_principal_matches', ('return _PrincipalMatch(True, "principal")',), ('return _PrincipalMatch(True, )',), EVAL_UNSHOWN),
    Equivalent('wizard.core.evaluate.xǁSourceǁcompiled', ('if "_compiled" not in cache:',), ('if "XX_compiledXX" not in cache:',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.xǁSourceǁcompiled', ('if "_compiled" not in cache:',), ('if "_COMPILED" not in cache:',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.xǁSourceǁcovering', ('cache = self.__dict__.setdefault("_covering", {})',), ('cache = self.__dict__.setdefault(None, {})',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.xǁSourceǁcovering', ('cache = self.__dict__.setdefault("_covering", {})',), ('cache = self.__dict__.setdefault("XX_coveringXX", {})',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.xǁSourceǁcovering', ('cache = self.__dict__.setdefault("_covering", {})',), ('cache = self.__dict__.setdefault("_COVERING", {})',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁ__init__', ('self.malformed_action = False',), ('self.malformed_action = None',), EVAL_ACTION),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁ__init__', ('self.early = StatementResult(ref, eff, None, failed="statement", detail=f"Effect {effect!r}")',), ('self.early = StatementResult(ref, None, None, failed="statement", detail=f"Effect {effect!r}")',), EVAL2_REFUSED),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁ__init__', ('self.effect = ""',), ('self.effect = None',), EVAL2_STATEMENT_DEFAULTS),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁ__init__', ('self.effect = ""',), ('self.effect = "XXXX"',), EVAL2_STATEMENT_DEFAULTS),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁ__init__', ('self.action_name, self.actions = "", ()',), ('self.action_name, self.actions = "XXXX", ()',), EVAL2_STATEMENT_DEFAULTS),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁ__init__', ('self.action_names: frozenset[str] = frozenset()',), ('self.action_names: frozenset[str] = None',), EVAL2_STATEMENT_DEFAULTS),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁ__init__', ('self.action_patterns: tuple[str, ...] = ()',), ('self.action_patterns: tuple[str, ...] = None',), EVAL2_STATEMENT_DEFAULTS),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁ__init__', ('self.resource_name, self.patterns, self.resource_text = "", None, ""',), ('self.resource_name, self.patterns, self.resource_text = "XXXX", None, ""',), EVAL2_STATEMENT_DEFAULTS),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁ__init__', ('self.resource_name, self.patterns, self.resource_text = "", None, ""',), ('self.resource_name, self.patterns, self.resource_text = "", None, "XXXX"',), EVAL2_STATEMENT_DEFAULTS),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁ__init__', ('self.quick = tuple((c.lowered, c.exact) for c in self.condition', 'if c.fixed is None and c.base == "StringEquals" and not c.qualifier and not c.if_exists)'), ('self.quick = None',), EVAL_QUICK),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁ__init__', ('self.condition: _CondResult | tuple[Any, ...] = _HOLDS',), ('self.condition: _CondResult | tuple[Any, ...] = None',), EVAL2_STATEMENT_DEFAULTS),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁ__init__', ('if c.fixed is None and c.base == "StringEquals" and not c.qualifier and not c.if_exists)',), ('if c.fixed is None and c.base == "XXStringEqualsXX" and not c.qualifier and not c.if_exists)',), EVAL_QUICK),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁ__init__', ('if c.fixed is None and c.base == "StringEquals" and not c.qualifier and not c.if_exists)',), ('if c.fixed is None and c.base == "stringequals" and not c.qualifier and not c.if_exists)',), EVAL_QUICK),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁ__init__', ('if c.fixed is None and c.base == "StringEquals" and not c.qualifier and not c.if_exists)',), ('if c.fixed is None and c.base == "STRINGEQUALS" and not c.qualifier and not c.if_exists)',), EVAL_QUICK),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁ__init__', ('self.malformed_action = True',), ('self.malformed_action = None',), EVAL_ACTION),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁ__init__', ('self.quick: tuple[tuple[str, frozenset[str]], ...] = ()  # (key, values) of the plain StringEquals',), ('self.quick: tuple[tuple[str, frozenset[str]], ...] = None  # (key, values) of the plain StringEquals',), EVAL2_STATEMENT_DEFAULTS),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁ__init__', ('self.early = StatementResult(ref, "", None, failed="statement", detail="a statement that is not an object")',), ('self.early = StatementResult(ref, None, None, failed="statement", detail="a statement that is not an object")',), EVAL2_REFUSED),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁ__init__', ('self.early = StatementResult(ref, "", None, failed="statement", detail="a statement that is not an object")',), ('self.early = StatementResult(ref, "XXXX", None, failed="statement", detail="a statement that is not an object")',), EVAL2_REFUSED),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁ__init__', ('return StatementResult(ref, eff, value, "", "statement", detail)',), ('return StatementResult(ref, eff, value, None, "statement", detail)',), EVAL2_REFUSED),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁ__init__', ('return StatementResult(ref, eff, value, "", "statement", detail)',), ('return StatementResult(ref, eff, value, "XXXX", "statement", detail)',), EVAL2_REFUSED),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁ__init__', ('action_problem = ""',), ('action_problem = None',), EVAL2_STATEMENT_DEFAULTS),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁcovers', ('hit = self._covers.get(action)',), ('hit = None',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁcovers', ('hit = self._covers.get(action)',), ('hit = self._covers.get(None)',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁjudge', ('detail = ""',), ('detail = None',), EVAL2_JUDGE),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁjudge', ('detail = ""',), ('detail = "XXXX"',), EVAL2_JUDGE),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁjudge', ('scope = ""',), ('scope = None',), EVAL2_JUDGE),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁjudge', ('scope = ""',), ('scope = "XXXX"',), EVAL2_JUDGE),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁjudge', ('scope = principal.scope if principal.value is True else "any" if principal.value is None else ""',), ('scope = principal.scope if principal.value is True else "any" if (principal.value is None) or True else ""',), EVAL2_JUDGE),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁjudge', ('scope = principal.scope if principal.value is True else "any" if principal.value is None else ""',), ('scope = principal.scope if principal.value is True else "any" if principal.value is None else "XXXX"',), EVAL2_JUDGE),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁjudge', ('return StatementResult(ref, eff, value, scope if value is None else "", element, detail)',), ('return StatementResult(ref, eff, value, scope if (value is None) or True else "", element, detail)',), EVAL2_JUDGE),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁjudge', ('return StatementResult(ref, eff, value, scope if value is None else "", element, detail)',), ('return StatementResult(ref, eff, value, scope if value is None else "XXXX", element, detail)',), EVAL2_JUDGE),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁprincipal', ('match = self._principals.get(request.principal)',), ('match = None',), EVAL_CACHE),
    Equivalent('wizard.core.evaluate.xǁ_Statementǁprincipal', ('match = self._principals.get(request.principal)',), ('match = self._principals.get(None)',), EVAL_CACHE),
]


# --- access.py (helper mut-eval2) ---
ACC2_PLACE = ("access: a key known by alias has key_probes() as its probes, two key ARNs of one account and Region, and "
              "the keys _each_key is given are probe_set's: those two and more under the same 'arn:...:key/' base, so "
              "the first and the second always name the same account and Region")
ACC2_ZIP = ("access: zip over lists of equal length by construction: `each` is made from `keys`, the signatures from the "
            "subjects made from the streams, and the streams of one group have alike own policies (the grouping "
            "compares their kinds and text), so strict=True/False/None never matters")
ACC2_PROBES_NONE = ("access: a Request's probes, Probes.keys and Key.probes are only tested for truth or passed to the "
                    "evaluator's _resources, which reads `probes or (resource,)`, so None and () are alike")
ACC2_CACHE = ("access._probes and _mentions: memos checked by identity (per setting and identity policies; per tuple of "
              "bodies, whose objects the memo holds): another key, never storing, never reading or clearing at one more "
              "entry only costs time; the identity check compares lists of equal length (same ids)")
ACC2_JSON = ("access._mentions and stream_classes: the bodies are parsed JSON or documents built from dicts, lists, "
             "strings, numbers and booleans, so json.dumps never calls `default`")
ACC2_GROUPS = ("access: grouping is a shortcut that only costs time when finer: a group of one stream widened maps each "
               "own file to itself; the key policy kept under another id in stream_classes is still read; and a "
               "setting always has a stream (a bundle needs one), so the no-stream branch is never taken")
ACC2_WIDEN = ("access._widen: the rows of a group of streams are read by ACCESS.md, the wizard's table and the counts "
              "(who, operation, streams, verdict); only to_json and check read a row's requests, and both take exact "
              "rows (one stream, never widened); the because dict's values are never read")
ACC2_MANAGED = ("access.bundle_setting: the AWS managed key's modelled policy has a Resource in every statement, so of its "
                "kind only `kind != 'identity'` is read, true for None or a misspelling; and its AllowDirectRead "
                "(Describe*, Get*, List*) covers no operation of the access table, so its account ARN is never matched")
ACC2_DOCS = ("access.bundle_setting: a bundle for a customer managed key always holds key-policy.json; every principal "
             "has a role and every role writes an identity document attached to it; and only consumer documents have "
             "`consumer` set, always with their stream")
ACC2_DEFAULTS = ("access: defaults no caller uses (rows_for passes brief; principal_rows passes TABLE); Verdict(None) "
                 "has the empty reasons and missing of Verdict(UNKNOWN) and its decision is only compared with DENIED; "
                 "a Row is made with a verdict or a `like`, never neither; other_stream's name is never read (only "
                 "its ARN goes into the encryption context)")
ACC2_PROBE_REQUEST = ("access.principal_class: the probe request is only matched against Principal/NotPrincipal "
                      "elements, which read its principal ARN (account, partition), never its action or resource")
ACC2_STRANGER = ("access.strangers: Who.stranger is read only by access_text.describe, which gives '' for a stranger "
                 "and the roles otherwise, and both strangers have no roles; and no bundle has accounts "
                 "999999999999 down to 2 all taken, so the range's end is never reached")

EQUIVALENTS += [
    Equivalent('wizard.core.access.x__alias_words', ('place = f"key of account {arn_part(probes[0], 4)} in {arn_part(probes[0], 3)}"',), ('place = f"key of account {arn_part(probes[1], 4)} in {arn_part(probes[0], 3)}"',), ACC2_PLACE),
    Equivalent('wizard.core.access.x__alias_words', ('place = f"key of account {arn_part(probes[0], 4)} in {arn_part(probes[0], 3)}"',), ('place = f"key of account {arn_part(probes[0], 4)} in {arn_part(probes[1], 3)}"',), ACC2_PLACE),
    Equivalent('wizard.core.access.x__each_key', ('each = [combine([evaluate(replace(r, resource=key, probes=()) if r.probes else r, who.identity, policy,',), ('each = [combine([evaluate(replace(r, resource=key, probes=None) if r.probes else r, who.identity, policy,',), ACC2_PROBES_NONE),
    Equivalent('wizard.core.access.x__each_key', ('place = f"account {arn_part(keys[0], 4)} in {arn_part(keys[0], 3)}"',), ('place = f"account {arn_part(keys[1], 4)} in {arn_part(keys[0], 3)}"',), ACC2_PLACE),
    Equivalent('wizard.core.access.x__each_key', ('place = f"account {arn_part(keys[0], 4)} in {arn_part(keys[0], 3)}"',), ('place = f"account {arn_part(keys[0], 4)} in {arn_part(keys[1], 3)}"',), ACC2_PLACE),
    Equivalent('wizard.core.access.x__each_key', ('for key, v in zip(keys, each, strict=True):',), ('for key, v in zip(keys, each, strict=None):',), ACC2_ZIP),
    Equivalent('wizard.core.access.x__each_key', ('for key, v in zip(keys, each, strict=True):',), ('for key, v in zip(keys, each, ):',), ACC2_ZIP),
    Equivalent('wizard.core.access.x__each_key', ('for key, v in zip(keys, each, strict=True):',), ('for key, v in zip(keys, each, strict=False):',), ACC2_ZIP),
    Equivalent('wizard.core.access.x__mentions', ('cache_key = tuple(id(b) for b in bodies)',), ('cache_key = None',), ACC2_CACHE),
    Equivalent('wizard.core.access.x__mentions', ('if cached is not None and all(a is b for a, b in zip(cached[0], bodies, strict=True)):',), ('if cached is not None and all(a is b for a, b in zip(cached[0], bodies, strict=None)):',), ACC2_CACHE),
    Equivalent('wizard.core.access.x__mentions', ('if cached is not None and all(a is b for a, b in zip(cached[0], bodies, strict=True)):',), ('if cached is not None and all(a is b for a, b in zip(cached[0], bodies, )):',), ACC2_CACHE),
    Equivalent('wizard.core.access.x__mentions', ('if cached is not None and all(a is b for a, b in zip(cached[0], bodies, strict=True)):',), ('if cached is not None and all(a is b for a, b in zip(cached[0], bodies, strict=False)):',), ACC2_CACHE),
    Equivalent('wizard.core.access.x__mentions', ('text = json.dumps(bodies, default=str).lower()',), ('text = json.dumps(bodies, default=None).lower()',), ACC2_JSON),
    Equivalent('wizard.core.access.x__mentions', ('text = json.dumps(bodies, default=str).lower()',), ('text = json.dumps(bodies, ).lower()',), ACC2_JSON),
    Equivalent('wizard.core.access.x__mentions', ('if len(_MENTIONS) > 1000:',), ('if len(_MENTIONS) >= 1000:',), ACC2_CACHE),
    Equivalent('wizard.core.access.x__mentions', ('if len(_MENTIONS) > 1000:',), ('if len(_MENTIONS) > 1001:',), ACC2_CACHE),
    Equivalent('wizard.core.access.x__mentions', ('cache_key = tuple(id(b) for b in bodies)',), ('cache_key = tuple(id(None) for b in bodies)',), ACC2_CACHE),
    Equivalent('wizard.core.access.x__mentions', ('_MENTIONS[cache_key] = (tuple(bodies), found)',), ('_MENTIONS[cache_key] = None',), ACC2_CACHE),
    Equivalent('wizard.core.access.x__mentions', ('cached = _MENTIONS.get(cache_key)',), ('cached = None',), ACC2_CACHE),
    Equivalent('wizard.core.access.x__mentions', ('cached = _MENTIONS.get(cache_key)',), ('cached = _MENTIONS.get(None)',), ACC2_CACHE),
    Equivalent('wizard.core.access.x__mentions', ('if cached is not None and all(a is b for a, b in zip(cached[0], bodies, strict=True)):',), ('if cached is not None and all(a is not b for a, b in zip(cached[0], bodies, strict=True)):',), ACC2_CACHE),
    Equivalent('wizard.core.access.x__probes', ('return Probes(())',), ('return Probes(None)',), ACC2_PROBES_NONE),
    Equivalent('wizard.core.access.x__probes', ('cache = setting.__dict__.setdefault("_probes", {})  # a frozen dataclass may still keep a cache',), ('cache = setting.__dict__.setdefault(None, {})  # a frozen dataclass may still keep a cache',), ACC2_CACHE),
    Equivalent('wizard.core.access.x__probes', ('cache = setting.__dict__.setdefault("_probes", {})  # a frozen dataclass may still keep a cache',), ('cache = setting.__dict__.setdefault("XX_probesXX", {})  # a frozen dataclass may still keep a cache',), ACC2_CACHE),
    Equivalent('wizard.core.access.x__probes', ('cache = setting.__dict__.setdefault("_probes", {})  # a frozen dataclass may still keep a cache',), ('cache = setting.__dict__.setdefault("_PROBES", {})  # a frozen dataclass may still keep a cache',), ACC2_CACHE),
    Equivalent('wizard.core.access.x__widen', ('return Row(row.who, row.operation, group, row.requests, row.verdict)',), ('return Row(row.who, row.operation, group, None, row.verdict)',), ACC2_WIDEN),
    Equivalent('wizard.core.access.x__widen', ('names = dict(zip(first, (s.name for s in _own_policies(setting, stream)), strict=False))',), ('names = dict(zip(first, (s.name for s in _own_policies(setting, stream)), strict=None))',), ACC2_ZIP),
    Equivalent('wizard.core.access.x__widen', ('names = dict(zip(first, (s.name for s in _own_policies(setting, stream)), strict=False))',), ('names = dict(zip(first, (s.name for s in _own_policies(setting, stream)), ))',), ACC2_ZIP),
    Equivalent('wizard.core.access.x__widen', ('names = dict(zip(first, (s.name for s in _own_policies(setting, stream)), strict=False))',), ('names = dict(zip(first, (s.name for s in _own_policies(setting, stream)), strict=True))',), ACC2_ZIP),
    Equivalent('wizard.core.access.x__widen', ('because[f"{names.get(file, file)}#{sid}"] = None',), ('because[f"{names.get(file, file)}#{sid}"] = ""',), ACC2_WIDEN),
    Equivalent('wizard.core.access.x__widen', ('return Row(row.who, row.operation, group, row.requests, replace(row.verdict, because=tuple(because)))',), ('return Row(row.who, row.operation, group, None, replace(row.verdict, because=tuple(because)))',), ACC2_WIDEN),
    Equivalent('wizard.core.access.x_bundle_setting', ('identity = tuple(source(d) for d in attached.get(p, ()))',), ('identity = tuple(source(d) for d in attached.get(p, None))',), ACC2_DOCS),
    Equivalent('wizard.core.access.x_bundle_setting', ('identity = tuple(source(d) for d in attached.get(p, ()))',), ('identity = tuple(source(d) for d in attached.get(p, ))',), ACC2_DOCS),
    Equivalent('wizard.core.access.x_bundle_setting', ('for d in bundle.documents if d.kind == "consumer" and d.stream and d.consumer}',), ('for d in bundle.documents if d.kind == "consumer" and d.stream or d.consumer}',), ACC2_DOCS),
    Equivalent('wizard.core.access.x_bundle_setting', ('for d in bundle.documents if d.kind == "consumer" and d.stream and d.consumer}',), ('for d in bundle.documents if d.kind == "consumer" or d.stream and d.consumer}',), ACC2_DOCS),
    Equivalent('wizard.core.access.x_bundle_setting', ('"key")',), ('None)',), ACC2_MANAGED),
    Equivalent('wizard.core.access.x_bundle_setting', ('policy: Source | None = Source(MANAGED_POLICY_NAME, managed_key_policy(r.partition, r.region, r.key.account),',), ('policy: Source | None = Source(MANAGED_POLICY_NAME, managed_key_policy(None, r.region, r.key.account),',), ACC2_MANAGED),
    Equivalent('wizard.core.access.x_bundle_setting', ('"key")',), ('"XXkeyXX")',), ACC2_MANAGED),
    Equivalent('wizard.core.access.x_bundle_setting', ('"key")',), ('"KEY")',), ACC2_MANAGED),
    Equivalent('wizard.core.access.x_bundle_setting', ('policy = source(doc) if doc is not None else None',), ('policy = source(doc) if (doc is not None) or True else None',), ACC2_DOCS),
    Equivalent('wizard.core.access.x_bundle_setting', ('probes: tuple[str, ...] = ()',), ('probes: tuple[str, ...] = None',), ACC2_PROBES_NONE),
    Equivalent('wizard.core.access.x_evaluate_operation', ('brief: bool = False) -> Row:',), ('brief: bool = True) -> Row:',), ACC2_DEFAULTS),
    Equivalent('wizard.core.access.x_evaluate_operation', ('probes = _probes(setting, who, op.action) if any(r.probes for r, _ in pairs) else Probes(())',), ('probes = _probes(setting, who, op.action) if any(r.probes for r, _ in pairs) else Probes(None)',), ACC2_PROBES_NONE),
    Equivalent('wizard.core.access.x_evaluate_operation', ('rest = combine(others) if others else Verdict(UNKNOWN)',), ('rest = combine(others) if others else Verdict(None)',), ACC2_DEFAULTS),
    Equivalent('wizard.core.access.x_principal_class', ('probe = Request(who.arn, "probe:Probe", "")',), ('probe = Request(who.arn, "XXprobe:ProbeXX", "")',), ACC2_PROBE_REQUEST),
    Equivalent('wizard.core.access.x_principal_class', ('probe = Request(who.arn, "probe:Probe", "")',), ('probe = Request(who.arn, "probe:probe", "")',), ACC2_PROBE_REQUEST),
    Equivalent('wizard.core.access.x_principal_class', ('probe = Request(who.arn, "probe:Probe", "")',), ('probe = Request(who.arn, "PROBE:PROBE", "")',), ACC2_PROBE_REQUEST),
    Equivalent('wizard.core.access.x_principal_class', ('probe = Request(who.arn, "probe:Probe", "")',), ('probe = Request(who.arn, "probe:Probe", "XXXX")',), ACC2_PROBE_REQUEST),
    Equivalent('wizard.core.access.x_principal_class', ('probe = Request(who.arn, "probe:Probe", "")',), ('probe = Request(who.arn, None, "")',), ACC2_PROBE_REQUEST),
    Equivalent('wizard.core.access.x_principal_class', ('probe = Request(who.arn, "probe:Probe", "")',), ('probe = Request(who.arn, "probe:Probe", None)',), ACC2_PROBE_REQUEST),
    Equivalent('wizard.core.access.x_principal_rows', ('yield rows_for(setting, w, TABLE)',), ('yield rows_for(setting, w, )',), ACC2_DEFAULTS),
    Equivalent('wizard.core.access.x_rows_for', ('out.append(_widen(setting, row, group) if len(group) > 1 else row)',), ('out.append(_widen(setting, row, group) if (len(group) > 1) or True else row)',), ACC2_GROUPS),
    Equivalent('wizard.core.access.x_rows_for', ('out.append(_widen(setting, row, group) if len(group) > 1 else row)',), ('out.append(_widen(setting, row, group) if len(group) >= 1 else row)',), ACC2_GROUPS),
    Equivalent('wizard.core.access.x_strangers', ('other = next(str(n) for n in range(999999999999, 0, -1) if str(n) not in accounts)',), ('other = next(str(n) for n in range(999999999999, 1, -1) if str(n) not in accounts)',), ACC2_STRANGER),
    Equivalent('wizard.core.access.x_strangers', ('return (Who(f"arn:{partition}:iam::{account}:role/{name}", f"anyone else in {account}", (), stranger=True),',), ('return (Who(f"arn:{partition}:iam::{account}:role/{name}", f"anyone else in {account}", (), stranger=None),',), ACC2_STRANGER),
    Equivalent('wizard.core.access.x_strangers', ('return (Who(f"arn:{partition}:iam::{account}:role/{name}", f"anyone else in {account}", (), stranger=True),',), ('return (Who(f"arn:{partition}:iam::{account}:role/{name}", f"anyone else in {account}", (), ),',), ACC2_STRANGER),
    Equivalent('wizard.core.access.x_strangers', ('return (Who(f"arn:{partition}:iam::{account}:role/{name}", f"anyone else in {account}", (), stranger=True),',), ('return (Who(f"arn:{partition}:iam::{account}:role/{name}", f"anyone else in {account}", (), stranger=False),',), ACC2_STRANGER),
    Equivalent('wizard.core.access.x_strangers', ('stranger=True))',), ('stranger=None))',), ACC2_STRANGER),
    Equivalent('wizard.core.access.x_strangers', ('stranger=True))',), ('))',), ACC2_STRANGER),
    Equivalent('wizard.core.access.x_strangers', ('stranger=True))',), ('stranger=False))',), ACC2_STRANGER),
    Equivalent('wizard.core.access.x_stream_classes', ('shared[id(setting.key.policy.body)] = setting.key.policy',), ('shared[id(None)] = setting.key.policy',), ACC2_GROUPS),
    Equivalent('wizard.core.access.x_stream_classes', ('for stream, subject, signature in zip(setting.streams, subjects, common, strict=True):',), ('for stream, subject, signature in zip(setting.streams, subjects, common, strict=None):',), ACC2_ZIP),
    Equivalent('wizard.core.access.x_stream_classes', ('for stream, subject, signature in zip(setting.streams, subjects, common, strict=True):',), ('for stream, subject, signature in zip(setting.streams, subjects, common, ):',), ACC2_ZIP),
    Equivalent('wizard.core.access.x_stream_classes', ('for stream, subject, signature in zip(setting.streams, subjects, common, strict=True):',), ('for stream, subject, signature in zip(setting.streams, subjects, common, strict=False):',), ACC2_ZIP),
    Equivalent('wizard.core.access.x_stream_classes', ('return [setting.streams] if setting.streams else []',), ('return [setting.streams] if (setting.streams) or True else []',), ACC2_GROUPS),
    Equivalent('wizard.core.access.x_stream_classes', ('[[s.kind, _canonical(s.body, stream.arn)] for s in own], sort_keys=True, default=str))',), ('[[s.kind, _canonical(s.body, stream.arn)] for s in own], sort_keys=True, default=None))',), ACC2_JSON),
    Equivalent('wizard.core.access.x_stream_classes', ('[[s.kind, _canonical(s.body, stream.arn)] for s in own], sort_keys=True, default=str))',), ('[[s.kind, _canonical(s.body, stream.arn)] for s in own], sort_keys=True, ))',), ACC2_JSON),
    Equivalent('wizard.core.access.xǁRowǁ__init__', ('self.decision: str = verdict.decision if verdict is not None else like.decision if like else UNKNOWN',), ('self.decision: str = verdict.decision if verdict is not None else like.decision if (like) or True else UNKNOWN',), ACC2_DEFAULTS),
    Equivalent('wizard.core.access.xǁSettingǁother_stream', ('return Stream(name, f"arn:{self.partition}:kinesis:{self.region}:{self.account}:stream/{name}")',), ('return Stream(None, f"arn:{self.partition}:kinesis:{self.region}:{self.account}:stream/{name}")',), ACC2_DEFAULTS),
]

# --- evaluate.py (helper mut-eval2), _decide ---
EVAL2_ACCOUNT_UNKNOWN = ("evaluate._decide: without the resource policy (res_known False) `direct` is None, and `account` "
                         "(False when read from no statements, else None) is only ORed with that None (another account) "
                         "or ANDed with id_allow and then ORed with it (KMS, same account): None either way; _missing "
                         "asks only `is not True`, and _reasons reads it only when the policy is known")
EVAL2_ACCOUNT_ANY = ("evaluate._decide: res.allows(None) is `direct` OR `account` (a True or unknown result's scope is "
                     "'principal', 'account' or 'any'; a False one adds nothing), and every use of `account` is beside "
                     "`direct`: ORed with it, read only when it is not True, or compared with False once it is False")

EQUIVALENTS += [
    Equivalent('wizard.core.evaluate.x__decide', ('account = res.allows("account") if res_known else None',), ('account = res.allows("account") if (res_known) or True else None',), EVAL2_ACCOUNT_UNKNOWN),
    Equivalent('wizard.core.evaluate.x__decide', ('account = res.allows("account") if res_known else None',), ('account = res.allows(None) if res_known else None',), EVAL2_ACCOUNT_ANY),
]

# --- bundle_folder.py: _copy_identity, file_sha256 (mut-folder2) ---

OPEN_FLAGS = ("bundle_folder.file_sha256: on Linux (where the mutation run and the tests run) os has O_NOFOLLOW and "
              "O_NONBLOCK, so getattr's default (for systems without them) is never used; removing O_NONBLOCK itself is "
              "not equivalent (a named pipe would hang the check) and is killed")
CHUNK = ("bundle_folder.file_sha256: the file is read to its end in chunks fed to one sha256, so the chunk size "
         "changes how many reads are made, never the digest")

EQUIVALENTS += [
    # XATTR_LINK (above): getxattr and setxattr on folders that are never links
    Equivalent('wizard.core.bundle_folder.x__copy_identity', ('os.setxattr(dest, attr, os.getxattr(src, attr, follow_symlinks=False), follow_symlinks=False)',), ('os.setxattr(dest, attr, os.getxattr(src, attr, follow_symlinks=False), )',), XATTR_LINK),
    Equivalent('wizard.core.bundle_folder.x__copy_identity', ('os.setxattr(dest, attr, os.getxattr(src, attr, follow_symlinks=False), follow_symlinks=False)',), ('os.setxattr(dest, attr, os.getxattr(src, attr, follow_symlinks=None), follow_symlinks=False)',), XATTR_LINK),
    Equivalent('wizard.core.bundle_folder.x__copy_identity', ('os.setxattr(dest, attr, os.getxattr(src, attr, follow_symlinks=False), follow_symlinks=False)',), ('os.setxattr(dest, attr, os.getxattr(src, attr, ), follow_symlinks=False)',), XATTR_LINK),
    Equivalent('wizard.core.bundle_folder.x__copy_identity', ('os.setxattr(dest, attr, os.getxattr(src, attr, follow_symlinks=False), follow_symlinks=False)',), ('os.setxattr(dest, attr, os.getxattr(src, attr, follow_symlinks=True), follow_symlinks=False)',), XATTR_LINK),
    Equivalent('wizard.core.bundle_folder.x__copy_identity', ('os.setxattr(dest, attr, os.getxattr(src, attr, follow_symlinks=False), follow_symlinks=False)',), ('os.setxattr(dest, attr, os.getxattr(src, attr, follow_symlinks=False), follow_symlinks=True)',), XATTR_LINK),
    # OPEN_FLAGS
    Equivalent('wizard.core.bundle_folder.x_file_sha256', ('fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))',), ('fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", None) | getattr(os, "O_NONBLOCK", 0))',), OPEN_FLAGS),
    Equivalent('wizard.core.bundle_folder.x_file_sha256', ('fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))',), ('fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", ) | getattr(os, "O_NONBLOCK", 0))',), OPEN_FLAGS),
    Equivalent('wizard.core.bundle_folder.x_file_sha256', ('fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))',), ('fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 1) | getattr(os, "O_NONBLOCK", 0))',), OPEN_FLAGS),
    Equivalent('wizard.core.bundle_folder.x_file_sha256', ('fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))',), ('fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", None))',), OPEN_FLAGS),
    Equivalent('wizard.core.bundle_folder.x_file_sha256', ('fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))',), ('fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", ))',), OPEN_FLAGS),
    Equivalent('wizard.core.bundle_folder.x_file_sha256', ('fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))',), ('fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 1))',), OPEN_FLAGS),
    # CHUNK
    Equivalent('wizard.core.bundle_folder.x_file_sha256', ('while chunk := os.read(fd, 1 << 16):',), ('while chunk := os.read(fd, 2 << 16):',), CHUNK),
    Equivalent('wizard.core.bundle_folder.x_file_sha256', ('while chunk := os.read(fd, 1 << 16):',), ('while chunk := os.read(fd, 1 << 17):',), CHUNK),
    # --- access_text.py, actions.py (lead) ---
    # ACCESS_TEXT_SELF_RENAME
    Equivalent('wizard.core.access_text.x_lines', ('out += [_renamed(line, first.who) for line in made[key]] if alike[0].who is not first.who else made[key]',), ('out += [_renamed(line, first.who) for line in made[key]] if (alike[0].who is not first.who) or True else made[key]',), ACCESS_TEXT_SELF_RENAME),
    # ACCESS_TEXT_FINER_KEY
    Equivalent('wizard.core.access_text.x_markdown', ('line.reasons[:1] if line.decision == UNKNOWN else ())',), ('line.reasons[:1] if (line.decision == UNKNOWN) or True else ())',), ACCESS_TEXT_FINER_KEY),
    Equivalent('wizard.core.access_text.x_markdown', ('line.reasons[:1] if line.decision == UNKNOWN else ())',), ('line.reasons[:2] if line.decision == UNKNOWN else ())',), ACCESS_TEXT_FINER_KEY),
    # ACCESS_TEXT_LAST_ROW
    Equivalent('wizard.core.access_text.x_markdown', ('return "\\n".join(out).rstrip("\\n") + "\\n"',), ('return "\\n".join(out).rstrip(None) + "\\n"',), ACCESS_TEXT_LAST_ROW),
    Equivalent('wizard.core.access_text.x_markdown', ('return "\\n".join(out).rstrip("\\n") + "\\n"',), ('return "\\n".join(out).rstrip("XX\\nXX") + "\\n"',), ACCESS_TEXT_LAST_ROW),
    # ACTIONS_CONSUMER_SHARE
    Equivalent('wizard.core.actions.x_consumer', ('return shareable(on_stream, service), shareable(on_consumer, service)',), ('return shareable(on_stream, service), shareable(on_consumer, None)',), ACTIONS_CONSUMER_SHARE),
    Equivalent('wizard.core.actions.x_consumer', ('return shareable(on_stream, service), shareable(on_consumer, service)',), ('return shareable(on_stream, service), shareable(on_consumer, )',), ACTIONS_CONSUMER_SHARE),
    # DEFAULTS
    Equivalent('wizard.core.actions.x_producer', ('def producer(*, external: bool = False) -> tuple[str, ...]:',), ('def producer(*, external: bool = True) -> tuple[str, ...]:',), DEFAULTS),
    Equivalent('wizard.core.actions.x_producer', ('return shareable(PRODUCER) if external else PRODUCER',), ('return shareable(PRODUCER) if (external) and False else PRODUCER',), DEFAULTS),
    Equivalent('wizard.core.actions.x_producer', ('return shareable(PRODUCER) if external else PRODUCER',), ('return shareable(PRODUCER) if (external) or True else PRODUCER',), DEFAULTS),
    # --- validate.py, display.py (lead) ---
    Equivalent('wizard.core.validate.x_parse_principal', ('if len(value) > 64 and IAM_NAME_RE.fullmatch(value[:64]):',), ('if len(value) >= 64 and IAM_NAME_RE.fullmatch(value[:64]):',), "validate.parse_principal: a value of exactly 64 characters whose 64 characters make a name is a valid name, returned just above, so >= 64 and > 64 differ on no value that reaches the length rule"),
    Equivalent('wizard.core.display.x_plain_text_rule', ('index, char = next((i, c) for i, c in enumerate(text) if _escape(c, False) != c)',), ('index, char = next((i, c) for i, c in enumerate(text) if _escape(c, None) != c)',), "display.plain_text_rule: _escape reads keep_newlines only for its truth, so None is False"),
]

# --- bundle_folder.py: _walk, _Replace._swap (mut-folder3) ---

WALK_NO_FOLLOW = ("bundle_folder._walk: DirEntry.stat reads follow_symlinks only for its truth, so None is False: a link "
                  "is listed as a link either way")
SET_ASIDE_FALSE = ("bundle_folder._Replace._swap: set_aside is only ever read for its truth (whether the journal is kept "
                   "for the next run), so None after a put-back is False")

EQUIVALENTS += [
    Equivalent('wizard.core.bundle_folder.x__walk', ('info = entry.stat(follow_symlinks=False)',), ('info = entry.stat(follow_symlinks=None)',), WALK_NO_FOLLOW),
    Equivalent('wizard.core.bundle_folder.xǁ_Replaceǁ_swap', ('self.set_aside = False',), ('self.set_aside = None',), SET_ASIDE_FALSE),
]

# --- fields.own_consumer_default (lead, session 5) ---

ARN_ACCOUNT_UNREAD = ("fields.own_consumer_default: parse_principal reads its account argument only for a bare role "
                      "name, and own_consumer_default calls it only for an ARN (it returns before for anything "
                      "else), so any account gives the same answer")

EQUIVALENTS += [
    Equivalent('wizard.core.fields.x_own_consumer_default',
               ('parsed, _ = parse_principal(text, match.group(1), answers.account.strip())',),
               ('parsed, _ = parse_principal(text, match.group(1), None)',), ARN_ACCOUNT_UNREAD),
]

# --- bundle_folder.py: the lock, _Replace.run, _Signals, write_folder (mut-folder4) ---

NOTE_RESULT = "bundle_folder.write_folder: what a note returns is never read, so the default note may return 0 or None"
TRUTH_ONLY = ("bundle_folder: set_aside, dirty and _Signals.holding are only ever read for their truth (whether the "
              "journal is kept, whether signals wait), so None is False")
DIRTY_UNREAD = ("bundle_folder._Replace.run: the first value of dirty is read only by release(), which does nothing "
                "unless acquire() took the lock, and dirty is set anew right after it does")
STAGING_NO_INO = ("bundle_folder._Replace.run: staging_ino stays at its first value only when mkdir of the new folder "
                  "failed; then the folder at that name is not this run's and is left whether the value is None or "
                  "'' (no inode equals '')")
EEXIST_TEXT = ("bundle_folder._Replace._swap: _commit turns the FileExistsError into its own message by errno alone; "
               "the error's text is never shown")
STAT_NO_FOLLOW = "bundle_folder._Lock.acquire: os.stat reads follow_symlinks only for its truth, so None is False"

EQUIVALENTS += [
    Equivalent('wizard.core.bundle_folder.x_write_folder', ('note = note or (lambda _message: None)',),
               ('note = note or (lambda _message: 0)',), NOTE_RESULT),
    Equivalent('wizard.core.bundle_folder.xǁ_Replaceǁ__init__',
               ('self.set_aside = False  # the old folder is at `aside`, moved there by this run',),
               ('self.set_aside = None  # the old folder is at `aside`, moved there by this run',), TRUTH_ONLY),
    Equivalent('wizard.core.bundle_folder.xǁ_Signalsǁ__init__',
               ('self.holding = False  # True while signals wait: in a critical part, once stopped, and from the swap on',),
               ('self.holding = None  # True while signals wait: in a critical part, once stopped, and from the swap on',),
               TRUTH_ONLY),
    Equivalent('wizard.core.bundle_folder.xǁ_Replaceǁrun', ('dirty = False',), ('dirty = None',), TRUTH_ONLY),
    Equivalent('wizard.core.bundle_folder.xǁ_Replaceǁrun',
               ('dirty = False  # only read once the lock is held: release() does nothing before',),
               ('dirty = None  # only read once the lock is held: release() does nothing before',), DIRTY_UNREAD),
    Equivalent('wizard.core.bundle_folder.xǁ_Replaceǁrun',
               ('dirty = False  # only read once the lock is held: release() does nothing before',),
               ('dirty = True  # only read once the lock is held: release() does nothing before',), DIRTY_UNREAD),
    Equivalent('wizard.core.bundle_folder.xǁ_Replaceǁrun', ('staging_ino = None',), ('staging_ino = ""',),
               STAGING_NO_INO),
    Equivalent('wizard.core.bundle_folder.xǁ_Replaceǁ_swap',
               ('raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST))  # _commit says what it means',),
               ('raise FileExistsError(errno.EEXIST, None)  # _commit says what it means',), EEXIST_TEXT),
    Equivalent('wizard.core.bundle_folder.xǁ_Lockǁacquire',
               ('if os.path.samestat(os.fstat(fd), os.stat(self.path, follow_symlinks=False)):',),
               ('if os.path.samestat(os.fstat(fd), os.stat(self.path, follow_symlinks=None)):',), STAT_NO_FOLLOW),
]
