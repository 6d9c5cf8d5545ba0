#include "json.h"

#include <algorithm>

#include "hex.h"
#include "utf8.h"

namespace cfsigner {

namespace {

class Parser {
 public:
  Parser(std::string_view text, size_t maxDepth) : text_(text), maxDepth_(maxDepth) {}

  Result<JsonValue> parseDocument() {
    JsonValue root;
    skipWhitespace();
    if (!parseValue(root, 0)) return failure();
    skipWhitespace();
    if (pos_ != text_.size()) {
      fail("unexpected data after the JSON value");
      return failure();
    }
    return root;
  }

 private:
  std::string_view text_;
  size_t maxDepth_;
  size_t pos_ = 0;
  size_t errorPos_ = 0;
  std::string error_;

  Error failure() const {
    return makeError(ErrorCode::Malformed,
                     "Invalid JSON at offset " + std::to_string(errorPos_) + ": " + error_ + ".");
  }

  bool fail(const char* message) {
    errorPos_ = pos_;
    error_ = message;
    return false;
  }

  bool atEnd() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }

  void skipWhitespace() {
    while (!atEnd()) {
      char c = peek();
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  bool consumeLiteral(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return fail("invalid literal");
    pos_ += word.size();
    return true;
  }

  // Recursion is bounded by maxDepth_, so deep input cannot overflow the stack.
  bool parseValue(JsonValue& out, size_t depth) {
    if (atEnd()) return fail("unexpected end of input");
    switch (peek()) {
      case '{': return parseObject(out, depth + 1);
      case '[': return parseArray(out, depth + 1);
      case '"':
        out.type = JsonType::String;
        return parseString(out.text);
      case 't':
        out.type = JsonType::Bool;
        out.boolValue = true;
        return consumeLiteral("true");
      case 'f':
        out.type = JsonType::Bool;
        out.boolValue = false;
        return consumeLiteral("false");
      case 'n':
        out.type = JsonType::Null;
        return consumeLiteral("null");
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return parseNumber(out);
        return fail("unexpected character");
    }
  }

  bool parseObject(JsonValue& out, size_t depth) {
    if (depth > maxDepth_) return fail("nesting is too deep");
    out.type = JsonType::Object;
    ++pos_;  // '{'
    skipWhitespace();
    if (!atEnd() && peek() == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      skipWhitespace();
      if (atEnd() || peek() != '"') return fail("expected a string key");
      JsonMember member;
      if (!parseString(member.key)) return false;
      skipWhitespace();
      if (atEnd() || peek() != ':') return fail("expected ':'");
      ++pos_;
      skipWhitespace();
      if (!parseValue(member.value, depth)) return false;
      out.members.push_back(std::move(member));
      skipWhitespace();
      if (atEnd()) return fail("unexpected end of input in an object");
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == '}') {
        ++pos_;
        break;
      }
      return fail("expected ',' or '}'");
    }
    return checkDuplicateKeys(out);
  }

  // Sorting indices keeps large objects at O(n log n).
  bool checkDuplicateKeys(const JsonValue& object) {
    const std::vector<JsonMember>& members = object.members;
    std::vector<size_t> order(members.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return members[a].key < members[b].key; });
    for (size_t i = 1; i < order.size(); ++i) {
      if (members[order[i]].key == members[order[i - 1]].key) {
        errorPos_ = pos_;
        error_ = "duplicate key \"" + members[order[i]].key + "\"";
        return false;
      }
    }
    return true;
  }

  bool parseArray(JsonValue& out, size_t depth) {
    if (depth > maxDepth_) return fail("nesting is too deep");
    out.type = JsonType::Array;
    ++pos_;  // '['
    skipWhitespace();
    if (!atEnd() && peek() == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      skipWhitespace();
      out.items.emplace_back();
      if (!parseValue(out.items.back(), depth)) return false;
      skipWhitespace();
      if (atEnd()) return fail("unexpected end of input in an array");
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == ']') {
        ++pos_;
        return true;
      }
      return fail("expected ',' or ']'");
    }
  }

  bool readDigits() {
    size_t start = pos_;
    while (!atEnd() && peek() >= '0' && peek() <= '9') ++pos_;
    return pos_ > start;
  }

  bool parseNumber(JsonValue& out) {
    size_t start = pos_;
    bool negative = false;
    if (peek() == '-') {
      negative = true;
      ++pos_;
    }
    if (atEnd() || peek() < '0' || peek() > '9') return fail("expected a digit");
    if (peek() == '0') {
      ++pos_;
      if (!atEnd() && peek() >= '0' && peek() <= '9') return fail("leading zero in a number");
    } else {
      readDigits();
    }
    size_t intEnd = pos_;
    bool isInteger = true;
    if (!atEnd() && peek() == '.') {
      isInteger = false;
      ++pos_;
      if (!readDigits()) return fail("expected a digit after '.'");
    }
    if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
      isInteger = false;
      ++pos_;
      if (!atEnd() && (peek() == '+' || peek() == '-')) ++pos_;
      if (!readDigits()) return fail("expected a digit in the exponent");
    }
    out.type = JsonType::Number;
    out.text = std::string(text_.substr(start, pos_ - start));
    out.isInteger = isInteger;
    if (isInteger) {
      // Accumulate the magnitude in uint64 with explicit overflow checks.
      const uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
      uint64_t magnitude = 0;
      bool fits = true;
      for (size_t i = start + (negative ? 1 : 0); i < intEnd; ++i) {
        uint64_t digit = static_cast<uint64_t>(text_[i] - '0');
        if (magnitude > (limit - digit) / 10) {
          fits = false;
          break;
        }
        magnitude = magnitude * 10 + digit;
      }
      out.fitsInt64 = fits;
      if (fits) {
        out.intValue = negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
      }
    }
    return true;
  }

  // Reads the four hex digits after "\u" at pos_.
  bool readHex4(uint32_t& unit) {
    if (text_.size() - pos_ < 4) return fail("truncated \\u escape");
    unit = 0;
    for (int i = 0; i < 4; ++i) {
      int v = hexDigitValue(text_[pos_ + i]);
      if (v < 0) return fail("invalid \\u escape");
      unit = unit * 16 + static_cast<uint32_t>(v);
    }
    pos_ += 4;
    return true;
  }

  static void appendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  bool parseUnicodeEscape(std::string& out) {
    uint32_t unit;
    if (!readHex4(unit)) return false;
    if (unit >= 0xDC00 && unit <= 0xDFFF) return fail("lone low surrogate escape");
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      if (text_.substr(pos_, 2) != "\\u") return fail("high surrogate escape without a low surrogate");
      pos_ += 2;
      uint32_t low;
      if (!readHex4(low)) return false;
      if (low < 0xDC00 || low > 0xDFFF) return fail("high surrogate escape without a low surrogate");
      unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
    }
    appendUtf8(out, unit);
    return true;
  }

  bool parseString(std::string& out) {
    ++pos_;  // opening quote
    out.clear();
    while (true) {
      if (atEnd()) return fail("unterminated string");
      unsigned char c = static_cast<unsigned char>(peek());
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return fail("raw control character in a string");
      if (c == '\\') {
        ++pos_;
        if (atEnd()) return fail("unterminated string");
        char e = peek();
        ++pos_;
        switch (e) {
          case '"': out.push_back('"'); break;
          case '\\': out.push_back('\\'); break;
          case '/': out.push_back('/'); break;
          case 'b': out.push_back('\b'); break;
          case 'f': out.push_back('\f'); break;
          case 'n': out.push_back('\n'); break;
          case 'r': out.push_back('\r'); break;
          case 't': out.push_back('\t'); break;
          case 'u':
            if (!parseUnicodeEscape(out)) return false;
            break;
          default:
            --pos_;
            return fail("invalid escape");
        }
        continue;
      }
      if (c < 0x80) {
        out.push_back(static_cast<char>(c));
        ++pos_;
        continue;
      }
      size_t len = utf8SequenceLength(text_, pos_);
      if (len == 0) return fail("invalid UTF-8");
      out.append(text_.data() + pos_, len);
      pos_ += len;
    }
  }
};

}  // namespace

const JsonValue* JsonValue::find(std::string_view key) const {
  for (const JsonMember& m : members) {
    if (m.key == key) return &m.value;
  }
  return nullptr;
}

Result<JsonValue> parseJson(std::string_view text, size_t maxDepth) {
  return Parser(text, maxDepth).parseDocument();
}

std::string jsonQuote(std::string_view utf8) {
  static const char kHexLower[] = "0123456789abcdef";
  std::string out;
  out.reserve(utf8.size() + 2);
  out.push_back('"');
  for (char ch : utf8) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHexLower[c >> 4]);
          out.push_back(kHexLower[c & 0x0F]);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
  return out;
}

}  // namespace cfsigner
