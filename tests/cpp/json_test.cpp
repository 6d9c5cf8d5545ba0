#include "json.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace cfsigner {
namespace {

using namespace std::literals;

std::string allAscii() {
  std::string s;
  for (int i = 0; i < 128; ++i) s.push_back(static_cast<char>(i));
  return s;
}

// Expected outputs come from node's JSON.stringify.
TEST(JsonQuote, MatchesJsonStringify) {
  EXPECT_EQ(jsonQuote(allAscii()),
            "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
            "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c"
            "\\u001d\\u001e\\u001f !\\\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`"
            "abcdefghijklmnopqrstuvwxyz{|}~\177\"");
  EXPECT_EQ(jsonQuote(""), "\"\"");
  EXPECT_EQ(jsonQuote("https://d111111abcdef8.cloudfront.net/*"),
            "\"https://d111111abcdef8.cloudfront.net/*\"");
  // Non-ASCII, U+2028/U+2029, U+0080 and a BOM are never escaped.
  const std::string unicode =
      "caf\xC3\xA9 \xE6\x97\xA5 \xF0\x9F\x98\x80 \xE2\x80\xA8\xE2\x80\xA9 \xC2\x80 \xEF\xBB\xBF";
  EXPECT_EQ(jsonQuote(unicode), "\"" + unicode + "\"");
  EXPECT_EQ(jsonQuote("a/b</script>"), "\"a/b</script>\"");
}

TEST(JsonQuote, InvalidUtf8IsCopied) {
  EXPECT_EQ(jsonQuote("\xFF\xC3"), "\"\xFF\xC3\"");
}

TEST(ParseJson, Scalars) {
  auto r = parseJson(" true ");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().type, JsonType::Bool);
  EXPECT_TRUE(r.value().boolValue);

  r = parseJson("false");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().type, JsonType::Bool);
  EXPECT_FALSE(r.value().boolValue);

  r = parseJson("\r\n\tnull");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().type, JsonType::Null);

  r = parseJson("\"x\"");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().type, JsonType::String);
  EXPECT_EQ(r.value().text, "x");
}

TEST(ParseJson, StringEscapes) {
  // Same text JSON.parse gives for this input.
  auto r = parseJson(R"("\u00e9\uD83D\uDE00\u0000\/\b\f\n\r\t\"\\\u2028")");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().text, "\xC3\xA9\xF0\x9F\x98\x80\0/\b\f\n\r\t\"\\\xE2\x80\xA8"sv);

  r = parseJson(R"("\u0041\u00E9\uFFFF\udbff\udfff")");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().text, "A\xC3\xA9\xEF\xBF\xBF\xF4\x8F\xBF\xBF");

  r = parseJson("\"caf\xC3\xA9 \xF0\x9F\x98\x80\x7F\"");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().text, "caf\xC3\xA9 \xF0\x9F\x98\x80\x7F");
}

TEST(ParseJson, Numbers) {
  struct Case {
    const char* text;
    bool isInteger;
    bool fits;
    int64_t value;
  };
  const Case cases[] = {
      {"0", true, true, 0},
      {"-0", true, true, 0},
      {"7", true, true, 7},
      {"-12", true, true, -12},
      {"2147483647", true, true, 2147483647},
      {"9223372036854775807", true, true, INT64_MAX},
      {"-9223372036854775808", true, true, INT64_MIN},
      {"9223372036854775808", true, false, 0},
      {"-9223372036854775809", true, false, 0},
      {"99999999999999999999999", true, false, 0},
      {"1.0", false, false, 0},
      {"1e3", false, false, 0},
      {"1E+3", false, false, 0},
      {"-0.5e-7", false, false, 0},
  };
  for (const Case& c : cases) {
    auto r = parseJson(c.text);
    ASSERT_TRUE(r.ok()) << c.text << ": " << r.error().message;
    const JsonValue& v = r.value();
    EXPECT_EQ(v.type, JsonType::Number);
    EXPECT_EQ(v.text, c.text);
    EXPECT_EQ(v.isInteger, c.isInteger) << c.text;
    EXPECT_EQ(v.fitsInt64, c.fits) << c.text;
    if (c.fits) {
      EXPECT_EQ(v.intValue, c.value) << c.text;
    }
  }
}

TEST(ParseJson, ObjectsKeepOrder) {
  auto r = parseJson(R"( { "b" : 1 , "a" : [ true , null , "x" , {} , [] ] , "" : {"c":-1} } )");
  ASSERT_TRUE(r.ok()) << r.error().message;
  const JsonValue& v = r.value();
  ASSERT_EQ(v.type, JsonType::Object);
  ASSERT_EQ(v.members.size(), 3u);
  EXPECT_EQ(v.members[0].key, "b");
  EXPECT_EQ(v.members[1].key, "a");
  EXPECT_EQ(v.members[2].key, "");
  const JsonValue* a = v.find("a");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->type, JsonType::Array);
  ASSERT_EQ(a->items.size(), 5u);
  EXPECT_EQ(a->items[0].type, JsonType::Bool);
  EXPECT_EQ(a->items[1].type, JsonType::Null);
  EXPECT_EQ(a->items[2].text, "x");
  EXPECT_EQ(a->items[3].type, JsonType::Object);
  EXPECT_EQ(a->items[4].type, JsonType::Array);
  ASSERT_NE(v.find(""), nullptr);
  EXPECT_EQ(v.find("")->find("c")->intValue, -1);
  EXPECT_EQ(v.find("missing"), nullptr);
  EXPECT_EQ(a->find("a"), nullptr);
}

TEST(ParseJson, Rejects) {
  const std::string_view bad[] = {
      "",
      " ",
      "tru",
      "True",
      "nul",
      "01",
      "-",
      "-01",
      "+1",
      ".5",
      "1.",
      "1e",
      "1e+",
      "0x10",
      "NaN",
      "Infinity",
      "\"abc",
      "\"a\nb\"",
      "\"a\tb\"",
      "\"\\x41\"",
      "\"\\u12\"",
      "\"\\u12G4\"",
      "\"\\uD800\"",
      "\"\\uD800x\"",
      "\"\\uD800\\u0041\"",
      "\"\\uDC00\"",
      "\"\\uDFFF\\uD800\"",
      "\"\xC3\"",
      "\"\xED\xA0\x80\"",
      "\"\xC0\xAF\"",
      "'a'",
      "[1,]",
      "[,1]",
      "[1 2]",
      "{\"a\":1,}",
      "{\"a\" 1}",
      "{a:1}",
      "{\"a\":1 \"b\":2}",
      "{\"a\":1,\"a\":2}",
      "{\"b\":{\"x\":1,\"y\":2,\"x\":3}}",
      "[1] x",
      "{} {}",
      "\xEF\xBB\xBF{}",  // BOM
      "[1]\0"sv,
      "\"\\",
      "[",
      "{",
      "{\"a\"",
      "{\"a\":",
  };
  for (std::string_view text : bad) {
    auto r = parseJson(text);
    ASSERT_FALSE(r.ok()) << "accepted: " << text;
    EXPECT_EQ(r.error().code, ErrorCode::Malformed);
    EXPECT_NE(r.error().message.find("Invalid JSON at offset"), std::string::npos);
  }
}

TEST(ParseJson, DuplicateKeyMessageNamesKey) {
  auto r = parseJson(R"({"Statement":1,"Statement":2})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("duplicate key \"Statement\""), std::string::npos)
      << r.error().message;
}

TEST(ParseJson, DepthLimit) {
  std::string ok = std::string(32, '[') + std::string(32, ']');
  EXPECT_TRUE(parseJson(ok).ok());
  std::string tooDeep = std::string(33, '[') + std::string(33, ']');
  auto r = parseJson(tooDeep);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("too deep"), std::string::npos);
  EXPECT_FALSE(parseJson(std::string(1000000, '[')).ok());
  EXPECT_FALSE(parseJson(std::string(500000, '{') ).ok());
  EXPECT_TRUE(parseJson(R"({"a":[{"b":1}]})", 3).ok());
  EXPECT_FALSE(parseJson(R"({"a":[{"b":1}]})", 2).ok());
}

TEST(ParseJson, LargeFlatInput) {
  std::string big = "[";
  for (int i = 0; i < 100000; ++i) big += (i ? ",\"x\"" : "\"x\"");
  big += "]";
  auto r = parseJson(big);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().items.size(), 100000u);

  std::string obj = "{";
  for (int i = 0; i < 50000; ++i) obj += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";
  obj += ",\"k123\":1}";
  auto dup = parseJson(obj);
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.error().message.find("\"k123\""), std::string::npos);
}

}  // namespace
}  // namespace cfsigner
