#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/cli/validate-json.py - check --json documents against the schemas in
# docs/schema/ (described in docs/json.md), and that the schemas can fail.
#
# usage: validate-json.py SCHEMA FILE...   report each FILE that does not
#                                          match; exit 1 if one does not
#        validate-json.py --batch LIST     LIST: "SCHEMA FILE" lines (from
#                                          tests/cli/run.sh); writes
#                                          FILE.invalid with the reason for
#                                          each that does not match, then
#                                          breaks one valid document per
#                                          schema (a renamed field, a wrong
#                                          type, an unknown enum value) and
#                                          fails if a schema accepts it
# Exit: 0 done (batch: whatever the documents), 1 mismatch or a schema that
# accepts a broken document, 2 cannot run (no python3-jsonschema, bad
# schema). Run with Debian's /usr/bin/python3: a pyenv python3 on PATH
# lacks the module.
# One process for a whole run: python and jsonschema take ~0.1-1 s to start,
# too slow to pay once per CLI run.
import copy
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    print("validate-json.py: python3-jsonschema is needed "
          "(apt-get install python3-jsonschema; run with /usr/bin/python3)", file=sys.stderr)
    sys.exit(2)

# Breakages each schema must reject: (what, JSON path, change). A path is a
# list of keys and indices; the change renames the last key, or sets a value.
RENAME, SET = "rename", "set"
BREAKAGES = {
    "list": [
        ("a renamed top-level field", ["devices"], (RENAME, "device_list")),
        ("schema not 1", ["schema"], (SET, 2)),
        ("a renamed device field", ["devices", 0, "kernel_group"], (RENAME, "group")),
        ("a number as BDF", ["devices", 0, "bdf"], (SET, 0)),
        ("an unknown pcie_type", ["devices", 0, "pcie_type"], (SET, "pcie_endpoint")),
        ("a string as kernel group", ["devices", 0, "kernel_group"], (SET, "3")),
        ("acs neither null, \"unknown\" nor an object", ["devices", 0, "acs"], (SET, "none")),
        ("a BDF in upper case", ["devices", 0, "bdf"], (SET, "0000:0A:00.0")),
        ("null iommu.enabled", ["iommu", "enabled"], (SET, None)),
        ("an unknown iommu.state", ["iommu", "state"], (SET, "maybe")),
        ("a renamed isolation group field", ["isolation_groups", 0, "matches_kernel"],
         (RENAME, "matches")),
    ],
    "why-shared": [
        ("a renamed top-level field", ["shares_with"], (RENAME, "shared_with")),
        ("a string as isolation group", ["isolation_group"], (SET, "1")),
        ("null device", ["device"], (SET, None)),
        ("a reason kind not documented", ["reasons", 0, "kind"], (SET, "no-acs")),
        ("a renamed reason field", ["reasons", 0, "fixable"], (RENAME, "can_fix")),
        ("a would_split group as a string", ["would_split", 0, "groups", 0], (SET, "00:01.0")),
        ("a renamed iommu field", ["iommu", "off_reason"], (RENAME, "why_off")),
        ("a negative iommu.groups", ["iommu", "groups"], (SET, -1)),
    ],
    "attach": [
        ("a renamed top-level field", ["devices"], (RENAME, "members")),
        ("schema not 1", ["schema"], (SET, 2)),
        ("an unknown action", ["devices", 0, "action"], (SET, "unbind")),
        ("an unknown backend", ["backend"], (SET, "vfio")),
        ("a renamed refusal field", ["refusals", 0, "forceable"], (RENAME, "force")),
        ("a string as group", ["group"], (SET, "4")),
    ],
}


def load_validator(path, cache={}):
    if path not in cache:
        with open(path, encoding="utf-8") as f:
            schema = json.load(f)
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        cache[path] = cls(schema)
    return cache[path]


def problem(validator, doc):
    """None if doc matches, else one line saying where and what."""
    err = jsonschema.exceptions.best_match(validator.iter_errors(doc))
    if err is None:
        return None
    where = "/".join(str(p) for p in err.absolute_path) or "(top level)"
    msg = err.message if len(err.message) < 300 else err.message[:300] + "..."
    return "%s: %s" % (where, msg)


def check_file(validator, path):
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        return None, "not JSON: %s" % e
    return doc, problem(validator, doc)


def schema_name(path):
    base = os.path.basename(path)
    return base[:-len(".schema.json")] if base.endswith(".schema.json") else base


def broken(doc, path, change):
    """A copy of doc with the change at path, or None if the path is absent."""
    doc = copy.deepcopy(doc)
    node = doc
    for key in path[:-1]:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return None
    key = path[-1]
    try:
        value = node[key]
    except (KeyError, IndexError, TypeError):
        return None
    if change[0] == RENAME:
        del node[key]
        node[change[1]] = value
    else:
        node[key] = change[1]
    return doc


def self_test(schema_path, validator, docs):
    """Failures: breakages the schema accepts. A breakage whose path no valid
    document has (a run of a few cases) is skipped; the first of each list
    is at the top level and always applies."""
    fails = []
    for what, path, change in BREAKAGES.get(schema_name(schema_path), []):
        applied = False
        for doc in docs:
            bad = broken(doc, path, change)
            if bad is None:
                continue
            applied = True
            if problem(validator, bad) is None:
                fails.append("%s accepts %s (%s)" % (schema_path, what, "/".join(map(str, path))))
            break
        if not applied and path == BREAKAGES[schema_name(schema_path)][0][1]:
            fails.append("%s: no valid document to test %s on" % (schema_path, what))
    return fails


def batch(listfile):
    valid = {}  # schema -> valid documents, for the self-test
    with open(listfile, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            schema, path = line.split(" ", 1)
            validator = load_validator(schema)
            doc, why = check_file(validator, path)
            if why:
                with open(path + ".invalid", "w", encoding="utf-8") as out:
                    out.write("stdout does not match %s: %s\n" % (os.path.basename(schema), why))
            elif len(valid.setdefault(schema, [])) < 200:
                valid[schema].append(doc)
    fails = []
    for schema, docs in valid.items():
        fails += self_test(schema, load_validator(schema), docs)
    for msg in fails:
        print("validate-json.py: " + msg)
    return 1 if fails else 0


def main(argv):
    if len(argv) == 3 and argv[1] == "--batch":
        return batch(argv[2])
    if len(argv) < 3 or argv[1].startswith("-"):
        print(__doc__ or "usage: validate-json.py SCHEMA FILE... | --batch LIST", file=sys.stderr)
        return 2
    validator = load_validator(argv[1])
    rc = 0
    for path in argv[2:]:
        _, why = check_file(validator, path)
        if why:
            print("%s: %s" % (path, why))
            rc = 1
    return rc


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        print("validate-json.py: %s" % e, file=sys.stderr)
        sys.exit(2)
