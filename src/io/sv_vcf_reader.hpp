// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/input_name.hpp"
#include "io/cnv_reader.hpp"
#include "model/profile.hpp"

namespace precis::io {

//! Which side of a breakend position the rearranged chromosome keeps: `left` = the sequence at and
//! before POS (lower coordinates), `right` = at and after POS. VCFv4.3 "Breakends": in `t[p[` / `t]p]`
//! the local piece is left of POS; in `]p]t` / `[p[t` it is right; `[` means the mate's piece extends
//! to the right of p, `]` to the left.
enum class Retained { left, right };

struct SvBreakend {
    std::string chrom;  //!< without "chr"
    std::int64_t pos = 0;
    Retained side = Retained::left;
};

//! One novel adjacency from an SV VCF: two joined breakends, or one for a single breakend.
struct SvJunction {
    SvBreakend first;
    std::optional<SvBreakend> second;  //!< empty for single breakends (GRIDSS "A." / ".A")
    std::optional<int> split_reads;
    std::optional<int> spanning_reads;
    std::string svtype;  //!< BND, DEL, DUP, INV
    std::string id;
    std::string support_note;  //!< why the read support is unknown (an unusable count), else ""
    Where where;
};

struct SvVcfData {
    std::string caller;  //!< manta, delly, gridss, vcf (unknown caller)
    std::vector<SvJunction> junctions;
    std::int64_t rows = 0;                        //!< data rows (records) read
    std::map<std::string, std::int64_t> skipped;  //!< rows skipped or left out, per reason
    //! Records naming a contig or tag the header does not define (kept; see io::check_record).
    std::int64_t undefined_names = 0;
    std::vector<std::string> warnings;
};

//! A breakend ALT parsed: `t[p[`, `t]p]`, `]p]t`, `[p[t`, or a single breakend `t.` / `.t`.
struct BreakendAlt {
    Retained local = Retained::left;
    bool single = false;
    std::string mate_chrom;  //!< without "chr"; empty for single breakends
    std::int64_t mate_pos = 0;
    Retained mate = Retained::left;
};
//! Parses breakend notation (the mate "chr:pos" is split on its last colon); nullopt if not a breakend.
std::optional<BreakendAlt> parse_breakend_alt(std::string_view alt);

//! Reads an SV VCF (plain or bgzipped) with htslib. Manta/GRIDSS mate pairs (MATEID) give one junction
//! per pair; DELLY's single BND record per translocation uses INFO/CHR2 + POS2 (or END) + CT; symbolic
//! <DEL>/<DUP>/<INV> become their junctions. Records that do not PASS are skipped and counted. Read
//! support: Manta FORMAT SR/PR alt counts (sample `sample_id`, else the sample with most support), DELLY
//! INFO SR/PE, GRIDSS INFO SF/DF.
SvVcfData read_sv_vcf(const InputName& file, const std::string& sample_id, bool strict);

//! Reads <DEL>/<DUP>/<CNV> records carrying a copy number (FORMAT/CN for `sample_id` or the first sample,
//! else INFO/CN) as segments [POS+1, END].
CnvData read_cnv_vcf(const InputName& file, const std::string& sample_id, bool strict);

}  // namespace precis::io
