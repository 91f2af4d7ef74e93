// SPDX-License-Identifier: Apache-2.0
#include "common/json.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "common/files.hpp"
#include "common/strings.hpp"

namespace precis::json {

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

//! Deepest nesting accepted: far beyond any precis document, and shallow enough that no recursive step
//! (validation, traversal) can exhaust the stack.
constexpr int kMaxJsonDepth = 128;

//! Checks nesting depth on the raw text (outside strings) before any recursive parser sees it.
void check_depth(const std::string& text, const std::string& label, ErrorKind kind) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > kMaxJsonDepth) {
                throw Error(kind, label + " (" + line_column(text, i) + ")",
                            "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels",
                            "precis documents are a few levels deep; check what was given");
            }
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
}

//! Rejects what RapidJSON accepts but a reader would misread: a key given twice in one object (which value
//! counts?) and a string with an embedded NUL ("HER2\u0000X" would read as "HER2").
void check_values(const rapidjson::Value& value, const std::string& pointer, const std::string& label,
                  ErrorKind kind) {
    if (value.IsString() && std::strlen(value.GetString()) != value.GetStringLength()) {
        throw Error(kind, label + " " + (pointer.empty() ? "/" : pointer),
                    "the string contains a NUL character (\\u0000)", "remove the control character");
    }
    if (value.IsArray()) {
        for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
            check_values(value[i], pointer + "/" + std::to_string(i), label, kind);
        }
    } else if (value.IsObject()) {
        std::set<std::string> keys;
        for (const auto& member : value.GetObject()) {
            const std::string key(member.name.GetString(), member.name.GetStringLength());
            if (!keys.insert(key).second) {
                throw Error(kind, str::concat({label, " ", pointer, "/", key}),
                            "the key \"" + key + "\" appears twice in one object",
                            "keep one value per key; precis does not guess which one was meant");
            }
            check_values(member.value, str::concat({pointer, "/", key}), label, kind);
        }
    }
}

}  // namespace

rapidjson::Document parse_json(const std::string& text, const std::string& label, ErrorKind kind) {
    check_depth(text, label, kind);
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
    check_values(document, "", label, kind);
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

    // RapidJSON 1.1 stops at the first violation. A valid document (the common case) is validated once, in
    // one pass. An invalid one is validated again piece by piece to report every bad item at once: each
    // element of a top-level array on its own (inside a copy of the document holding only that element),
    // the pointer then rewritten to the element's real index.
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
    if (check(document, "", 0) || !document.IsObject()) {
        return problems;  // valid, or not an object: the one violation found is all there is to say
    }
    problems.clear();
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
    // One copy of the skeleton; each item in turn is the only element of its array (no copy per item).
    rapidjson::Document single;
    single.CopyFrom(skeleton, single.GetAllocator());
    for (const std::string& key : array_keys) {
        const rapidjson::Value& items = document[key.c_str()];
        rapidjson::Value& slot = single[key.c_str()];
        for (rapidjson::SizeType i = 0; i < items.Size(); ++i) {
            slot.Clear();
            slot.PushBack(rapidjson::Value(items[i], single.GetAllocator()), single.GetAllocator());
            check(single, key, i);
        }
        slot.Clear();
    }
    if (problems.empty()) {
        check(document, "", 0);  // a constraint on a whole array (e.g. minItems, uniqueItems)
    }
    // The skeleton's own violation repeats in every per-item check: list each violation once.
    std::vector<std::string> unique;
    for (std::string& problem : problems) {
        if (std::find(unique.begin(), unique.end(), problem) == unique.end()) {
            unique.push_back(std::move(problem));
        }
    }
    return unique;
}

std::string to_json_string(const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return buffer.GetString();
}

}  // namespace precis::json
