#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes a deterministic, WGS-scale, single-tumour-sample GRCh38 VCF to stdout (for tools/bench).

Records are sorted over chr1..chr22, chrX (counts proportional to contig length), mostly PASS SNVs
with some indels, multi-allelic sites and non-PASS records, each with GT:AD:DP:AF for sample BENCH_T.
Four hotspots are planted: BRAF V600E, KRAS G12C, PIK3CA H1047R and IDH1 R132C. No random record is
placed within 10 bp of any knowledge-base hotspot codon (--hotspots), so the planted calls are the
only hotspot hits.

Usage: bench_make_vcf.py [--records N] [--seed S] [--hotspots knowledgebase/hotspots.json] | bgzip ...
"""
import argparse
import json
import random
import sys

# Bump when the output changes (tools/bench also hashes this file).
GENERATOR_VERSION = 1

# GRCh38 primary-assembly contig lengths.
GRCH38 = [
    ("chr1", 248956422), ("chr2", 242193529), ("chr3", 198295559), ("chr4", 190214555),
    ("chr5", 181538259), ("chr6", 170805979), ("chr7", 159345973), ("chr8", 145138636),
    ("chr9", 138394717), ("chr10", 133797422), ("chr11", 135086622), ("chr12", 133275309),
    ("chr13", 114364328), ("chr14", 107043718), ("chr15", 101991189), ("chr16", 90338345),
    ("chr17", 83257441), ("chr18", 80373285), ("chr19", 58617616), ("chr20", 64444167),
    ("chr21", 46709983), ("chr22", 50818468), ("chrX", 156040895), ("chrY", 57227415),
    ("chrM", 16569),
]
RECORD_CONTIGS = [c for c in GRCH38 if c[0] not in ("chrY", "chrM")]

# (chrom, pos, ref, alt, AD ref, AD alt): BRAF V600E, KRAS G12C, PIK3CA H1047R, IDH1 R132C (GRCh38).
PLANTED = [
    ("chr7", 140753336, "A", "T", 61, 39),
    ("chr12", 25245351, "C", "A", 70, 30),
    ("chr3", 179234297, "A", "G", 80, 20),
    ("chr2", 208248389, "G", "A", 55, 45),
]


def header(sample):
    lines = [
        "##fileformat=VCFv4.2",
        "##source=precis tools/bench_make_vcf.py v%d (synthetic benchmark data, not patient data)"
        % GENERATOR_VERSION,
        "##reference=GRCh38",
    ]
    lines += ["##contig=<ID=%s,length=%d>" % c for c in GRCH38]
    lines += [
        '##FILTER=<ID=PASS,Description="All filters passed">',
        '##FILTER=<ID=weak_evidence,Description="Mutect2-style weak evidence filter">',
        '##FILTER=<ID=germline,Description="Likely germline">',
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
        '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths for the ref and alt alleles">',
        '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Read depth">',
        '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction">',
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + sample,
    ]
    return "\n".join(lines) + "\n"


def excluded_windows(path):
    """GRCh38 hotspot codons from the knowledge base, widened by 10 bp, per chrom ("chrN")."""
    windows = {}
    if not path:
        return windows
    with open(path) as handle:
        data = json.load(handle)
    for codon in data.get("codons", []):
        loc = codon.get("GRCh38")
        if not loc:
            continue
        chrom = loc["chrom"]
        chrom = chrom if chrom.startswith("chr") else "chr" + chrom
        windows.setdefault(chrom, []).append((loc["start"] - 10, loc["end"] + 10))
    return windows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=5_000_000, help="approximate record count")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--sample", default="BENCH_T")
    parser.add_argument("--hotspots", default="", help="knowledgebase/hotspots.json (codons to keep clear)")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    out = sys.stdout
    out.write(header(args.sample))

    # Pre-rendered variety, picked by index: keeps the per-record work to a few list look-ups.
    bases = "ACGT"
    snvs = [(r, a) for r in bases for a in bases if r != a]
    alleles = []  # (REF, ALT, n_alt)
    for _ in range(200):
        alleles.extend(snvs)  # ~90 % SNVs
    for _ in range(30):  # indels
        r = rng.choice(bases)
        ins = r + "".join(rng.choice(bases) for _ in range(rng.randint(1, 12)))
        alleles.append((r, ins))
        alleles.append((ins, r))
    for r in bases:  # multi-allelic
        others = [b for b in bases if b != r]
        alleles.append((r, others[0] + "," + others[1]))
    samples_bi = []
    samples_multi = []
    for _ in range(4096):
        dp = rng.randint(20, 250)
        alt = max(1, int(dp * rng.betavariate(2, 5)))
        ref = dp - alt
        gt = "0/1" if alt < dp * 0.9 else "1/1"
        samples_bi.append("%s:%d,%d:%d:%.3f" % (gt, ref, alt, dp, alt / dp))
        alt2 = max(1, alt // 3)
        samples_multi.append("1/2:%d,%d,%d:%d:%.3f,%.3f" % (ref, alt, alt2, dp + alt2, alt / (dp + alt2),
                                                           alt2 / (dp + alt2)))
    filters = ["PASS"] * 18 + ["weak_evidence", "germline"]

    windows = excluded_windows(args.hotspots)
    genome = sum(length for _, length in RECORD_CONTIGS)
    n_alleles = len(alleles)
    n_samples = len(samples_bi)
    n_filters = len(filters)
    rand = rng.getrandbits
    for chrom, length in RECORD_CONTIGS:
        n = max(1, round(args.records * length / genome))
        positions = set(rng.sample(range(1, length - 20), n))
        planted = {p[1]: p for p in PLANTED if p[0] == chrom}
        for start, end in windows.get(chrom, []):
            for pos in range(start - 12, end + 1):  # also keep indel REF spans clear
                positions.discard(pos)
        positions.update(planted)
        buf = []
        prefix = chrom + "\t"
        for pos in sorted(positions):
            if pos in planted:
                _, _, ref, alt, ad_ref, ad_alt = planted[pos]
                dp = ad_ref + ad_alt
                buf.append("%s%d\t.\t%s\t%s\t.\tPASS\t.\tGT:AD:DP:AF\t0/1:%d,%d:%d:%.3f\n"
                           % (prefix, pos, ref, alt, ad_ref, ad_alt, dp, ad_alt / dp))
                continue
            bits = rand(32)
            ref, alt = alleles[bits % n_alleles]
            sample = (samples_multi if "," in alt else samples_bi)[(bits >> 12) % n_samples]
            buf.append(prefix + str(pos) + "\t.\t" + ref + "\t" + alt + "\t.\t" +
                       filters[(bits >> 24) % n_filters] + "\t.\tGT:AD:DP:AF\t" + sample + "\n")
            if len(buf) >= 100000:
                out.write("".join(buf))
                buf.clear()
        out.write("".join(buf))


if __name__ == "__main__":
    main()
