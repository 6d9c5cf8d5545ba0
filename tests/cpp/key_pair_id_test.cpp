// Key pair IDs go into URLs and Set-Cookie values: only CloudFront's characters pass.
#include <gtest/gtest.h>

#include <string>

#include "signer.h"
#include "test_keys.h"

namespace cfsigner {
namespace {

SignOptions optionsWithId(const std::string& keyPairId) {
  SignOptions options;
  options.url = "https://d.example.net/a.txt";
  options.keyPairId = keyPairId;
  options.dateLessThan = 1767225600;
  return options;
}

TEST(KeyPairId, CloudFrontShapedIdsSign) {
  Result<PrivateKey> key = PrivateKey::load(SecureBytes(readFixture("ec-p256-sec1.pem")), std::nullopt);
  ASSERT_TRUE(key.ok());
  const std::string accepted[] = {"K2JCJMDEHXQW5F", "APKAEIBAERJR2EXAMPLE", "my_id", "K-1", std::string(128, 'K')};
  for (const std::string& id : accepted) {
    EXPECT_TRUE(signUrl(key.value(), optionsWithId(id)).ok()) << id;
    EXPECT_TRUE(signCookies(key.value(), optionsWithId(id)).ok()) << id;
  }
}

TEST(KeyPairId, SeparatorsAndOtherCharactersAreRefused) {
  Result<PrivateKey> key = PrivateKey::load(SecureBytes(readFixture("ec-p256-sec1.pem")), std::nullopt);
  ASSERT_TRUE(key.ok());
  const std::string refused[] = {
      "", "K; Domain=evil.com", "K,K2", "K K", "K\"", "K'", "K=1", "K\t", "K\r\nSet-Cookie: x=1",
      std::string("K\0", 2), "K/", "K\\", "K%3B", "K?x", "K&x", "K#", "K\xC3\xA9", std::string(129, 'K'),
  };
  for (const std::string& id : refused) {
    Result<std::string> url = signUrl(key.value(), optionsWithId(id));
    ASSERT_FALSE(url.ok()) << id;
    EXPECT_EQ(url.error().code, ErrorCode::InvalidArgument) << id;
    Result<std::vector<SignedCookie>> cookies = signCookies(key.value(), optionsWithId(id));
    ASSERT_FALSE(cookies.ok()) << id;
    EXPECT_EQ(cookies.error().code, ErrorCode::InvalidArgument) << id;
  }
}

}  // namespace
}  // namespace cfsigner
