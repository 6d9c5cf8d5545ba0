#include "signer.h"

#include <gtest/gtest.h>

#include "cloudfront_base64.h"
#include "test_keys.h"
#include "verifier.h"

namespace cfsigner {
namespace {

PrivateKey loadKey(const char* file) {
  Result<PrivateKey> key = PrivateKey::load(SecureBytes(readFixture(file)), std::nullopt);
  if (!key) throw std::runtime_error(key.error().message);
  return std::move(key).value();
}

SignOptions cannedOptions() {
  SignOptions options;
  options.url = "https://d111111abcdef8.cloudfront.net/uploads/a b.txt";
  options.keyPairId = "K2JCJMDEHXQW5F";
  options.dateLessThan = 1767225600;
  return options;
}

std::string queryValue(const std::string& url, const std::string& name) {
  const size_t at = url.find(name + "=");
  if (at == std::string::npos) return "";
  const size_t start = at + name.size() + 1;
  return url.substr(start, url.find('&', start) - start);
}

TEST(SignUrl, CannedPolicyCarriesExpiresKeyPairIdSignatureInOrder) {
  const PrivateKey key = loadKey("rsa2048-pkcs1.pem");
  Result<std::string> url = signUrl(key, cannedOptions());
  ASSERT_TRUE(url.ok()) << url.error().message;
  const std::string prefix =
      "https://d111111abcdef8.cloudfront.net/uploads/a%20b.txt?Expires=1767225600"
      "&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=";
  EXPECT_EQ(url.value().substr(0, prefix.size()), prefix);
  EXPECT_EQ(url.value().find("Hash-Algorithm"), std::string::npos);

  // The signature covers the canned policy of the encoded URL.
  const std::string policy =
      "{\"Statement\":[{\"Resource\":\"https://d111111abcdef8.cloudfront.net/uploads/a%20b.txt\","
      "\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1767225600}}}]}";
  Result<PublicKey> publicKey = PublicKey::load(readFixture("rsa2048-public.pem"));
  const std::string signature = cloudFrontBase64Decode(queryValue(url.value(), "Signature")).value();
  EXPECT_TRUE(publicKey.value().verify(HashAlgorithm::Sha1, policy, signature));
}

TEST(SignUrl, CustomPolicyAndSha256) {
  const PrivateKey key = loadKey("ec-p256-pkcs8.pem");
  SignOptions options = cannedOptions();
  options.url = "https://d111111abcdef8.cloudfront.net/x?a=1";
  options.ipAddress = "192.0.2.0/24";
  options.dateGreaterThan = 1767225000;
  options.algorithm = HashAlgorithm::Sha256;
  Result<std::string> url = signUrl(key, options);
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_EQ(url.value().rfind("https://d111111abcdef8.cloudfront.net/x?a=1&Policy=", 0), 0u);
  EXPECT_EQ(url.value().substr(url.value().size() - 22), "&Hash-Algorithm=SHA256");
  const std::string policy = cloudFrontBase64Decode(queryValue(url.value(), "Policy")).value();
  EXPECT_EQ(policy,
            "{\"Statement\":[{\"Resource\":\"https://d111111abcdef8.cloudfront.net/x?a=1\","
            "\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1767225600},"
            "\"DateGreaterThan\":{\"AWS:EpochTime\":1767225000},"
            "\"IpAddress\":{\"AWS:SourceIp\":\"192.0.2.0/24\"}}}]}");
}

TEST(SignUrl, RefusesBadOptions) {
  const PrivateKey key = loadKey("rsa2048-pkcs1.pem");
  auto codeFor = [&](auto change) {
    SignOptions options = cannedOptions();
    change(options);
    Result<std::string> url = signUrl(key, options);
    return url.ok() ? ErrorCode::Internal : url.error().code;
  };
  EXPECT_EQ(codeFor([](SignOptions& o) { o.keyPairId = ""; }), ErrorCode::InvalidArgument);
  EXPECT_EQ(codeFor([](SignOptions& o) { o.dateLessThan.reset(); }), ErrorCode::InvalidDate);
  EXPECT_EQ(codeFor([](SignOptions& o) { o.dateLessThan = 2147483648; }), ErrorCode::InvalidDate);
  EXPECT_EQ(codeFor([](SignOptions& o) { o.dateGreaterThan = *o.dateLessThan; }), ErrorCode::InvalidDate);
  EXPECT_EQ(codeFor([](SignOptions& o) { o.ipAddress = "2001:db8::1"; }), ErrorCode::InvalidIp);
  EXPECT_EQ(codeFor([](SignOptions& o) { o.ipAddress = "1.2.3.4/33"; }), ErrorCode::InvalidIp);
  EXPECT_EQ(codeFor([](SignOptions& o) { o.url = "ftp://x/y"; }), ErrorCode::InvalidUrl);
  EXPECT_EQ(codeFor([](SignOptions& o) { o.url = "https://x/y#frag"; }), ErrorCode::InvalidUrl);
  EXPECT_EQ(codeFor([](SignOptions& o) { o.url = "https://x/y?Signature=abc"; }), ErrorCode::InvalidUrl);
  EXPECT_EQ(codeFor([](SignOptions& o) { o.url = "https://x/" + std::string(8200, 'a'); }),
            ErrorCode::TooLarge);
  EXPECT_EQ(codeFor([](SignOptions& o) { o.policy = "{\"Statement\":[]}"; }), ErrorCode::InvalidArgument);
  EXPECT_EQ(codeFor([](SignOptions& o) {
              o.dateLessThan.reset();
              o.policy = "{\"Statement\":[]}";
            }),
            ErrorCode::InvalidPolicy);
  EXPECT_EQ(codeFor([](SignOptions& o) {
              o.dateLessThan.reset();
              o.policy =
                  "{\"Statement\":[{\"Resource\":\"https://other/*\",\"Condition\":"
                  "{\"DateLessThan\":{\"AWS:EpochTime\":1767225600}}}]}";
            }),
            ErrorCode::InvalidPolicy);
}

TEST(SignUrl, PolicyWithoutUrlUsesItsResource) {
  const PrivateKey key = loadKey("rsa2048-pkcs1.pem");
  SignOptions options;
  options.keyPairId = "K1";
  options.policy =
      "{\"Statement\":[{\"Resource\":\"*://d.example.net/*\",\"Condition\":"
      "{\"DateLessThan\":{\"AWS:EpochTime\":1767225600}}}]}";
  Result<std::string> url = signUrl(key, options);
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_EQ(url.value().rfind("https://d.example.net/*?Policy=", 0), 0u);
}

TEST(SignCookies, CannedAndCustom) {
  const PrivateKey key = loadKey("rsa2048-pkcs8.pem");
  SignOptions options = cannedOptions();
  options.algorithm = HashAlgorithm::Sha256;
  Result<std::vector<SignedCookie>> cookies = signCookies(key, options);
  ASSERT_TRUE(cookies.ok());
  ASSERT_EQ(cookies.value().size(), 4u);
  EXPECT_EQ(cookies.value()[0].name, "CloudFront-Key-Pair-Id");
  EXPECT_EQ(cookies.value()[1].name, "CloudFront-Signature");
  EXPECT_EQ(cookies.value()[2].name, "CloudFront-Expires");
  EXPECT_EQ(cookies.value()[2].value, "1767225600");
  EXPECT_TRUE(cookies.value()[2].isNumber);
  EXPECT_EQ(cookies.value()[3].name, "CloudFront-Hash-Algorithm");

  options.ipAddress = "10.0.0.1";
  cookies = signCookies(key, options);
  ASSERT_TRUE(cookies.ok());
  EXPECT_EQ(cookies.value()[2].name, "CloudFront-Policy");
}

TEST(BuildPolicy, ExactBytes) {
  PolicyOptions options;
  options.resource = "https://d.example.net/uploads/*";
  options.dateLessThan = 1767225600;
  options.ipAddress = "203.0.113.7";
  EXPECT_EQ(buildPolicy(options).value(),
            "{\"Statement\":[{\"Resource\":\"https://d.example.net/uploads/*\",\"Condition\":"
            "{\"DateLessThan\":{\"AWS:EpochTime\":1767225600},"
            "\"IpAddress\":{\"AWS:SourceIp\":\"203.0.113.7/32\"}}}]}");
  options.resource = "";
  EXPECT_EQ(buildPolicy(options).error().code, ErrorCode::InvalidArgument);
}

// With `url`, the policy is the one signUrl signs: the Resource is the encoded URL.
TEST(BuildPolicy, FromUrlInAwsCliOrder) {
  PolicyOptions options;
  options.url = "https://d.example.net/a b*$";
  options.dateLessThan = 1767225600;
  options.dateGreaterThan = 1767225000;
  options.ipAddress = "203.0.113.7";
  options.order = OutputOrder::AwsCli;
  const std::string expected =
      "{\"Statement\":[{\"Resource\":\"https://d.example.net/a%20b*%24\",\"Condition\":"
      "{\"DateLessThan\":{\"AWS:EpochTime\":1767225600},"
      "\"IpAddress\":{\"AWS:SourceIp\":\"203.0.113.7/32\"},"
      "\"DateGreaterThan\":{\"AWS:EpochTime\":1767225000}}}]}";
  EXPECT_EQ(buildPolicy(options).value(), expected);

  const PrivateKey key = loadKey("rsa2048-pkcs1.pem");
  SignOptions sign = cannedOptions();
  sign.url = options.url;
  sign.dateGreaterThan = options.dateGreaterThan;
  sign.ipAddress = options.ipAddress;
  sign.order = OutputOrder::AwsCli;
  const std::string url = signUrl(key, sign).value();
  EXPECT_EQ(cloudFrontBase64Decode(queryValue(url, "Policy")).value(), expected);

  options.resource = "https://d.example.net/*";
  EXPECT_EQ(buildPolicy(options).error().code, ErrorCode::InvalidArgument);
  options.resource = "";
  options.url = "ftp://d.example.net/a";
  EXPECT_EQ(buildPolicy(options).error().code, ErrorCode::InvalidUrl);
}

// botocore writes Expires or Policy, then Signature, then Key-Pair-Id.
TEST(SignUrl, AwsCliParameterOrder) {
  const PrivateKey key = loadKey("rsa2048-pkcs1.pem");
  SignOptions options = cannedOptions();
  options.order = OutputOrder::AwsCli;
  const std::string url = signUrl(key, options).value();
  const std::string signature = queryValue(url, "Signature");
  EXPECT_EQ(url, "https://d111111abcdef8.cloudfront.net/uploads/a%20b.txt?Expires=1767225600&Signature=" +
                     signature + "&Key-Pair-Id=K2JCJMDEHXQW5F");
  // The same bytes are signed in either order (RSA PKCS#1 v1.5 is deterministic).
  options.order = OutputOrder::AwsSdk;
  EXPECT_EQ(queryValue(signUrl(key, options).value(), "Signature"), signature);

  options.algorithm = HashAlgorithm::Sha256;
  options.order = OutputOrder::AwsCli;
  const std::string sha256 = signUrl(key, options).value();
  const std::string tail = "&Key-Pair-Id=K2JCJMDEHXQW5F&Hash-Algorithm=SHA256";
  EXPECT_EQ(sha256.substr(sha256.size() - tail.size()), tail);
}

}  // namespace
}  // namespace cfsigner
