// Expected texts come from node: Buffer.toString("base64") followed by
// aws-sdk's normalizeBase64 (+ -> -, = -> _, / -> ~).
#include "cloudfront_base64.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace cfsigner {
namespace {

using namespace std::literals;

struct Vector {
  std::string_view bytes;
  std::string_view text;
};

const Vector kVectors[] = {
    {""sv, ""},
    {"\x66"sv, "Zg__"},
    {"\x66" "\x6f"sv, "Zm8_"},
    {"\x66" "\x6f" "\x6f"sv, "Zm9v"},
    {"\x66" "\x6f" "\x6f" "\x62"sv, "Zm9vYg__"},
    {"\x66" "\x6f" "\x6f" "\x62" "\x61"sv, "Zm9vYmE_"},
    {"\x66" "\x6f" "\x6f" "\x62" "\x61" "\x72"sv, "Zm9vYmFy"},
    {"\xfb" "\xff" "\xbf"sv, "-~-~"},
    {"\xff" "\xfe"sv, "~~4_"},
    {"\x00"sv, "AA__"},
    {R"({"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/*","Condition":{"DateLessThan":{"AWS:EpochTime":1767225600}}}]})"sv,
     "eyJTdGF0ZW1lbnQiOlt7IlJlc291cmNlIjoiaHR0cHM6Ly9kMTExMTExYWJjZGVmOC5jbG91ZGZyb250Lm5ldC8qIiwiQ29uZGl0aW9uIjp7IkRhdGVMZXNzVGhhbiI6eyJBV1M6RXBvY2hUaW1lIjoxNzY3MjI1NjAwfX19XX0_"},
};

TEST(CloudFrontBase64, EncodeMatchesAwsSdk) {
  for (const Vector& v : kVectors) EXPECT_EQ(cloudFrontBase64Encode(v.bytes), v.text);
}

TEST(CloudFrontBase64, DecodeInvertsEncode) {
  for (const Vector& v : kVectors) {
    auto r = cloudFrontBase64Decode(v.text);
    ASSERT_TRUE(r.ok()) << v.text << ": " << r.error().message;
    EXPECT_EQ(r.value(), v.bytes);
  }
}

std::string allBytes() {
  std::string s;
  for (int i = 0; i < 256; ++i) s.push_back(static_cast<char>(i));
  return s;
}

TEST(CloudFrontBase64, AllByteValues) {
  const std::string expected =
      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0-"
      "P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn-"
      "AgYKDhIWGh4iJiouMjY6PkJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmqq6ytrq-wsbKztLW2t7i5uru8vb6~"
      "wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t~g4eLj5OXm5-jp6uvs7e7v8PHy8~T19vf4-fr7~P3-~w__";
  EXPECT_EQ(cloudFrontBase64Encode(allBytes()), expected);
  auto r = cloudFrontBase64Decode(expected);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), allBytes());
}

// CloudFront's alphabet only: "+", "/" and "=" would give one value several spellings.
TEST(CloudFrontBase64, RejectsStandardAlphabet) {
  auto r = cloudFrontBase64Decode("-~-~");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), "\xFB\xFF\xBF");
  for (std::string_view text : {"+/+/", "+~-~", "-/-~", "Zg==", "Zg=_", "Zm8=", "~~4="}) {
    r = cloudFrontBase64Decode(text);
    ASSERT_FALSE(r.ok()) << "accepted: " << text;
    EXPECT_EQ(r.error().code, ErrorCode::Malformed);
  }
}

TEST(CloudFrontBase64, RejectsMalformed) {
  const std::string_view bad[] = {
      "Zg",        // missing padding
      "Zg_",       // short
      "Zm9vY",     // length not a multiple of 4
      "Z___",      // too much padding
      "____",
      "Zg_A",      // data after padding
      "Zg__Zm9v",  // padding before the last group
      "Zh__",      // non-zero trailing bits
      "Zm9_",      // non-zero trailing bits ("Zm8_" is canonical)
      "Zm 9v",
      "Zm9v\n",
      "Zm9*",
      "Zm9.",
      "Zm9v\xC3\xA9" "AA",
      "Zm\0v"sv,
  };
  for (std::string_view text : bad) {
    auto r = cloudFrontBase64Decode(text);
    ASSERT_FALSE(r.ok()) << "accepted: " << text;
    EXPECT_EQ(r.error().code, ErrorCode::Malformed);
    EXPECT_FALSE(r.error().message.empty());
  }
}

}  // namespace
}  // namespace cfsigner
