// SPDX-License-Identifier: Apache-2.0
// Knowledge-base genes built by hand for the input tests (the KB loader and genes.json are developed
// separately). Spans are Ensembl gene coordinates, 1-based closed, checked in two public sources each:
//   GRCh37 ERBB2 17:37844167-37886679, MET 7:116312444-116438440, PTEN 10:89622870-89731687,
//   RET 10:43572475-43625799, ALK 2:29415640-30144432, CDKN2A 9:21967751-21995300: an Ensembl GRCh37
//   BioMart gene export (ENSG00000141736, ENSG00000105976, ENSG00000171862, ENSG00000165731, ENSG00000171094,
//   ENSG00000147889), matched by hg19 gene lists in other public code;
//   GRCh37 CDK4 12:58141510-58149796 and MDM2 12:69202420-69239060: hg19 gene lists in public analysis code
//   (CDK4 identical in two; MDM2 within 500 bp of a second list's 69201952-69239214);
//   GRCh37 FGFR2 10:123237848-123357972: knowledgebase/genes.json (svart documentation and a gene-panel
//   list); GRCh38 ERBB2 17:39687914-39730426: Ensembl ENSG00000141736 region link and RefSeq NC_000017.11
//   lists.
// FGFR2's kinase_retained_region below is an ILLUSTRATIVE interval for the tests only (the 3' end of the
// gene, where intron 17 / exon 18 lie on the minus strand), not a curated exon coordinate.
#pragma once

#include <vector>

#include "kb/kb_types.hpp"

namespace precis::test {

inline kb::GeneInfo make_gene(const char* symbol, char strand, std::string retained_role = {}) {
    kb::GeneInfo gene;
    gene.symbol = symbol;
    gene.strand = strand;
    gene.fusion_retained_role = std::move(retained_role);
    return gene;
}

inline std::vector<kb::GeneInfo> input_test_genes() {
    std::vector<kb::GeneInfo> genes;
    kb::GeneInfo erbb2 = make_gene("ERBB2", '+');
    erbb2.aliases = {"HER2", "HER-2"};
    erbb2.span[Genome::GRCh37] = {"17", 37844167, 37886679};
    erbb2.span[Genome::GRCh38] = {"17", 39687914, 39730426};
    genes.push_back(erbb2);
    kb::GeneInfo met = make_gene("MET", '+');
    met.span[Genome::GRCh37] = {"7", 116312444, 116438440};
    genes.push_back(met);
    kb::GeneInfo cdk4 = make_gene("CDK4", '-');
    cdk4.span[Genome::GRCh37] = {"12", 58141510, 58149796};
    genes.push_back(cdk4);
    kb::GeneInfo mdm2 = make_gene("MDM2", '+');
    mdm2.span[Genome::GRCh37] = {"12", 69202420, 69239060};
    genes.push_back(mdm2);
    kb::GeneInfo cdkn2a = make_gene("CDKN2A", '-');
    cdkn2a.span[Genome::GRCh37] = {"9", 21967751, 21995300};
    genes.push_back(cdkn2a);
    kb::GeneInfo pten = make_gene("PTEN", '+');
    pten.span[Genome::GRCh37] = {"10", 89622870, 89731687};
    genes.push_back(pten);
    kb::GeneInfo fgfr2 = make_gene("FGFR2", '-', "5prime");
    fgfr2.span[Genome::GRCh37] = {"10", 123237848, 123357972};
    fgfr2.kinase_retained_region[Genome::GRCh37] = {"10", 123237848, 123245000};
    genes.push_back(fgfr2);
    kb::GeneInfo ret = make_gene("RET", '+', "3prime");
    ret.span[Genome::GRCh37] = {"10", 43572475, 43625799};
    genes.push_back(ret);
    kb::GeneInfo alk = make_gene("ALK", '-', "3prime");
    alk.span[Genome::GRCh37] = {"2", 29415640, 30144432};
    genes.push_back(alk);
    genes.push_back(make_gene("NTRK1", '+', "3prime"));
    genes.push_back(make_gene("NTRK3", '-', "3prime"));
    return genes;
}

}  // namespace precis::test
