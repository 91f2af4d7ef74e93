// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/input_name.hpp"

namespace precis {

//! Incremental SHA-256 (FIPS 180-4), used for input checksums and the knowledge-base content hash.
class Sha256 {
  public:
    Sha256();
    void update(const void* data, std::size_t size);
    void update(std::string_view text) { update(text.data(), text.size()); }
    //! Finishes the digest and returns it as 64 lower-case hex digits. Call once.
    std::string hex_digest();

  private:
    void compress(const std::uint8_t* block);

    std::array<std::uint32_t, 8> state_{};
    std::array<std::uint8_t, 64> buffer_{};
    std::size_t buffered_ = 0;
    std::uint64_t total_bytes_ = 0;
};

//! SHA-256 of a whole file (file.open); throws Error(input) naming file.given if it cannot be read.
std::string sha256_file(const InputName& file);

}  // namespace precis
