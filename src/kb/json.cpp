// SPDX-License-Identifier: Apache-2.0
#include "kb/json.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <filesystem>
#include <map>
#include <memory>

#include "common/files.hpp"
#include "common/strings.hpp"

namespace precis::kb {

namespace {

//! 1-based line and column of a byte offset, for parse-error messages.
std::string line_column(const std::string& text, std::size_t offset) {
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

std::string pointer_text(const rapidjson::Pointer& pointer) {
    rapidjson::StringBuffer buffer;
    pointer.StringifyUriFragment(buffer);
    std::string text = buffer.GetString();
    // "#/a/b" -> "/a/b"; the root is "/".
    if (!text.empty() && text.front() == '#') {
        text.erase(0, 1);
    }
    return text.empty() ? "/" : text;
}

//! Resolves cross-file "$ref": "common.schema.json#/definitions/x" relative to the schema directory.
class SchemaProvider : public rapidjson::IRemoteSchemaDocumentProvider {
  public:
    explicit SchemaProvider(std::filesystem::path directory) : directory_(std::move(directory)) {}

    const rapidjson::SchemaDocument* GetRemoteDocument(const char* uri,
                                                       rapidjson::SizeType /*length*/) override {
        // RapidJSON 1.1 passes a length one short of the part before '#'; `uri` points into the
        // NUL-terminated "$ref" string, so read it up to the '#' ourselves.
        std::string name(uri);
        if (const auto hash = name.find('#'); hash != std::string::npos) {
            name.erase(hash);
        }
        const auto found = cache_.find(name);
        if (found != cache_.end()) {
            return found->second.get();
        }
        const std::filesystem::path path = directory_ / name;
        const std::string text = read_text_file(path.string(), "JSON schema");
        rapidjson::Document document;
        document.Parse(text.c_str(), text.size());
        if (document.HasParseError()) {
            throw Error(ErrorKind::internal, path.string(), "the schema is not valid JSON");
        }
        auto schema = std::make_unique<rapidjson::SchemaDocument>(document, this);
        const rapidjson::SchemaDocument* raw = schema.get();
        cache_.emplace(name, std::move(schema));
        return raw;
    }

  private:
    std::filesystem::path directory_;
    std::map<std::string, std::unique_ptr<rapidjson::SchemaDocument>> cache_;
};

}  // namespace

rapidjson::Document parse_json(const std::string& text, const std::string& label, ErrorKind kind) {
    rapidjson::Document document;
    // JSON text is UTF-8 (RFC 8259). Invalid sequences are rejected here: RapidJSON 1.1 reads past the end
    // of a key ending in a truncated sequence when it writes the key into a schema violation's pointer.
    document.Parse<rapidjson::kParseValidateEncodingFlag>(text.c_str(), text.size());
    if (document.HasParseError()) {
        throw Error(kind, label,
                    std::string("invalid JSON at ") + line_column(text, document.GetErrorOffset()) + ": " +
                        rapidjson::GetParseError_En(document.GetParseError()),
                    "fix the JSON syntax (a JSON linter shows the exact spot)");
    }
    return document;
}

std::vector<std::string> validate_json(const rapidjson::Document& document, const std::string& schema_path,
                                       const std::string& label) {
    const std::string schema_text = read_text_file(schema_path, "JSON schema");
    rapidjson::Document schema_json;
    schema_json.Parse(schema_text.c_str(), schema_text.size());
    if (schema_json.HasParseError()) {
        throw Error(ErrorKind::internal, schema_path, "the schema is not valid JSON");
    }
    SchemaProvider provider(std::filesystem::path(schema_path).parent_path());
    const rapidjson::SchemaDocument schema(schema_json, &provider);

    // RapidJSON 1.1 stops at the first violation. To report every bad item at once, each element of a
    // top-level array is validated on its own (inside a copy of the document holding only that element);
    // the pointer is then rewritten to the element's real index.
    std::vector<std::string> problems;
    const auto check = [&](const rapidjson::Value& value, const std::string& array_key, std::size_t index) {
        rapidjson::SchemaValidator validator(schema);
        if (value.Accept(validator)) {
            return true;
        }
        std::string pointer = pointer_text(validator.GetInvalidDocumentPointer());
        const std::string local = "/" + array_key + "/0";
        if (!array_key.empty() && str::starts_with(pointer, local)) {
            pointer = "/" + array_key + "/" + std::to_string(index) + pointer.substr(local.size());
        }
        problems.push_back(label + ": " + pointer + ": '" + validator.GetInvalidSchemaKeyword() +
                           "' violated (schema " + pointer_text(validator.GetInvalidSchemaPointer()) + ")");
        return false;
    };
    if (!document.IsObject()) {
        check(document, "", 0);
        return problems;
    }
    // First the document without its arrays' contents (catches missing keys, wrong top-level types).
    rapidjson::Document skeleton;
    skeleton.CopyFrom(document, skeleton.GetAllocator());
    std::vector<std::string> array_keys;
    for (auto& member : skeleton.GetObject()) {
        if (member.value.IsArray()) {
            array_keys.emplace_back(member.name.GetString(), member.name.GetStringLength());
            member.value.SetArray();
        }
    }
    check(skeleton, "", 0);
    for (const std::string& key : array_keys) {
        const rapidjson::Value& items = document[key.c_str()];
        for (rapidjson::SizeType i = 0; i < items.Size(); ++i) {
            rapidjson::Document single;
            single.CopyFrom(skeleton, single.GetAllocator());
            rapidjson::Value copy(items[i], single.GetAllocator());
            single[key.c_str()].PushBack(copy, single.GetAllocator());
            check(single, key, i);
        }
    }
    return problems;
}

std::string to_json_string(const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return buffer.GetString();
}

}  // namespace precis::kb
