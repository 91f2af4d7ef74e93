// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <string>

#include "common/sha256.hpp"

namespace precis {

TEST(Sha256, KnownVectors) {
    Sha256 empty;
    EXPECT_EQ(empty.hex_digest(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    Sha256 abc;
    abc.update("abc");
    EXPECT_EQ(abc.hex_digest(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    Sha256 two_blocks;
    two_blocks.update("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
    EXPECT_EQ(two_blocks.hex_digest(), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, IncrementalEqualsWhole) {
    const std::string text(1000, 'x');
    Sha256 whole;
    whole.update(text);
    Sha256 pieces;
    for (std::size_t i = 0; i < text.size(); i += 7) {
        pieces.update(text.substr(i, 7));
    }
    EXPECT_EQ(whole.hex_digest(), pieces.hex_digest());
}

}  // namespace precis
