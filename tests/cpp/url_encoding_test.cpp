// Expected strings were produced by running @aws-sdk/cloudfront-signer 3.1166's
// own encodeUrlPath (and node's encodeURIComponent / smithy's
// extendedEncodeURIComponent) on each input.
#include "url_encoding.h"
#include "utf8.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace cfsigner {
namespace {

using namespace std::literals;

struct Pair {
  std::string_view input;
  std::string_view expected;
};

TEST(EncodeUrlPath, MatchesAwsSdk) {
  const Pair cases[] = {
      {"https://d111111abcdef8.cloudfront.net/images/image.jpg"sv, "https://d111111abcdef8.cloudfront.net/images/image.jpg"sv},
      {"https://example.com/a b/c d.txt"sv, "https://example.com/a%20b/c%20d.txt"sv},
      {"https://example.com/café/日本語.png"sv, "https://example.com/caf%C3%A9/%E6%97%A5%E6%9C%AC%E8%AA%9E.png"sv},
      {"https://example.com/emoji/😀.png"sv, "https://example.com/emoji/%F0%9F%98%80.png"sv},
      {"https://example.com/a%2Fb/c"sv, "https://example.com/a%2Fb/c"sv},
      {"https://example.com/a%2fb"sv, "https://example.com/a%2Fb"sv},
      {"https://example.com/100%zz/x"sv, "https://example.com/100%25zz/x"sv},
      {"https://example.com/%E0%A4%A"sv, "https://example.com/%25E0%25A4%25A"sv},
      {"https://example.com/%E0%A4%A4"sv, "https://example.com/%E0%A4%A4"sv},
      {"https://example.com/%C0%AF"sv, "https://example.com/%25C0%25AF"sv},
      {"https://example.com/%ED%A0%80"sv, "https://example.com/%25ED%25A0%2580"sv},
      {"https://example.com/%F4%90%80%80"sv, "https://example.com/%25F4%2590%2580%2580"sv},
      {"https://example.com/%F0%9F%98%80"sv, "https://example.com/%F0%9F%98%80"sv},
      {"https://example.com/%F8%80%80%80%80"sv, "https://example.com/%25F8%2580%2580%2580%2580"sv},
      {"https://example.com/%80"sv, "https://example.com/%2580"sv},
      {"https://example.com/%E0%A4"sv, "https://example.com/%25E0%25A4"sv},
      {"https://example.com/%E0%A4x"sv, "https://example.com/%25E0%25A4x"sv},
      {"https://example.com/%E0%A4%41"sv, "https://example.com/%25E0%25A4%2541"sv},
      {"https://example.com/%"sv, "https://example.com/%25"sv},
      {"https://example.com/%4"sv, "https://example.com/%254"sv},
      {"https://example.com/%41%42"sv, "https://example.com/AB"sv},
      {"https://example.com/%25"sv, "https://example.com/%25"sv},
      {"https://example.com/%2525"sv, "https://example.com/%2525"sv},
      {"https://example.com/it's"sv, "https://example.com/it's"sv},
      {"https://example.com/a+b"sv, "https://example.com/a%2Bb"sv},
      {"https://example.com/!*()"sv, "https://example.com/!*()"sv},
      {"https://example.com/!*()'~-_."sv, "https://example.com/!*()'~-_."sv},
      {"https://example.com/../a/./b/.."sv, "https://example.com/../a/./b/.."sv},
      {"https://example.com//double//slash/"sv, "https://example.com//double//slash/"sv},
      {"https://example.com/"sv, "https://example.com/"sv},
      {"https://example.com"sv, "https://example.com"sv},
      {"https://example.com?a=b"sv, "https://example.com?a=b"sv},
      {"https://example.com?a=/b c"sv, "https://example.com?a=/b%20c"sv},
      {"https://example.com/?"sv, "https://example.com/"sv},
      {"https://example.com/p?"sv, "https://example.com/p"sv},
      {"https://example.com/p?&&"sv, "https://example.com/p"sv},
      {"https://example.com/p?a=1&&b=2"sv, "https://example.com/p?a=1&b=2"sv},
      {"https://example.com/p?a=b=c"sv, "https://example.com/p?a=b%3Dc"sv},
      {"https://example.com/p?flag"sv, "https://example.com/p?flag="sv},
      {"https://example.com/p?flag&x="sv, "https://example.com/p?flag=&x="sv},
      {"https://example.com/p?=value"sv, "https://example.com/p?=value"sv},
      {"https://example.com/p?a=%aa%2f%Zz"sv, "https://example.com/p?a=%AA%2F%25Zz"sv},
      {"https://example.com/p?a=%a"sv, "https://example.com/p?a=%25a"sv},
      {"https://example.com/p?a=100%"sv, "https://example.com/p?a=100%25"sv},
      {"https://example.com/p?a=b+c&d=e f"sv, "https://example.com/p?a=b+c&d=e%20f"sv},
      {"https://example.com/p?q=it's!*()"sv, "https://example.com/p?q=it%27s!*()"sv},
      {"https://example.com/p?q=café&日=😀"sv, "https://example.com/p?q=caf%C3%A9&%E6%97%A5=%F0%9F%98%80"sv},
      {"https://example.com/p?q=a?b/c:d@e"sv, "https://example.com/p?q=a%3Fb%2Fc%3Ad%40e"sv},
      {"https://example.com/p?q=%%41"sv, "https://example.com/p?q=%25%41"sv},
      {"https://example.com/p?a=1#frag"sv, "https://example.com/p?a=1%23frag"sv},
      {"https://example.com/p#frag"sv, "https://example.com/p%23frag"sv},
      {"https://user:pw@example.com:8443/p q"sv, "https://user:pw@example.com:8443/p%20q"sv},
      {"https://example.com:443/a;b,c"sv, "https://example.com:443/a%3Bb%2Cc"sv},
      {"https://example.com/a[b]c{d}|e^f`g<h>i"sv, "https://example.com/a%5Bb%5Dc%7Bd%7D%7Ce%5Ef%60g%3Ch%3Ei"sv},
      {"https://example.com/a\"b\\c"sv, "https://example.com/a%22b%5Cc"sv},
      {"http://example.com/%7e%7E~"sv, "http://example.com/~~~"sv},
      {"http://example.com/a@b:c$d&e=f"sv, "http://example.com/a%40b%3Ac%24d%26e%3Df"sv},
      {"rtmp://s5c39gqb8ow64r.cloudfront.net/cfx/st/video.mp4"sv, "rtmp://s5c39gqb8ow64r.cloudfront.net/cfx/st/video.mp4"sv},
      {"no-scheme/path here"sv, "no-scheme/path here"sv},
      {"a//b/c d"sv, "a//b/c%20d"sv},
      {"https:/example.com/a b"sv, "https:/example.com/a b"sv},
      {"//example.com/x y"sv, "//example.com/x%20y"sv},
      {""sv, ""sv},
      {"https://example.com/é%C3%A9"sv, "https://example.com/%C3%A9%C3%A9"sv},
      {"https://example.com/%c3%a9"sv, "https://example.com/%C3%A9"sv},
      {"https://example.com/ab%C3"sv, "https://example.com/ab%25C3"sv},
      {"https://example.com/tab\011here"sv, "https://example.com/tab%09here"sv},
      {"https://example.com/p?x= "sv, "https://example.com/p?x=%C2%A0"sv},
  };
  for (const Pair& c : cases) {
    EXPECT_EQ(encodeUrlPath(c.input), c.expected) << "input: " << c.input;
  }
}

struct Component {
  std::string_view input;
  std::string_view uri;
  std::string_view extended;
};

TEST(EncodeUriComponent, MatchesJs) {
  const Component cases[] = {
      {""sv, ""sv, ""sv},
      {"abc"sv, "abc"sv, "abc"sv},
      {"a b"sv, "a%20b"sv, "a%20b"sv},
      {"!'()*"sv, "!'()*"sv, "%21%27%28%29%2A"sv},
      {"~-_."sv, "~-_."sv, "~-_."sv},
      {"café"sv, "caf%C3%A9"sv, "caf%C3%A9"sv},
      {"😀"sv, "%F0%9F%98%80"sv, "%F0%9F%98%80"sv},
      {"a/b?c&d=e#f"sv, "a%2Fb%3Fc%26d%3De%23f"sv, "a%2Fb%3Fc%26d%3De%23f"sv},
      {"%"sv, "%25"sv, "%25"sv},
      {"+"sv, "%2B"sv, "%2B"sv},
      {"AZaz09"sv, "AZaz09"sv, "AZaz09"sv},
      {"\000\177"sv, "%00%7F"sv, "%00%7F"sv},
      {"\"<>\\^`{|}[]"sv, "%22%3C%3E%5C%5E%60%7B%7C%7D%5B%5D"sv, "%22%3C%3E%5C%5E%60%7B%7C%7D%5B%5D"sv},
      {"key-pair_id.~"sv, "key-pair_id.~"sv, "key-pair_id.~"sv},
  };
  for (const Component& c : cases) {
    EXPECT_EQ(encodeUriComponent(c.input), c.uri) << "input: " << c.input;
    EXPECT_EQ(extendedEncodeUriComponent(c.input), c.extended) << "input: " << c.input;
  }
}

std::string allAscii() {
  std::string s;
  for (int i = 0; i < 128; ++i) s.push_back(static_cast<char>(i));
  return s;
}

TEST(EncodeUriComponent, EveryAsciiByteMatchesJs) {
  EXPECT_EQ(encodeUriComponent(allAscii()),
            "%00%01%02%03%04%05%06%07%08%09%0A%0B%0C%0D%0E%0F%10%11%12%13%14%15%16%17%18%19%1A%1B%1C%1D%1E%1F%20!%22%23%24%25%26'()*%2B%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D%5E_%60abcdefghijklmnopqrstuvwxyz%7B%7C%7D~%7F");
  EXPECT_EQ(extendedEncodeUriComponent(allAscii()),
            "%00%01%02%03%04%05%06%07%08%09%0A%0B%0C%0D%0E%0F%10%11%12%13%14%15%16%17%18%19%1A%1B%1C%1D%1E%1F%20%21%22%23%24%25%26%27%28%29%2A%2B%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D%5E_%60abcdefghijklmnopqrstuvwxyz%7B%7C%7D~%7F");
}

// JS strings cannot hold these bytes, so there is no reference; we only
// require a deterministic per-byte result and no crash.
TEST(EncodeUrlPath, InvalidUtf8IsEncodedPerByte) {
  EXPECT_EQ(encodeUrlPath("https://h/a\xFF" "b?k=\xC3"), "https://h/a%FFb?k=%C3");
  EXPECT_EQ(encodeUriComponent("\xED\xA0\x80"), "%ED%A0%80");
}

TEST(Utf8, SequenceLength) {
  EXPECT_EQ(utf8SequenceLength("a", 0), 1u);
  EXPECT_EQ(utf8SequenceLength("\xC3\xA9", 0), 2u);
  EXPECT_EQ(utf8SequenceLength("\xE6\x97\xA5", 0), 3u);
  EXPECT_EQ(utf8SequenceLength("\xF0\x9F\x98\x80", 0), 4u);
  EXPECT_EQ(utf8SequenceLength("\xF4\x8F\xBF\xBF", 0), 4u);   // U+10FFFF
  EXPECT_EQ(utf8SequenceLength("\xEF\xBF\xBF", 0), 3u);       // U+FFFF
  EXPECT_EQ(utf8SequenceLength("\xC0\xAF", 0), 0u);           // overlong
  EXPECT_EQ(utf8SequenceLength("\xC1\xBF", 0), 0u);           // overlong
  EXPECT_EQ(utf8SequenceLength("\xE0\x9F\xBF", 0), 0u);       // overlong
  EXPECT_EQ(utf8SequenceLength("\xF0\x8F\xBF\xBF", 0), 0u);   // overlong
  EXPECT_EQ(utf8SequenceLength("\xED\xA0\x80", 0), 0u);       // surrogate
  EXPECT_EQ(utf8SequenceLength("\xED\xBF\xBF", 0), 0u);       // surrogate
  EXPECT_EQ(utf8SequenceLength("\xF4\x90\x80\x80", 0), 0u);   // > U+10FFFF
  EXPECT_EQ(utf8SequenceLength("\xF5\x80\x80\x80", 0), 0u);
  EXPECT_EQ(utf8SequenceLength("\x80", 0), 0u);
  EXPECT_EQ(utf8SequenceLength("\xE6\x97", 0), 0u);           // cut off
  EXPECT_EQ(utf8SequenceLength("\xE6\x97x", 0), 0u);
  EXPECT_EQ(utf8SequenceLength("", 0), 0u);
  EXPECT_TRUE(isValidUtf8(""));
  EXPECT_TRUE(isValidUtf8("caf\xC3\xA9 \xF0\x9F\x98\x80"));
  EXPECT_FALSE(isValidUtf8("caf\xC3"));
  EXPECT_FALSE(isValidUtf8("\xFE"));
}

TEST(PrepareUrlForSigning, EncodesValidUrls) {
  auto r = prepareUrlForSigning("https://d111111abcdef8.cloudfront.net/a b/caf\xC3\xA9?x=1&y='");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value(), "https://d111111abcdef8.cloudfront.net/a%20b/caf%C3%A9?x=1&y=%27");

  r = prepareUrlForSigning("http://example.com");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), "http://example.com");

  r = prepareUrlForSigning("https://example.com:8443/p?ExpiresAt=1&policy=2&Signatures=3");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value(), "https://example.com:8443/p?ExpiresAt=1&policy=2&Signatures=3");

  // Wildcards are legal in URLs used as custom-policy resources.
  r = prepareUrlForSigning("https://example.com/videos/*");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), "https://example.com/videos/*");
}

void expectInvalid(std::string_view url, std::string_view messagePart) {
  auto r = prepareUrlForSigning(url);
  ASSERT_FALSE(r.ok()) << "accepted: " << url;
  EXPECT_EQ(r.error().code, ErrorCode::InvalidUrl) << url;
  EXPECT_NE(r.error().message.find(messagePart), std::string::npos)
      << url << " -> " << r.error().message;
}

TEST(PrepareUrlForSigning, RejectsBadUrls) {
  expectInvalid("", "empty");
  expectInvalid("example.com/a", "http://");
  expectInvalid("HTTPS://example.com/a", "http://");
  expectInvalid("Http://example.com/a", "http://");
  expectInvalid("ftp://example.com/a", "http://");
  expectInvalid("ws://example.com/a", "http://");
  expectInvalid("wss://example.com/a", "http://");
  expectInvalid("rtmp://example.com/a", "http://");
  expectInvalid("https:/example.com/a", "http://");
  expectInvalid(" https://example.com/a", "http://");
  expectInvalid("https://", "empty host");
  expectInvalid("https:///a", "empty host");
  expectInvalid("https://?a=1", "empty host");
  expectInvalid("https://example.com/a#b", "fragment");
  expectInvalid("https://example.com/a?b=1#", "fragment");
  expectInvalid("https://example.com/a\"b", "double quote");
  expectInvalid("https://example.com/a\\b", "backslash");
  expectInvalid("https://example.com/a\tb", "control");
  expectInvalid("https://example.com/a\nb", "control");
  expectInvalid("https://example.com/a\x7F" "b", "control");
  expectInvalid(std::string_view("https://example.com/a\0b", 23), "control");
  expectInvalid("https://exa mple.com/a", "whitespace");
  expectInvalid("https://example.com /a", "whitespace");
  expectInvalid("https://exa\xC2\xA0mple.com/a", "whitespace");
  expectInvalid("https://exa\xE3\x80\x80mple.com", "whitespace");
  expectInvalid("https://example.com/\xC3", "UTF-8");
  expectInvalid("https://example.com/\xED\xA0\x80", "UTF-8");
  expectInvalid("https://example.com/\xC0\xAF", "UTF-8");
}

TEST(PrepareUrlForSigning, RejectsExistingSigningParameters) {
  const char* const urls[] = {
      "https://example.com/a?Expires=1",
      "https://example.com/a?x=1&Policy=abc",
      "https://example.com/a?Signature",
      "https://example.com/a?x&&Key-Pair-Id=K1",
      "https://example.com/a?Hash-Algorithm=SHA256&x=1",
      "https://example.com?Expires=1",  // no path: encodeUrlPath leaves it alone
  };
  for (const char* url : urls) expectInvalid(url, "already carries CloudFront signing parameters");
  // Only exact (case-sensitive) names count.
  EXPECT_TRUE(prepareUrlForSigning("https://example.com/a?expires=1").ok());
  EXPECT_TRUE(prepareUrlForSigning("https://example.com/Expires=1").ok());
  EXPECT_TRUE(prepareUrlForSigning("https://example.com/a?x=Expires").ok());
}

}  // namespace
}  // namespace cfsigner
