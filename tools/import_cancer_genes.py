#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Builds knowledgebase/cancer_genes.json (gene -> role: oncogene | tsg | both | unknown) from CC0 sources.

Usage: tools/import_cancer_genes.py COMPENDIUM.tsv CANCERMINE.tsv[.gz] tools/cancer_genes_curated.tsv > knowledgebase/cancer_genes.json

Inputs (both CC0 1.0, redistributable):
  - IntOGen Compendium_Cancer_Genes.tsv, release 2020.02.02 (Martinez-Jimenez et al., Nat Rev Cancer 2020,
    PMID 32778778); copy used: sigven/geneOncoX @ d39f47f data-raw/intogen/ (with its CC0 LICENSE.txt).
  - CancerMine cancermine_collated.v47.tsv (Lever et al., Nat Methods 2019; Zenodo record 5157772, CC0);
    copy used: sigven/geneOncoX @ d39f47f data-raw/cancermine/data-raw/.
  - tools/cancer_genes_curated.tsv: precis curator rows (hereditary loss-of-function genes absent above).
Rules: IntOGen ROLE Act -> oncogene, LoF -> tsg; ambiguous/empty -> decided by CancerMine (below) else
unknown. CancerMine citation counts summed over cancer types per role, T = 15, R = 3: oncogene if onc >= T
and onc >= R*tsg; tsg if tsg >= T and tsg >= R*onc; both if onc >= T and tsg >= T; else the gene is not
added. COSMIC Cancer Gene Census columns (CGC_*) are never read.
"""
import collections
import csv
import gzip
import json
import sys

THRESHOLD = 15
RATIO = 3


def open_text(path):
    return gzip.open(path, 'rt') if path.endswith('.gz') else open(path, encoding='utf-8')


def cancermine_role(counts):
    onc, tsg = counts['Oncogene'], counts['Tumor_Suppressor']
    if onc >= THRESHOLD and onc >= RATIO * tsg:
        return 'oncogene'
    if tsg >= THRESHOLD and tsg >= RATIO * onc:
        return 'tsg'
    if onc >= THRESHOLD and tsg >= THRESHOLD:
        return 'both'
    return None


def main(compendium, cancermine, curated):
    intogen = collections.defaultdict(set)
    with open_text(compendium) as handle:
        for row in csv.DictReader(handle, delimiter='\t'):
            intogen[row['SYMBOL']].add(row['ROLE'])
    mined = collections.defaultdict(collections.Counter)
    with open_text(cancermine) as handle:
        for row in csv.DictReader(handle, delimiter='\t'):
            mined[row['gene_normalized']][row['role']] += int(row['citation_count'])

    genes = {}
    for symbol, roles in intogen.items():
        roles = {r for r in roles if r}
        evidence = 'IntOGen ROLE ' + ('/'.join(sorted(roles)) or 'empty')
        if roles == {'Act'}:
            role = 'oncogene'
        elif roles == {'LoF'}:
            role = 'tsg'
        else:
            role = cancermine_role(mined[symbol]) if symbol in mined else None
            if role:
                c = mined[symbol]
                evidence += '; CancerMine citations oncogene %d, tumour suppressor %d' % (
                    c['Oncogene'], c['Tumor_Suppressor'])
            role = role or 'unknown'
        genes[symbol] = {'symbol': symbol, 'role': role, 'from': 'intogen', 'evidence': evidence}
    for symbol, counts in mined.items():
        role = None if symbol in genes else cancermine_role(counts)
        if role:
            genes[symbol] = {'symbol': symbol, 'role': role, 'from': 'cancermine',
                             'evidence': 'CancerMine citations oncogene %d, tumour suppressor %d' % (
                                 counts['Oncogene'], counts['Tumor_Suppressor'])}
    with open(curated, encoding='utf-8') as handle:
        for row in csv.DictReader(handle, delimiter='\t'):
            if row['symbol'] in genes:
                sys.exit('curated gene %s is already in the sources' % row['symbol'])
            reason = row['sources'].split(':', 1)[1].replace(';', '; ')
            genes[row['symbol']] = {'symbol': row['symbol'], 'role': row['role'], 'from': 'curator',
                                    'evidence': reason}

    document = {
        'notes': [
            'Cancer genes and their roles for the oncogenicity classification (ClinGen/CGC/VICC, Horak 2022): '
            'OVS1 needs a tumour suppressor, OM2 a known oncogene or tumour suppressor. Built by '
            'tools/import_cancer_genes.py; the rules are in its header. COSMIC Cancer Gene Census and OncoKB '
            'gene lists are not used (their licences forbid redistribution).'],
        'releases': [
            {'id': 'intogen', 'name': 'IntOGen Compendium of Mutational Cancer Driver Genes',
             'version': '2020.02.02', 'licence': 'CC0-1.0',
             'citation': 'Martinez-Jimenez F et al. A compendium of mutational cancer driver genes. '
                         'Nat Rev Cancer 2020;20(10):555-572', 'pmid': '32778778',
             'url': 'https://www.intogen.org/download'},
            {'id': 'cancermine', 'name': 'CancerMine (text-mined oncogene / tumour suppressor roles)',
             'version': 'v47', 'licence': 'CC0-1.0',
             'citation': 'Lever J et al. CancerMine: a literature-mined resource for drivers, oncogenes and '
                         'tumor suppressors in cancer. Nat Methods 2019;16(6):505-507',
             'url': 'https://zenodo.org/record/5157772'},
            {'id': 'curator', 'name': 'precis curator rows (hereditary loss-of-function cancer genes)',
             'version': '2026-11-29', 'licence': 'Apache-2.0',
             'citation': 'precis knowledge base curation'}],
        'genes': [genes[s] for s in sorted(genes)],
    }
    json.dump(document, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write('\n')


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
