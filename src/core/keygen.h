// New CloudFront key pairs, made with Mbed TLS so that browsers and edge
// runtimes can create them too.
#pragma once

#include <string>

#include "errors.h"
#include "keys.h"
#include "secure_bytes.h"

namespace cfsigner {

struct KeyPairPem {
  SecureBytes privateKey;  // PKCS#8 "PRIVATE KEY", unencrypted
  std::string publicKey;   // SubjectPublicKeyInfo "PUBLIC KEY", what CloudFront's key group takes
};

Result<KeyPairPem> generateKeyPair(KeyType type);

}  // namespace cfsigner
