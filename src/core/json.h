// A small strict JSON (RFC 8259) reader into a DOM, and JSON string quoting
// identical to JS JSON.stringify. Enough for CloudFront policies.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "errors.h"

namespace cfsigner {

enum class JsonType { Null, Bool, Number, String, Array, Object };

struct JsonMember;

struct JsonValue {
  JsonType type = JsonType::Null;
  bool boolValue = false;
  // String: the decoded UTF-8 text. Number: the raw text as written.
  std::string text;
  // Number only: true when written without fraction or exponent.
  bool isInteger = false;
  // Number only: true when isInteger and the value fits in int64_t.
  bool fitsInt64 = false;
  int64_t intValue = 0;
  std::vector<JsonValue> items;     // Array elements.
  std::vector<JsonMember> members;  // Object members, in document order.

  // First member named `key`, or nullptr (also for non-objects).
  const JsonValue* find(std::string_view key) const;
};

struct JsonMember {
  std::string key;
  JsonValue value;
};

constexpr size_t kDefaultJsonMaxDepth = 32;

// Parses exactly one JSON value (surrounding whitespace allowed). Rejects
// duplicate object keys, lone surrogate escapes, raw control characters,
// invalid UTF-8 and nesting deeper than maxDepth. Errors: ErrorCode::Malformed
// with the byte offset in the message.
Result<JsonValue> parseJson(std::string_view text, size_t maxDepth = kDefaultJsonMaxDepth);

// What JS JSON.stringify(string) returns for a well-formed string, quotes
// included. Bytes of invalid UTF-8 are copied through unchanged.
std::string jsonQuote(std::string_view utf8);

}  // namespace cfsigner
