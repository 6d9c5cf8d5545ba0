#include "key_fingerprint.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace cfsigner {
namespace {

TEST(KeyFingerprint, IsTheBase64OfSha256OverTheKeyFileAndPassphraseDigests) {
  // H(H("key") || 0x00 || H("")) in CloudFront's base64, computed separately with
  // Python's hashlib.
  EXPECT_EQ(keyFingerprint("key", std::nullopt), "Z4zmPLVCebd7Ag4LWqKakZg25iJIqYwMd5PamEsjMFc_");
}

TEST(KeyFingerprint, SeparatesKeysPassphrasesAndAnAbsentFromAnEmptyPassphrase) {
  const std::set<std::string> fingerprints = {
      keyFingerprint("key", std::nullopt),
      keyFingerprint("key", std::string_view("")),
      keyFingerprint("key", std::string_view("a")),
      keyFingerprint("kez", std::nullopt),
      keyFingerprint("keya", std::nullopt),
      keyFingerprint("", std::string_view("keya")),
      keyFingerprint("", std::nullopt),
  };
  EXPECT_EQ(fingerprints.size(), 7u);
}

}  // namespace
}  // namespace cfsigner
