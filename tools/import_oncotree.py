#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes knowledgebase/oncotree.json from one dated OncoTree release in a git copy of cBioPortal/oncotree.

Every code of the release is kept with its name, parent, main type and tissue. OncoTree's root TISSUE
is replaced by the precis roots SOLID (parent of every solid tissue root) and HEME (parent of the
haematological tissue roots MYELOID and LYMPH). Two look-up tables are added:

* retired: codes of older releases (and codes named in any release's history, revocations or
  precursors) that are not in the imported release, each mapped through history/revocations/precursors
  (followed to codes of the imported release). An empty replaced_by means removed without a replacement.
* development: codes of OncoTree's development tree (same commit) that are not yet in the release,
  each mapped to its nearest ancestor that is in the release.

Usage: import_oncotree.py --repo PATH/TO/oncotree.git [--commit HEAD] [--release oncotree_2025_10_03]
                          [--out knowledgebase/oncotree.json]
Only the Python standard library and the git command are used.
"""
import argparse
import json
import re
import subprocess
import sys

REPOSITORY = "cBioPortal/oncotree"
HEME_TISSUE_ROOTS = ("MYELOID", "LYMPH", "HEMATOPOIETIC")
CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9_/-]*$")
MAPPING_FIELDS = ("history", "revocations", "precursors")
DEVELOPMENT_TREE = "trees/oncotree_development.json"
LEGACY_TREE = "trees/oncotree_legacy_1.1.json"


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, text=True).stdout


def read_tree(repo, commit, path):
    """All nodes of one tree file, flattened: code -> node (children removed)."""
    nodes = {}

    def walk(children):
        for code, node in children.items():
            nodes[code] = {key: value for key, value in node.items() if key != "children"}
            walk(node.get("children") or {})

    walk(json.loads(git(repo, "show", f"{commit}:{path}")))
    return nodes


def dated_releases(repo, commit):
    """Release names (oncotree_YYYY_MM_DD) in trees/ at the commit, oldest first."""
    names = git(repo, "ls-tree", "--name-only", commit, "trees/").split()
    found = [re.fullmatch(r"trees/(oncotree_\d{4}_\d{2}_\d{2})\.json", name) for name in names]
    return sorted(match.group(1) for match in found if match)


def licence(repo, commit):
    text = git(repo, "show", f"{commit}:LICENSE.md")
    if "Creative Commons Attribution 4.0 International Public License" not in text:
        sys.exit("import_oncotree: LICENSE.md is not CC BY 4.0 at this commit; check the licence by hand")
    return "CC BY 4.0"


def precis_parent(code, node):
    if node["parent"] != "TISSUE":
        return node["parent"]
    return "HEME" if code in HEME_TISSUE_ROOTS else "SOLID"


def types_table(release):
    """precis roots, then the release in tree order (pre-order, children sorted by code)."""
    children = {}
    for code, node in release.items():
        if code != "TISSUE":
            children.setdefault(precis_parent(code, node), []).append(code)
    if not children.get("HEME"):
        sys.exit("import_oncotree: no haematological tissue root found under TISSUE")
    out = [
        {"code": "SOLID", "name": "Any solid tumour", "parent": None, "tissue": None},
        {"code": "HEME", "name": "Any haematological malignancy (myeloid or lymphoid)", "parent": None,
         "tissue": None},
    ]

    def visit(parent):
        for code in sorted(children.get(parent, [])):
            node = release[code]
            if not CODE_PATTERN.match(code):
                sys.exit(f"import_oncotree: code {code!r} does not match {CODE_PATTERN.pattern}")
            out.append({"code": code, "name": node["name"], "parent": precis_parent(code, node),
                        "main_type": node["mainType"], "tissue": node["tissue"]})
            visit(code)

    visit("SOLID")
    visit("HEME")
    return out


def mapping_edges(trees):
    """old code -> {(new code, field)} from every tree's history/revocations/precursors."""
    edges = {}
    for nodes in trees.values():
        for code, node in nodes.items():
            for field in MAPPING_FIELDS:
                for old in node.get(field) or []:
                    if old != code:
                        edges.setdefault(old, set()).add((code, field))
    return edges


def resolve(code, edges, current, seen=()):
    """Codes of the release that `code` maps to, and the fields used."""
    targets, fields = set(), set()
    for new, field in edges.get(code, ()):
        fields.add(field)
        if new in current:
            targets.add(new)
        elif new not in seen:
            more, more_fields = resolve(new, edges, current, seen + (code,))
            targets |= more
            fields |= more_fields
    return targets, fields


def retired_table(trees, current):
    upper_current = {code.upper() for code in current}
    last_seen = {}
    for name, nodes in trees.items():  # oldest first
        for code, node in nodes.items():
            last_seen[code] = (name, node["name"])
    edges = mapping_edges(trees)
    candidates = (set(last_seen) | set(edges)) - set(current) - {"TISSUE"}
    out = []
    for code in sorted(candidates):
        if code.upper() in upper_current:  # e.g. SpCC, aCML: codes are case-insensitive in precis
            continue
        if not CODE_PATTERN.match(code):
            sys.exit(f"import_oncotree: retired code {code!r} does not match {CODE_PATTERN.pattern}")
        targets, fields = resolve(code, edges, current)
        last, name = last_seen.get(code, (None, None))
        entry = {"code": code, "name": name, "replaced_by": sorted(targets), "note": ""}
        if targets:
            entry["note"] = (f"retired OncoTree code{f' (last in {last})' if last else ''}, replaced"
                             f" through OncoTree {'/'.join(sorted(fields))}")
        else:
            entry["note"] = (f"removed from OncoTree without a replacement"
                             f"{f' (last in {last})' if last else ''}")
        out.append(entry)
    return out


def nearest_release_ancestor(code, development, release):
    """The nearest ancestor of a development-tree code that the release has (as a precis code)."""
    node = code
    while node not in release:
        if node in HEME_TISSUE_ROOTS:
            return "HEME"
        node = development.get(node, {}).get("parent")
        if node is None:
            return None
    return "SOLID" if node == "TISSUE" else node


def development_table(development, release, release_name, taken, commit):
    out = []
    for code in sorted(set(development) - set(release) - taken):
        ancestor = nearest_release_ancestor(code, development, release)
        if ancestor is None or not CODE_PATTERN.match(code):
            sys.exit(f"import_oncotree: development code {code!r} cannot be placed in {release_name}")
        out.append({"code": code, "name": development[code]["name"], "replaced_by": [ancestor],
                    "note": f"only in OncoTree's development tree (commit {commit[:7]}), not in {release_name},"
                            f" so read as its nearest ancestor in that release"})
    return out


def read_release(repo, commit, release_name):
    """The release, and every tree older than it (legacy and dated, oldest first) plus itself."""
    releases = dated_releases(repo, commit)
    release_name = release_name or releases[-1]
    if release_name not in releases:
        sys.exit(f"import_oncotree: {release_name} is not a dated release at {commit}")
    release = read_tree(repo, commit, f"trees/{release_name}.json")
    trees = {"oncotree_legacy_1.1": read_tree(repo, commit, LEGACY_TREE)}
    for name in releases[: releases.index(release_name)]:
        trees[name] = read_tree(repo, commit, f"trees/{name}.json")
    trees[release_name] = release
    return release_name, release, trees


def notes(release_name):
    return [
        f"Every code of {release_name} except its root TISSUE; written by tools/import_oncotree.py.",
        "SOLID and HEME are precis roots, not OncoTree codes: solid tissue roots (OncoTree parent "
        "TISSUE) are re-parented to SOLID, the haematological tissue roots MYELOID and LYMPH to HEME.",
        "retired: codes of older releases (oncotree_legacy_1.1 and the dated releases up to this one) "
        "or named in their history/revocations/precursors, mapped to codes of this release; an empty "
        "replaced_by means removed without a replacement.",
        f"development: codes of {DEVELOPMENT_TREE} at the same commit that are not in this release, "
        "mapped to their nearest ancestor in it.",
    ]


def build_document(repo, commit, release_name):
    release_name, release, trees = read_release(repo, commit, release_name)
    retired = retired_table(trees, set(release) - {"TISSUE"})
    development = development_table(read_tree(repo, commit, DEVELOPMENT_TREE), release, release_name,
                                    {entry["code"] for entry in retired}, commit)
    path = f"trees/{release_name}.json"
    date = "-".join(release_name.split("_")[1:])
    return {
        "version": f"{release_name} (+ precis roots SOLID, HEME)",
        "source": {"repository": f"https://github.com/{REPOSITORY}", "path": path, "commit": commit,
                   "release": release_name, "release_date": date, "licence": licence(repo, commit),
                   "licence_url": f"https://github.com/{REPOSITORY}/blob/{commit}/LICENSE.md",
                   "importer": "tools/import_oncotree.py"},
        "notes": notes(release_name),
        "sources": [
            {"type": "database", "id": f"OncoTree {release_name}", "date": date,
             "url": f"https://github.com/{REPOSITORY}/blob/{commit}/{path}",
             "note": f"{REPOSITORY} {path} at commit {commit}; OncoTree is released under CC BY 4.0 "
                     "(LICENSE.md of that repository)."},
        ],
        "types": types_table(release),
        "retired": retired,
        "development": development,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", required=True, help="git directory of a cBioPortal/oncotree copy")
    parser.add_argument("--commit", default="HEAD")
    parser.add_argument("--release", help="release name, e.g. oncotree_2025_10_03 (default: newest dated)")
    parser.add_argument("--out", default="knowledgebase/oncotree.json")
    args = parser.parse_args()
    commit = git(args.repo, "rev-parse", f"{args.commit}^{{commit}}").strip()
    document = build_document(args.repo, commit, args.release)
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump(document, out, indent=1, ensure_ascii=False)
        out.write("\n")
    print(f"{args.out}: {len(document['types'])} tumour types, {len(document['retired'])} retired codes, "
          f"{len(document['development'])} development codes from {document['source']['path']} at "
          f"{commit[:12]}")


if __name__ == "__main__":
    main()
