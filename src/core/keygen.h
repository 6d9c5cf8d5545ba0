// New CloudFront key pairs, made with Mbed TLS so that browsers and edge
// runtimes can create them too.
#pragma once

#include <string>

#include "errors.h"
#include "keys.h"
#include "secure_bytes.h"

namespace cfsigner {

// How the private key is written. PKCS#8 ("PRIVATE KEY") is what WebCrypto and
// OpenSSL 3 write; PKCS#1 ("RSA PRIVATE KEY", RSA only) is what AWS CLI v1 reads.
enum class PrivateKeyFormat { Pkcs8, Pkcs1 };

struct KeyPairPem {
  SecureBytes privateKey;  // unencrypted, in the format asked for
  std::string publicKey;   // SubjectPublicKeyInfo "PUBLIC KEY", what CloudFront's key group takes
};

// Errors: InvalidArgument for PKCS#1 with an ECDSA key.
Result<KeyPairPem> generateKeyPair(KeyType type, PrivateKeyFormat format = PrivateKeyFormat::Pkcs8);

}  // namespace cfsigner
