// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

//! `precis batch`: many samples from one samplesheet, against one loaded knowledge base, on worker threads.
namespace precis::batch {

struct BatchOptions {
    std::string samplesheet;
    std::string out;    //!< DIR: DIR/<sample>/ per sample, DIR/batch.json, DIR/cohort.precis.{tsv,html}
    unsigned jobs = 0;  //!< worker threads; 0 = std::thread::hardware_concurrency()
    std::string formats = "json,html,tsv,fhir";
    std::string kb_dir;
    std::string schemas_dir;
    //! Skip samples whose report's input and KB hashes and whose settings fingerprint (in batch.json) are
    //! unchanged.
    bool resume = false;
    bool quiet = false;  //!< no progress on stderr
    std::vector<std::string> command_line;
};

//! The batch's exit code from the samples' ones: 0 when all succeeded, else the most severe class in the
//! order internal 1 > knowledge base 4 > output 5 > input 3 > usage 2.
int combined_exit_code(const std::vector<int>& codes);

//! Runs the batch and returns its exit code (combined_exit_code of the samples). A bad samplesheet throws
//! Error(usage) before any sample runs; a knowledge base that fails to load throws Error(knowledge_base);
//! batch.json or the cohort outputs (cohort::write_cohort) that cannot be written throw Error(output). A
//! failing sample never stops the others: its error is recorded in batch.json and the cohort outputs.
//! Every log line a sample causes names it (LogContext).
int run_batch(const BatchOptions& options);

}  // namespace precis::batch
