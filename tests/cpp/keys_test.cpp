#include "keys.h"

#include <gtest/gtest.h>

#include "test_keys.h"

namespace cfsigner {
namespace {

const std::optional<SecureBytes> kNoPassphrase;

Result<PrivateKey> loadPrivate(const std::string& file, const char* passphrase = nullptr) {
  std::optional<SecureBytes> secret;
  if (passphrase) secret.emplace(std::string_view(passphrase));
  return PrivateKey::load(SecureBytes(readFixture(file)), secret);
}

ErrorCode codeOf(const Result<PrivateKey>& result) { return result.error().code; }

struct KeyCase {
  const char* file;
  const char* passphrase;
  KeyType type;
};

void PrintTo(const KeyCase& c, std::ostream* out) { *out << c.file; }

class LoadsEveryFormat : public ::testing::TestWithParam<KeyCase> {};

TEST_P(LoadsEveryFormat, SignsWhatThePublicKeyVerifies) {
  const KeyCase& c = GetParam();
  Result<PrivateKey> key = loadPrivate(c.file, c.passphrase);
  ASSERT_TRUE(key.ok()) << key.error().message;
  EXPECT_EQ(key.value().type(), c.type);
  const std::string publicFile = c.type == KeyType::Rsa2048 ? "rsa2048-public.pem" : "ec-p256-public.pem";
  Result<PublicKey> publicKey = PublicKey::load(readFixture(publicFile));
  ASSERT_TRUE(publicKey.ok());
  for (HashAlgorithm algorithm : {HashAlgorithm::Sha1, HashAlgorithm::Sha256}) {
    Result<std::string> signature = key.value().sign(algorithm, "policy bytes");
    ASSERT_TRUE(signature.ok());
    EXPECT_TRUE(publicKey.value().verify(algorithm, "policy bytes", signature.value()));
    EXPECT_FALSE(publicKey.value().verify(algorithm, "policy byteS", signature.value()));
    const HashAlgorithm other = algorithm == HashAlgorithm::Sha1 ? HashAlgorithm::Sha256 : HashAlgorithm::Sha1;
    EXPECT_FALSE(publicKey.value().verify(other, "policy bytes", signature.value()));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Keys, LoadsEveryFormat,
    ::testing::Values(KeyCase{"rsa2048-pkcs1.pem", nullptr, KeyType::Rsa2048},
                      KeyCase{"rsa2048-pkcs8.pem", nullptr, KeyType::Rsa2048},
                      KeyCase{"rsa2048-pkcs1.der", nullptr, KeyType::Rsa2048},
                      KeyCase{"rsa2048-pkcs1-aes256.pem", "correct-horse", KeyType::Rsa2048},
                      KeyCase{"rsa2048-pkcs1-des3.pem", "correct-horse", KeyType::Rsa2048},
                      KeyCase{"rsa2048-pkcs8-aes256.pem", "correct-horse", KeyType::Rsa2048},
                      KeyCase{"rsa2048-pkcs8-des3.pem", "correct-horse", KeyType::Rsa2048},
                      KeyCase{"ec-p256-sec1.pem", nullptr, KeyType::EcdsaP256},
                      KeyCase{"ec-p256-pkcs8.pem", nullptr, KeyType::EcdsaP256},
                      KeyCase{"ec-p256-pkcs8-aes128.pem", "correct-horse", KeyType::EcdsaP256}),
    [](const ::testing::TestParamInfo<KeyCase>& info) { return fixtureTestName(info.param.file); });

TEST(PrivateKeyLoad, RsaPkcs1SignatureIsDeterministic) {
  Result<PrivateKey> key = loadPrivate("rsa2048-pkcs1.pem");
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key.value().sign(HashAlgorithm::Sha1, "x").value(),
            key.value().sign(HashAlgorithm::Sha1, "x").value());
  EXPECT_EQ(key.value().sign(HashAlgorithm::Sha1, "x").value().size(), 256u);
}

TEST(PrivateKeyLoad, EcdsaSignaturesUseFreshNonces) {
  Result<PrivateKey> key = loadPrivate("ec-p256-sec1.pem");
  ASSERT_TRUE(key.ok());
  EXPECT_NE(key.value().sign(HashAlgorithm::Sha256, "x").value(),
            key.value().sign(HashAlgorithm::Sha256, "x").value());
}

TEST(PrivateKeyLoad, AcceptsCrlfLineEndings) {
  std::string pem = readFixture("ec-p256-sec1.pem");
  std::string crlf;
  for (char c : pem) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  EXPECT_TRUE(PrivateKey::load(SecureBytes(crlf), kNoPassphrase).ok());
}

TEST(PrivateKeyLoad, RefusesBadKeysWithTheirCodes) {
  EXPECT_EQ(codeOf(PrivateKey::load(SecureBytes(std::string_view("")), kNoPassphrase)), ErrorCode::InvalidKey);
  EXPECT_EQ(codeOf(PrivateKey::load(SecureBytes(std::string_view("not a key")), kNoPassphrase)), ErrorCode::InvalidKey);
  const std::string pem = readFixture("rsa2048-pkcs1.pem");
  EXPECT_EQ(codeOf(PrivateKey::load(SecureBytes(pem.substr(0, pem.size() / 2)), kNoPassphrase)),
            ErrorCode::InvalidKey);
  Result<PrivateKey> publicAsPrivate = loadPrivate("rsa2048-public.pem");
  EXPECT_EQ(codeOf(publicAsPrivate), ErrorCode::InvalidKey);
  EXPECT_NE(publicAsPrivate.error().message.find("public key"), std::string::npos);
  EXPECT_EQ(codeOf(loadPrivate("rsa1024.pem")), ErrorCode::UnsupportedKey);
  EXPECT_EQ(codeOf(loadPrivate("rsa4096.pem")), ErrorCode::UnsupportedKey);
  EXPECT_EQ(codeOf(loadPrivate("ed25519.pem")), ErrorCode::UnsupportedKey);
  EXPECT_EQ(codeOf(loadPrivate("ec-p384.pem")), ErrorCode::UnsupportedKey);
  EXPECT_EQ(codeOf(loadPrivate("rsa2048-pkcs1-aes256.pem")), ErrorCode::WrongPassphrase);
  EXPECT_EQ(codeOf(loadPrivate("rsa2048-pkcs1-aes256.pem", "wrong")), ErrorCode::WrongPassphrase);
  EXPECT_EQ(codeOf(loadPrivate("rsa2048-pkcs8-aes256.pem")), ErrorCode::WrongPassphrase);
  EXPECT_EQ(codeOf(loadPrivate("rsa2048-pkcs8-aes256.pem", "wrong")), ErrorCode::WrongPassphrase);
  EXPECT_EQ(codeOf(loadPrivate("ec-p256-pkcs8-aes128.pem", "")), ErrorCode::WrongPassphrase);
}

TEST(PublicKeyLoad, RefusesPrivateAndUnsupportedKeys) {
  EXPECT_EQ(PublicKey::load("garbage").error().code, ErrorCode::InvalidKey);
  EXPECT_EQ(PublicKey::load("").error().code, ErrorCode::InvalidKey);
  EXPECT_EQ(PublicKey::load(readFixture("ed25519.pem")).error().code, ErrorCode::InvalidKey);
}

}  // namespace
}  // namespace cfsigner

namespace cfsigner {
namespace {

TEST(PrivateKeyLoad, AcceptsIndentedPemWithTrailingBlanks) {
  const std::string pem = readFixture("rsa2048-pkcs1-aes256.pem");
  std::string messy = "\n  ";
  for (char c : pem) {
    if (c == '\n') messy += " \t\r\n    ";
    else messy += c;
  }
  const std::optional<SecureBytes> passphrase(SecureBytes(std::string_view("correct-horse")));
  Result<PrivateKey> key = PrivateKey::load(SecureBytes(messy), passphrase);
  ASSERT_TRUE(key.ok()) << key.error().message;
  EXPECT_EQ(key.value().type(), KeyType::Rsa2048);
}

}  // namespace
}  // namespace cfsigner
