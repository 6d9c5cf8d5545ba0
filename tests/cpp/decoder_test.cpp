#include "decoder.h"

#include <gtest/gtest.h>

#include <string>

#include "cloudfront_base64.h"
#include "query_string.h"

namespace cfsigner {
namespace {

std::string signedWith(const std::string& policy) {
  return "https://d.net/a/b.txt?x=1&Policy=" + cloudFrontBase64Encode(policy) +
         "&Key-Pair-Id=K1&Signature=" + cloudFrontBase64Encode("sig") + "&Hash-Algorithm=SHA256";
}

TEST(SplitQuery, KeepsEveryPieceInOrder) {
  const std::vector<QueryPair> pairs = splitQuery("a=1&&b&c=2=3&");
  ASSERT_EQ(pairs.size(), 5u);
  EXPECT_EQ(pairs[0].name, "a");
  EXPECT_EQ(pairs[0].value, "1");
  EXPECT_EQ(pairs[1].text, "");
  EXPECT_EQ(pairs[2].name, "b");
  EXPECT_EQ(pairs[2].value, "");
  EXPECT_EQ(pairs[3].name, "c");
  EXPECT_EQ(pairs[3].value, "2=3");
  EXPECT_EQ(pairs[4].text, "");
  EXPECT_EQ(splitQuery("").size(), 1u);
}

TEST(DecodeSignedUrl, CustomPolicy) {
  const std::string policy =
      R"({"Statement":[{"Resource":"https://d.net/a/*","Condition":{"DateLessThan":{"AWS:EpochTime":1893456000},"IpAddress":{"AWS:SourceIp":"10.0.0.0/8"}}}]})";
  Result<DecodedRequest> decoded = decodeSignedUrl(signedWith(policy));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  const DecodedRequest& r = decoded.value();
  EXPECT_EQ(r.keyPairId, "K1");
  EXPECT_EQ(r.policy, policy);
  EXPECT_TRUE(r.customPolicy);
  EXPECT_EQ(r.algorithm, HashAlgorithm::Sha256);
  EXPECT_EQ(r.resourceUrl, "https://d.net/a/b.txt?x=1");
  EXPECT_EQ(r.conditions.resource, "https://d.net/a/*");
  EXPECT_EQ(r.conditions.dateLessThan, 1893456000);
  EXPECT_EQ(r.conditions.ipAddress, "10.0.0.0/8");
  EXPECT_EQ(r.signature, "sig");
  EXPECT_EQ(r.values.policy, cloudFrontBase64Encode(policy));
  EXPECT_TRUE(resourceCoversUrl(r));
}

TEST(DecodeSignedUrl, CannedPolicyIsRebuiltFromTheUrl) {
  Result<DecodedRequest> decoded =
      decodeSignedUrl("https://d.net/%F0%9F%98%80?Expires=1893456000&Signature=AAAA&Key-Pair-Id=K%211");
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded.value().keyPairId, "K!1");
  EXPECT_EQ(decoded.value().policy,
            R"({"Statement":[{"Resource":"https://d.net/%F0%9F%98%80","Condition":{"DateLessThan":{"AWS:EpochTime":1893456000}}}]})");
  EXPECT_FALSE(decoded.value().customPolicy);
  EXPECT_EQ(decoded.value().algorithm, HashAlgorithm::Sha1);
  EXPECT_EQ(decoded.value().signature, std::string("\0\0\0", 3));
}

TEST(DecodeSignedUrl, WildcardsFollowCloudFront) {
  // '?' is one code point: the emoji is four bytes, two UTF-16 units, one character.
  const std::string policy =
      R"({"Statement":[{"Resource":"https://a/x?","Condition":{"DateLessThan":{"AWS:EpochTime":1}}}]})";
  const std::string query = "?Policy=" + cloudFrontBase64Encode(policy) + "&Key-Pair-Id=K&Signature=AAAA";
  EXPECT_TRUE(resourceCoversUrl(decodeSignedUrl("https://a/x\xF0\x9F\x98\x80" + query).value()));
  EXPECT_FALSE(resourceCoversUrl(decodeSignedUrl("https://a/x\xF0\x9F\x98\x80z" + query).value()));
}

TEST(DecodeSignedUrl, RefusesWhatTheVerifierRefuses) {
  const auto code = [](const std::string& url) { return decodeSignedUrl(url).error().code; };
  EXPECT_EQ(code("https://d.net/a"), ErrorCode::MissingKeyPairId);
  EXPECT_EQ(code("https://d.net/a?Expires=1&Key-Pair-Id=K"), ErrorCode::Malformed);
  EXPECT_EQ(code("https://d.net/a?Expires=1&Policy=e30_&Signature=AAAA&Key-Pair-Id=K"), ErrorCode::Malformed);
  EXPECT_EQ(code("https://d.net/a?Policy=e30_&Signature=AAAA&Key-Pair-Id=K"), ErrorCode::Malformed);
  EXPECT_EQ(code("https://d.net/a?Expires=x&Signature=AAAA&Key-Pair-Id=K"), ErrorCode::Malformed);
  EXPECT_EQ(code("https://d.net/a?Expires=1&Signature=AAAA&Key-Pair-Id=K&Hash-Algorithm=MD5"), ErrorCode::Malformed);
  EXPECT_EQ(code("https://d.net/a?Expires=1&Signature=!!&Key-Pair-Id=K"), ErrorCode::BadSignature);
  EXPECT_EQ(code("ftp://d.net/a?Expires=1&Signature=AAAA&Key-Pair-Id=K"), ErrorCode::Malformed);
}

TEST(DecodeSignedCookies, UsesTheRequestUrl) {
  SigningValues cookies;
  cookies.expires = "1893456000";
  cookies.signature = "AAAA";
  cookies.keyPairId = "K1";
  Result<DecodedRequest> decoded = decodeSignedCookies("https://d.net/a?x=1", cookies);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded.value().resourceUrl, "https://d.net/a?x=1");
  EXPECT_EQ(decoded.value().conditions.resource, "https://d.net/a?x=1");
  cookies.keyPairId.reset();
  EXPECT_EQ(decodeSignedCookies("https://d.net/a", cookies).error().code, ErrorCode::MissingKeyPairId);
}

}  // namespace
}  // namespace cfsigner
