#include "verifier.h"

#include <gtest/gtest.h>

#include "signer.h"
#include "test_keys.h"

namespace cfsigner {
namespace {

constexpr int64_t kNow = 1767220000;
constexpr int64_t kExpiry = 1767225600;

PublicKeyLookup trusting(const std::string& id, const std::string& publicFile) {
  return [id, publicFile](const std::string& keyPairId) -> Result<PublicKey> {
    if (keyPairId != id) return makeError(ErrorCode::UnknownKey, "Unknown Key");
    return PublicKey::load(readFixture(publicFile));
  };
}

struct Fixture {
  const char* privateFile;
  const char* publicFile;
};

void PrintTo(const Fixture& f, std::ostream* out) { *out << f.privateFile; }

class VerifyRoundTrip : public ::testing::TestWithParam<Fixture> {
 protected:
  std::string sign(SignOptions options) {
    Result<PrivateKey> key = PrivateKey::load(SecureBytes(readFixture(GetParam().privateFile)), std::nullopt);
    Result<std::string> url = signUrl(key.value(), options);
    EXPECT_TRUE(url.ok()) << url.error().message;
    return url.value();
  }
  ErrorCode verifyCode(const std::string& url, VerifyOptions options = {kNow, std::nullopt}) {
    Result<VerifiedRequest> result = verifySignedUrl(url, trusting("K1", GetParam().publicFile), options);
    return result.ok() ? ErrorCode::Internal : result.error().code;
  }
  static SignOptions options() {
    SignOptions o;
    o.url = "https://d.example.net/a/b.txt?x=1";
    o.keyPairId = "K1";
    o.dateLessThan = kExpiry;
    return o;
  }
};

TEST_P(VerifyRoundTrip, CannedPolicy) {
  for (HashAlgorithm algorithm : {HashAlgorithm::Sha1, HashAlgorithm::Sha256}) {
    SignOptions o = options();
    o.algorithm = algorithm;
    const std::string url = sign(o);
    Result<VerifiedRequest> result = verifySignedUrl(url, trusting("K1", GetParam().publicFile), {kNow, std::nullopt});
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result.value().keyPairId, "K1");
    EXPECT_EQ(result.value().resourceUrl, "https://d.example.net/a/b.txt?x=1");
    EXPECT_EQ(result.value().conditions.dateLessThan, kExpiry);
    EXPECT_EQ(result.value().algorithm, algorithm);
    EXPECT_FALSE(result.value().customPolicy);

    EXPECT_EQ(verifyCode(url, {kExpiry, std::nullopt}), ErrorCode::Expired);
    std::string changedPath = url;
    changedPath.replace(changedPath.find("b.txt"), 5, "c.txt");
    EXPECT_EQ(verifyCode(changedPath), ErrorCode::BadSignature);
    std::string changedExpiry = url;
    changedExpiry.replace(changedExpiry.find("Expires=") + 8, 10, "1767225601");
    EXPECT_EQ(verifyCode(changedExpiry), ErrorCode::BadSignature);
    std::string otherKey = url;
    otherKey.replace(otherKey.find("Key-Pair-Id=K1"), 14, "Key-Pair-Id=K2");
    EXPECT_EQ(verifyCode(otherKey), ErrorCode::UnknownKey);
  }
}

TEST_P(VerifyRoundTrip, CustomPolicyConditions) {
  SignOptions o = options();
  o.dateGreaterThan = kNow - 10;
  o.ipAddress = "192.0.2.0/24";
  const std::string url = sign(o);
  EXPECT_EQ(verifyCode(url, {kNow, std::string("192.0.2.77")}), ErrorCode::Internal);  // valid
  EXPECT_EQ(verifyCode(url, {kNow, std::string("192.0.3.77")}), ErrorCode::IpMismatch);
  EXPECT_EQ(verifyCode(url, {kNow, std::nullopt}), ErrorCode::IpMismatch);
  EXPECT_EQ(verifyCode(url, {kNow - 11, std::string("192.0.2.77")}), ErrorCode::NotYetValid);
  EXPECT_EQ(verifyCode(url, {kExpiry + 1, std::string("192.0.2.77")}), ErrorCode::Expired);
}

TEST_P(VerifyRoundTrip, WildcardResource) {
  SignOptions o;
  o.keyPairId = "K1";
  o.policy =
      "{\"Statement\":[{\"Resource\":\"https://d.example.net/uploads/*\",\"Condition\":"
      "{\"DateLessThan\":{\"AWS:EpochTime\":1767225600}}}]}";
  o.url = "https://d.example.net/uploads/file.bin";
  const std::string url = sign(o);
  EXPECT_EQ(verifyCode(url), ErrorCode::Internal);
  std::string elsewhere = url;
  elsewhere.replace(elsewhere.find("uploads/file.bin"), 16, "private/file.bin");
  EXPECT_EQ(verifyCode(elsewhere), ErrorCode::ResourceMismatch);
}

TEST_P(VerifyRoundTrip, MalformedAndMissingParameters) {
  const std::string url = sign(options());
  EXPECT_EQ(verifyCode("https://d.example.net/a/b.txt"), ErrorCode::MissingKeyPairId);
  std::string noSignature = url.substr(0, url.find("&Signature="));
  EXPECT_EQ(verifyCode(noSignature), ErrorCode::Malformed);
  EXPECT_EQ(verifyCode(url + "&Signature=AAAA"), ErrorCode::Malformed);  // duplicated
  std::string badAlgorithm = url + "&Hash-Algorithm=MD5";
  EXPECT_EQ(verifyCode(badAlgorithm), ErrorCode::Malformed);
  std::string tampered = url;
  tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(verifyCode(tampered), ErrorCode::BadSignature);
}

TEST_P(VerifyRoundTrip, Cookies) {
  Result<PrivateKey> key = PrivateKey::load(SecureBytes(readFixture(GetParam().privateFile)), std::nullopt);
  SignOptions o = options();
  o.ipAddress = "198.51.100.1";
  Result<std::vector<SignedCookie>> cookies = signCookies(key.value(), o);
  ASSERT_TRUE(cookies.ok());
  SigningValues values;
  for (const SignedCookie& cookie : cookies.value()) {
    if (cookie.name == "CloudFront-Key-Pair-Id") values.keyPairId = cookie.value;
    if (cookie.name == "CloudFront-Signature") values.signature = cookie.value;
    if (cookie.name == "CloudFront-Policy") values.policy = cookie.value;
  }
  const PublicKeyLookup lookup = trusting("K1", GetParam().publicFile);
  EXPECT_TRUE(verifySignedCookies(*o.url, values, lookup, {kNow, std::string("198.51.100.1")}).ok());
  EXPECT_EQ(verifySignedCookies(*o.url, values, lookup, {kNow, std::string("198.51.100.2")}).error().code,
            ErrorCode::IpMismatch);
  values.keyPairId.reset();
  EXPECT_EQ(verifySignedCookies(*o.url, values, lookup, {kNow, std::nullopt}).error().code,
            ErrorCode::MissingKeyPairId);
}

INSTANTIATE_TEST_SUITE_P(Keys, VerifyRoundTrip,
                         ::testing::Values(Fixture{"rsa2048-pkcs1.pem", "rsa2048-public.pem"},
                                           Fixture{"ec-p256-sec1.pem", "ec-p256-public.pem"}),
                         [](const ::testing::TestParamInfo<Fixture>& info) {
                           return fixtureTestName(info.param.privateFile);
                         });

}  // namespace
}  // namespace cfsigner
