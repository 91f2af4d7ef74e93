// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "common/error.hpp"
#include "io/table_reader.hpp"

namespace precis::io {

TEST(TableReading, CrlfPreambleAndMissingFinalNewline) {
    Table::Options options;
    const Table table = Table::parse("## comment\r\n#gene\tvalue\r\nERBB2\t2\r\nMET\t-2", "t.tsv", options);
    ASSERT_EQ(table.header().size(), 2u);
    EXPECT_EQ(table.header()[0], "gene");
    ASSERT_EQ(table.rows().size(), 2u);
    EXPECT_EQ(table.rows()[1].line, 4);
    EXPECT_EQ(Table::field(table.rows()[1], 1), "-2");
    EXPECT_EQ(table.column({"Value"}), 1u);
}

TEST(TableReading, QuotedCsvFields) {
    const auto fields = split_delimited("\"a,b\",\"say \"\"hi\"\"\",c", ',');
    ASSERT_EQ(fields.size(), 3u);
    EXPECT_EQ(fields[0], "a,b");
    EXPECT_EQ(fields[1], "say \"hi\"");
}

TEST(TableReading, MissingColumnNamesFileLineAndHeader) {
    Table::Options options;
    const Table table = Table::parse("a\tb\n1\t2\n", "x.tsv", options);
    try {
        (void)table.require_column({"Hugo_Symbol"});
        FAIL() << "expected an error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::input);
        EXPECT_EQ(error.where(), "x.tsv:1");
        EXPECT_NE(error.why().find("missing column Hugo_Symbol"), std::string::npos);
        EXPECT_NE(error.why().find("a, b"), std::string::npos);
    }
}

TEST(TableReading, RequiredHeaderSkipsToolMessages) {
    Table::Options options;
    options.required_header_names = {"chromosome", "start"};
    const Table table =
        Table::parse("WARNING: something\n\"chromosome\"\t\"start\"\n\"1\"\t\"5\"\n", "w.seg", options);
    EXPECT_EQ(table.header_line(), 2);
    EXPECT_EQ(Table::field(table.rows()[0], 0), "1");
}

}  // namespace precis::io
