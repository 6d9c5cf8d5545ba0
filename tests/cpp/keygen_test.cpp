#include "keygen.h"

#include <gtest/gtest.h>

namespace cfsigner {
namespace {

TEST(GenerateKeyPair, ProducesLoadablePkcs8AndSpkiPem) {
  for (KeyType type : {KeyType::EcdsaP256, KeyType::Rsa2048}) {
    Result<KeyPairPem> pair = generateKeyPair(type);
    ASSERT_TRUE(pair.ok()) << pair.error().message;
    const std::string_view privatePem = pair.value().privateKey.view();
    EXPECT_EQ(privatePem.rfind("-----BEGIN PRIVATE KEY-----\n", 0), 0u);
    EXPECT_EQ(pair.value().publicKey.rfind("-----BEGIN PUBLIC KEY-----\n", 0), 0u);

    Result<PrivateKey> key = PrivateKey::load(SecureBytes(privatePem), std::nullopt);
    ASSERT_TRUE(key.ok()) << key.error().message;
    EXPECT_EQ(key.value().type(), type);
    Result<PublicKey> publicKey = PublicKey::load(pair.value().publicKey);
    ASSERT_TRUE(publicKey.ok());
    const std::string signature = key.value().sign(HashAlgorithm::Sha256, "m").value();
    EXPECT_TRUE(publicKey.value().verify(HashAlgorithm::Sha256, "m", signature));
  }
}

TEST(GenerateKeyPair, RsaAsPkcs1) {
  Result<KeyPairPem> pair = generateKeyPair(KeyType::Rsa2048, PrivateKeyFormat::Pkcs1);
  ASSERT_TRUE(pair.ok()) << pair.error().message;
  const std::string_view privatePem = pair.value().privateKey.view();
  EXPECT_EQ(privatePem.rfind("-----BEGIN RSA PRIVATE KEY-----\n", 0), 0u);
  EXPECT_NE(privatePem.find("-----END RSA PRIVATE KEY-----\n"), std::string_view::npos);
  Result<PrivateKey> key = PrivateKey::load(SecureBytes(privatePem), std::nullopt);
  ASSERT_TRUE(key.ok()) << key.error().message;
  EXPECT_EQ(key.value().type(), KeyType::Rsa2048);
  const std::string signature = key.value().sign(HashAlgorithm::Sha1, "m").value();
  EXPECT_TRUE(PublicKey::load(pair.value().publicKey).value().verify(HashAlgorithm::Sha1, "m", signature));
}

TEST(GenerateKeyPair, NoPkcs1ForEcdsa) {
  Result<KeyPairPem> pair = generateKeyPair(KeyType::EcdsaP256, PrivateKeyFormat::Pkcs1);
  ASSERT_FALSE(pair.ok());
  EXPECT_EQ(pair.error().code, ErrorCode::InvalidArgument);
}

TEST(GenerateKeyPair, KeysDiffer) {
  EXPECT_NE(generateKeyPair(KeyType::EcdsaP256).value().publicKey,
            generateKeyPair(KeyType::EcdsaP256).value().publicKey);
}

}  // namespace
}  // namespace cfsigner
