// Loading, checking, signing with and verifying with CloudFront keys:
// RSA-2048 (PKCS#1 v1.5) and ECDSA P-256 (DER signatures).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "errors.h"
#include "hash_algorithm.h"
#include "pk_context.h"
#include "secure_bytes.h"

namespace cfsigner {

enum class KeyType { Rsa2048, EcdsaP256 };

const char* keyTypeName(KeyType type);

class PrivateKey {
 public:
  // `keyFile` is PEM (PKCS#1, PKCS#8, SEC1, optionally encrypted) or DER.
  // An absent passphrase differs from an empty one only in the error it gives.
  static Result<PrivateKey> load(const SecureBytes& keyFile,
                                 const std::optional<SecureBytes>& passphrase);

  KeyType type() const { return type_; }
  // Signs `message` and returns the raw signature bytes.
  Result<std::string> sign(HashAlgorithm algorithm, std::string_view message) const;

 private:
  PrivateKey(PkContextPtr context, KeyType type) : context_(std::move(context)), type_(type) {}
  PkContextPtr context_;
  KeyType type_;
};

class PublicKey {
 public:
  // PEM or DER SubjectPublicKeyInfo (or PKCS#1 RSAPublicKey).
  static Result<PublicKey> load(std::string_view keyFile);

  KeyType type() const { return type_; }
  bool verify(HashAlgorithm algorithm, std::string_view message, std::string_view signature) const;

 private:
  PublicKey(PkContextPtr context, KeyType type) : context_(std::move(context)), type_(type) {}
  PkContextPtr context_;
  KeyType type_;
};

}  // namespace cfsigner
