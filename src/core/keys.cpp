#include "keys.h"

#include <algorithm>
#include <array>
#include <cstring>

#include <mbedtls/ecp.h>
#include <mbedtls/md.h>
#include <mbedtls/rsa.h>

#include "ecdsa_der.h"
#include "random.h"

namespace cfsigner {

namespace {

bool looksLikePem(std::string_view file) { return file.find("-----BEGIN ") != std::string_view::npos; }

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// PEM as people paste it: CRLF line ends, indentation (keys kept in YAML) and
// trailing blanks are dropped from every line, which Mbed TLS's reader would refuse.
// Mbed TLS reads PEM only from a NUL-terminated buffer whose length counts the NUL.
SecureBytes parserInput(std::string_view file) {
  if (!looksLikePem(file)) return SecureBytes(file);
  SecureBytes copy(file.size() + 2);  // a newline may be added after the last line, then the NUL
  size_t length = 0;
  size_t lineStart = 0;
  while (lineStart < file.size()) {
    size_t lineEnd = file.find('\n', lineStart);
    if (lineEnd == std::string_view::npos) lineEnd = file.size();
    size_t first = lineStart;
    size_t last = lineEnd;
    while (first < last && isBlank(file[first])) ++first;
    while (last > first && isBlank(file[last - 1])) --last;
    if (last > first) {
      std::copy(file.begin() + first, file.begin() + last, copy.data() + length);
      length += last - first;
      copy.data()[length++] = '\n';
    }
    lineStart = lineEnd + 1;
  }
  copy.data()[length++] = '\0';
  copy.truncate(length);
  return copy;
}

// Only the two key shapes CloudFront's key groups accept.
Result<KeyType> classify(const mbedtls_pk_context* pk) {
  switch (mbedtls_pk_get_type(pk)) {
    case MBEDTLS_PK_RSA: {
      const size_t bits = mbedtls_pk_get_bitlen(pk);
      if (bits != 2048) {
        return makeError(ErrorCode::UnsupportedKey,
                         "RSA keys must be 2048 bits for CloudFront; this one has " +
                             std::to_string(bits));
      }
      return KeyType::Rsa2048;
    }
    case MBEDTLS_PK_ECKEY:
    case MBEDTLS_PK_ECDSA: {
      if (mbedtls_ecp_keypair_get_group_id(mbedtls_pk_ec(*pk)) != MBEDTLS_ECP_DP_SECP256R1) {
        return makeError(ErrorCode::UnsupportedKey,
                         "EC keys must be on curve P-256 (prime256v1) for CloudFront");
      }
      return KeyType::EcdsaP256;
    }
    default:
      return makeError(ErrorCode::UnsupportedKey,
                       "unsupported key type: CloudFront accepts RSA-2048 and ECDSA P-256 keys");
  }
}

Error parseError(int rc, const char* what) {
  switch (rc) {
    case MBEDTLS_ERR_PK_PASSWORD_REQUIRED:
      return makeError(ErrorCode::WrongPassphrase,
                       std::string(what) + " is encrypted: pass its passphrase");
    case MBEDTLS_ERR_PK_PASSWORD_MISMATCH:
      return makeError(ErrorCode::WrongPassphrase,
                       std::string("wrong passphrase for ") + what);
    case MBEDTLS_ERR_PK_UNKNOWN_PK_ALG:
      return makeError(ErrorCode::UnsupportedKey,
                       std::string(what) +
                           " uses an algorithm CloudFront does not accept (only RSA-2048 and "
                           "ECDSA P-256)");
    case MBEDTLS_ERR_PK_UNKNOWN_NAMED_CURVE:
    case MBEDTLS_ERR_ECP_FEATURE_UNAVAILABLE:
      return makeError(ErrorCode::UnsupportedKey,
                       std::string(what) + " is on a curve CloudFront does not accept (only P-256)");
    case MBEDTLS_ERR_PK_FEATURE_UNAVAILABLE:
      return makeError(ErrorCode::UnsupportedKey,
                       std::string(what) +
                           " uses an unsupported encryption scheme or key format");
    case MBEDTLS_ERR_PK_ALLOC_FAILED:
      return makeError(ErrorCode::Internal, "out of memory while reading the key");
    default:
      return makeError(ErrorCode::InvalidKey,
                       std::string(what) + " is not a valid PEM or DER key");
  }
}

mbedtls_md_type_t mdType(HashAlgorithm algorithm) {
  return algorithm == HashAlgorithm::Sha256 ? MBEDTLS_MD_SHA256 : MBEDTLS_MD_SHA1;
}

// The digest of `message`; 32 bytes is room for both SHA-1 and SHA-256.
struct Digest {
  std::array<unsigned char, 32> bytes{};
  size_t size = 0;
};

Digest digest(HashAlgorithm algorithm, std::string_view message) {
  Digest result;
  const mbedtls_md_info_t* info = mbedtls_md_info_from_type(mdType(algorithm));
  result.size = mbedtls_md_get_size(info);
  mbedtls_md(info, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
             result.bytes.data());
  return result;
}

}  // namespace

const char* keyTypeName(KeyType type) {
  return type == KeyType::Rsa2048 ? "rsa" : "ec";
}

Result<PrivateKey> PrivateKey::load(const SecureBytes& keyFile,
                                    const std::optional<SecureBytes>& passphrase) {
  const std::string_view file = keyFile.view();
  if (file.empty()) return makeError(ErrorCode::InvalidKey, "the private key is empty");
  const SecureBytes buffer = parserInput(file);
  auto context = std::make_unique<PkContext>();
  const unsigned char* pwd = passphrase ? passphrase->data() : nullptr;
  const size_t pwdLength = passphrase ? passphrase->size() : 0;
  const int rc = mbedtls_pk_parse_key(context->get(), buffer.data(), buffer.size(),
                                      pwd, pwdLength, RandomGenerator::generate, &sharedRandom());
  if (rc != 0) {
    Error error = parseError(rc, "the private key");
    // A wrong passphrase can decrypt to bytes with valid-looking padding, and then
    // the failure surfaces as a parse error. If the key asks for a passphrase when
    // given none, the one given was wrong.
    if (error.code == ErrorCode::InvalidKey && passphrase) {
      PkContext probe;
      if (mbedtls_pk_parse_key(probe.get(), buffer.data(), buffer.size(), nullptr, 0,
                               RandomGenerator::generate, &sharedRandom()) ==
          MBEDTLS_ERR_PK_PASSWORD_REQUIRED) {
        return parseError(MBEDTLS_ERR_PK_PASSWORD_MISMATCH, "the private key");
      }
    }
    // A public key handed over as the private one deserves its own message.
    if (error.code == ErrorCode::InvalidKey) {
      PkContext probe;
      if (mbedtls_pk_parse_public_key(probe.get(), buffer.data(), buffer.size()) == 0) {
        error.message = "this is a public key: signing needs the private key";
      }
    }
    return error;
  }
  if (!mbedtls_pk_can_do(context->get(), MBEDTLS_PK_RSA) &&
      !mbedtls_pk_can_do(context->get(), MBEDTLS_PK_ECDSA)) {
    return makeError(ErrorCode::UnsupportedKey, "the private key cannot sign");
  }
  Result<KeyType> type = classify(context->get());
  if (!type) return type.error();
  std::unique_ptr<RsaCrtKey> fastRsa;
  if (type.value() == KeyType::Rsa2048) {
    Result<std::unique_ptr<RsaCrtKey>> precomputed =
        RsaCrtKey::create(*mbedtls_pk_rsa(*context->get()), sharedRandom());
    if (!precomputed) return precomputed.error();
    fastRsa = std::move(precomputed).value();
  }
  return PrivateKey(std::move(context), type.value(), std::move(fastRsa));
}

Result<std::string> PrivateKey::sign(HashAlgorithm algorithm, std::string_view message) const {
  const Digest hash = digest(algorithm, message);
  if (fastRsa_) return fastRsa_->sign(algorithm, hash.bytes.data(), sharedRandom());
  std::array<unsigned char, MBEDTLS_PK_SIGNATURE_MAX_SIZE> signature{};
  size_t length = 0;
  // The generator feeds RSA blinding and the ECDSA nonce.
  const int rc = mbedtls_pk_sign(context_->get(), mdType(algorithm), hash.bytes.data(), hash.size,
                                 signature.data(), signature.size(), &length,
                                 RandomGenerator::generate, &sharedRandom());
  if (rc != 0) {
    return makeError(ErrorCode::Internal, "signing failed (Mbed TLS error " + std::to_string(rc) + ")");
  }
  return std::string(reinterpret_cast<const char*>(signature.data()), length);
}

Result<PublicKey> PublicKey::load(std::string_view keyFile) {
  if (keyFile.empty()) return makeError(ErrorCode::InvalidKey, "the public key is empty");
  const SecureBytes buffer = parserInput(keyFile);
  auto context = std::make_unique<PkContext>();
  const int rc = mbedtls_pk_parse_public_key(context->get(), buffer.data(),
                                             buffer.size());
  if (rc != 0) return parseError(rc, "the public key");
  Result<KeyType> type = classify(context->get());
  if (!type) return type.error();
  return PublicKey(std::move(context), type.value());
}

bool PublicKey::verify(HashAlgorithm algorithm, std::string_view message,
                       std::string_view signature) const {
  if (type_ == KeyType::EcdsaP256 && !isStrictDerEcdsaSignature(signature)) return false;
  const Digest hash = digest(algorithm, message);
  return mbedtls_pk_verify(context_->get(), mdType(algorithm), hash.bytes.data(), hash.size,
                           reinterpret_cast<const unsigned char*>(signature.data()),
                           signature.size()) == 0;
}

}  // namespace cfsigner
