// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

namespace precis {

//! Reads a whole text file; throws Error(kind) naming the file when it cannot be read.
std::string read_text_file(const std::string& path, const std::string& what);

//! Writes `content` to `path` atomically: a temporary file in the same directory, flushed, then renamed.
//! An existing file is replaced only when the new one is complete. Throws Error(output).
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace precis
