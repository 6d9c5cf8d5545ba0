// Where CloudFront is stricter than a lenient reader: each case here is a URL or
// signature that CloudFront refuses, so the verifier refuses it too.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>

#include "cloudfront_base64.h"
#include "policy.h"
#include "signer.h"
#include "test_keys.h"
#include "verifier.h"

namespace cfsigner {
namespace {

constexpr int64_t kNow = 1767220000;
const std::string kUrl = "https://d.example.net/a/b.txt";

PublicKeyLookup trusting(const std::string& publicFile) {
  return [publicFile](const std::string& keyPairId) -> Result<PublicKey> {
    if (keyPairId != "K1") return makeError(ErrorCode::UnknownKey, "Unknown Key");
    return PublicKey::load(readFixture(publicFile));
  };
}

PrivateKey loadPrivate(const char* file) {
  Result<PrivateKey> key = PrivateKey::load(SecureBytes(readFixture(file)), std::nullopt);
  EXPECT_TRUE(key.ok());
  return std::move(key).value();
}

// A canned-policy URL for any Expires text, signed over the policy CloudFront rebuilds.
std::string cannedUrl(const PrivateKey& key, const std::string& expires) {
  const std::string policy = "{\"Statement\":[{\"Resource\":\"" + kUrl +
                             "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + expires + "}}}]}";
  Result<std::string> signature = key.sign(HashAlgorithm::Sha1, policy);
  EXPECT_TRUE(signature.ok());
  return kUrl + "?Expires=" + expires + "&Key-Pair-Id=K1&Signature=" + cloudFrontBase64Encode(signature.value());
}

ErrorCode codeOf(const Result<VerifiedRequest>& result) {
  return result.ok() ? ErrorCode::Internal : result.error().code;
}

TEST(StrictVerify, CannedExpiresBeyondTheEpochLimitIsRefused) {
  const PrivateKey key = loadPrivate("rsa2048-pkcs1.pem");
  const auto verify = [](const std::string& url) {
    return verifySignedUrl(url, trusting("rsa2048-public.pem"), {kNow, std::nullopt});
  };
  // The limit itself is the signer's latest date, and verifies.
  EXPECT_TRUE(verify(cannedUrl(key, "2147483647")).ok());
  for (const char* expires : {"2147483648", "4294967295", "4294967296", "9999999999"}) {
    EXPECT_EQ(codeOf(verify(cannedUrl(key, expires))), ErrorCode::Malformed) << expires;
  }
}

TEST(StrictVerify, StandardBase64IsRefusedInSignatureAndPolicy) {
  const PrivateKey key = loadPrivate("rsa2048-pkcs1.pem");
  SignOptions options;
  options.url = kUrl;
  options.keyPairId = "K1";
  options.dateLessThan = kNow + 3600;
  options.ipAddress = "192.0.2.1";
  const PublicKeyLookup lookup = trusting("rsa2048-public.pem");
  const VerifyOptions at{kNow, std::string("192.0.2.1")};
  // Sign until every swap has been tried in the signature, and those of "~" and "_" in the
  // policy (JSON text rarely encodes to "-").
  const std::set<std::pair<int, size_t>> wanted = {{0, 1}, {1, 1}, {2, 1}, {3, 1}, {4, 1}, {5, 1},
                                                   {1, 0}, {2, 0}, {4, 0}, {5, 0}};
  std::set<std::pair<int, size_t>> exercised;
  const auto done = [&] {
    for (const auto& pair : wanted) {
      if (exercised.count(pair) == 0) return false;
    }
    return true;
  };
  for (int attempt = 0; attempt < 64 && !done(); ++attempt) {
    options.url = kUrl + "?n=" + std::string(attempt % 3, 'a');
    options.dateLessThan = kNow + 3600 + attempt;
    Result<std::string> url = signUrl(key, options);
    ASSERT_TRUE(url.ok());
    const std::string& signedUrl = url.value();
    ASSERT_TRUE(verifySignedUrl(signedUrl, lookup, at).ok());
    const size_t policyStart = signedUrl.find("Policy=") + 7;
    const size_t signatureStart = signedUrl.find("Signature=") + 10;
    const size_t starts[] = {policyStart, signatureStart};
    const size_t ends[] = {signedUrl.find('&', policyStart), signedUrl.size()};
    const std::pair<char, const char*> swaps[] = {{'-', "%2B"}, {'~', "%2F"}, {'_', "%3D"},
                                                  {'-', "+"},   {'~', "/"},   {'_', "="}};
    for (int swap = 0; swap < 6; ++swap) {
      for (size_t part = 0; part < 2; ++part) {
        const size_t found = signedUrl.find(swaps[swap].first, starts[part]);
        if (found == std::string::npos || found >= ends[part]) continue;
        std::string changed = signedUrl;
        changed.replace(found, 1, swaps[swap].second);
        // An unreadable Signature is a signature that does not match, as before.
        const ErrorCode expected = part == 0 ? ErrorCode::Malformed : ErrorCode::BadSignature;
        EXPECT_EQ(codeOf(verifySignedUrl(changed, lookup, at)), expected) << changed;
        exercised.insert({swap, part});
      }
    }
  }
  EXPECT_TRUE(done()) << "the signed URLs did not use every CloudFront-only character";
}

// ECDSA signatures are DER; a BER spelling of the same (r, s) is refused.
class StrictDerSignature : public ::testing::Test {
 protected:
  // A signature whose r has its top bit set (so DER pads it with 0x00) and whose s does not.
  void SetUp() override {
    const PrivateKey key = loadPrivate("ec-p256-sec1.pem");
    for (int attempt = 0; attempt < 200; ++attempt) {
      message_ = "policy " + std::to_string(attempt);
      Result<std::string> signature = key.sign(HashAlgorithm::Sha256, message_);
      ASSERT_TRUE(signature.ok());
      const std::string& der = signature.value();
      const size_t rLength = static_cast<unsigned char>(der[3]);
      const size_t sLength = static_cast<unsigned char>(der[4 + rLength + 1]);
      if (rLength == 33 && sLength == 32 && static_cast<unsigned char>(der[4 + rLength + 2]) < 0x80) {
        der_ = der;
        return;
      }
    }
    FAIL() << "no signature of the wanted shape";
  }

  bool verifies(const std::string& signature) const {
    Result<PublicKey> key = PublicKey::load(readFixture("ec-p256-public.pem"));
    EXPECT_TRUE(key.ok());
    return key.value().verify(HashAlgorithm::Sha256, message_, signature);
  }

  // SEQUENCE { INTEGER r, INTEGER s } with the given content and length bytes.
  static std::string sequence(const std::string& lengthBytes, const std::string& content) {
    return "\x30" + lengthBytes + content;
  }
  static std::string integer(const std::string& lengthBytes, const std::string& value) {
    return "\x02" + lengthBytes + value;
  }
  static std::string shortLength(size_t n) { return std::string(1, static_cast<char>(n)); }

  std::string r() const { return der_.substr(5, 32); }   // without its 0x00 pad
  std::string s() const { return der_.substr(4 + 33 + 2, 32); }

  std::string message_;
  std::string der_;
};

TEST_F(StrictDerSignature, TheDerFormVerifies) {
  EXPECT_TRUE(verifies(der_));
  const std::string rebuilt = sequence(shortLength(69), integer(shortLength(33), std::string(1, '\0') + r()) +
                                                           integer(shortLength(32), s()));
  EXPECT_EQ(rebuilt, der_);
}

TEST_F(StrictDerSignature, BerSpellingsAreRefused) {
  const std::string padR = std::string(1, '\0') + r();
  const std::string cases[] = {
      // r without its 0x00: a negative INTEGER.
      sequence(shortLength(68), integer(shortLength(32), r()) + integer(shortLength(32), s())),
      // s with an unneeded leading 0x00.
      sequence(shortLength(70), integer(shortLength(33), padR) + integer(shortLength(33), std::string(1, '\0') + s())),
      // r with two leading zeros.
      sequence(shortLength(70), integer(shortLength(34), std::string(1, '\0') + padR) + integer(shortLength(32), s())),
      // Long-form lengths for short values: the SEQUENCE, then each INTEGER.
      sequence("\x81" + shortLength(69), integer(shortLength(33), padR) + integer(shortLength(32), s())),
      sequence(shortLength(70), integer("\x81" + shortLength(33), padR) + integer(shortLength(32), s())),
      sequence(shortLength(70), integer(shortLength(33), padR) + integer("\x81" + shortLength(32), s())),
      sequence(std::string("\x82\x00", 2) + shortLength(69), integer(shortLength(33), padR) + integer(shortLength(32), s())),
      // Trailing bytes, inside and after the SEQUENCE.
      der_ + std::string(1, '\0'),
      sequence(shortLength(71), integer(shortLength(33), padR) + integer(shortLength(32), s()) + std::string(2, '\0')),
      // An indefinite length.
      sequence("\x80", integer(shortLength(33), padR) + integer(shortLength(32), s()) + std::string(2, '\0')),
  };
  for (const std::string& signature : cases) {
    EXPECT_FALSE(verifies(signature)) << "accepted a BER signature of " << signature.size() << " bytes";
  }
}

}  // namespace
}  // namespace cfsigner
