// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "interpret/request.hpp"
#include "kb/knowledge_base.hpp"
#include "model/report.hpp"

namespace precis::interpret {

//! The whole interpretation of one sample, shared by every front end (CLI, batch, service):
//! 1. the tumour type is resolved against OncoTree (a retired code becomes its replacement, with a warning);
//! 2. every input is read exactly once (streams are spooled to private copies first; small variants from
//!    the VCF or MAF, then copy number, fusions, SVs, IHC, MSI, TMB and the panel BED);
//! 3. the genome build is decided from the data (or checked against request.genome);
//! 4. the alterations are matched against the knowledge base;
//! 5. the report is assembled: provenance (paths as given, file names only under `deterministic`), input
//!    accounting, signatures, cross-checks, thresholds, limitations and the disclaimer.
//! Writes nothing. Throws Error (usage, input) naming the input as the user gave it.
Report interpret(const Request& request, const kb::KnowledgeBase& kb);

}  // namespace precis::interpret
