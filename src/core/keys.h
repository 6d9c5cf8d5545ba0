// Loading, checking, signing with and verifying with CloudFront keys:
// RSA-2048 (PKCS#1 v1.5) and ECDSA P-256 (DER signatures).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "errors.h"
#include "hash_algorithm.h"
#include "pk_context.h"
#include "rsa_crt_key.h"
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
  // Whether RSA signatures take the CRT kernel fast path (else Mbed TLS signs).
  bool hasFastRsa() const { return fastRsa_ != nullptr; }

 private:
  PrivateKey(PkContextPtr context, KeyType type, std::unique_ptr<RsaCrtKey> fastRsa)
      : context_(std::move(context)), type_(type), fastRsa_(std::move(fastRsa)) {}
  PkContextPtr context_;
  KeyType type_;
  // Precomputed from context_ for RSA keys of two 1024-bit primes; it holds
  // blinding state that each signature advances.
  std::unique_ptr<RsaCrtKey> fastRsa_;
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
