#include "keygen.h"

#include <array>

#include <mbedtls/asn1write.h>
#include <mbedtls/ecp.h>
#include <mbedtls/oid.h>
#include <mbedtls/pem.h>
#include <mbedtls/rsa.h>

#include "random.h"

namespace cfsigner {

namespace {

constexpr size_t kDerCapacity = 2048;  // an RSA-2048 PKCS#8 key is about 1,220 bytes
constexpr size_t kPemCapacity = 4096;

Error failure(const char* step, int rc) {
  return makeError(ErrorCode::Internal,
                   std::string(step) + " failed (Mbed TLS error " + std::to_string(rc) + ")");
}

// Writes the length and tag that go in front of `length` bytes already written.
int writeHeader(unsigned char** p, unsigned char* start, size_t length, unsigned char tag) {
  int ret = 0;  // MBEDTLS_ASN1_CHK_ADD returns it on failure
  size_t written = 0;
  MBEDTLS_ASN1_CHK_ADD(written, mbedtls_asn1_write_len(p, start, length));
  MBEDTLS_ASN1_CHK_ADD(written, mbedtls_asn1_write_tag(p, start, tag));
  return static_cast<int>(written);
}

// Wraps the PKCS#1 or SEC1 key that Mbed TLS writes into a PKCS#8 PrivateKeyInfo,
// the form WebCrypto, OpenSSL 3 and the AWS tools all read. ASN.1 is written
// backwards from the end of `buffer`; returns the DER length, or a negative Mbed TLS error.
int writePkcs8Der(const PkContext& key, KeyType type, SecureBytes& buffer) {
  int ret = 0;  // MBEDTLS_ASN1_CHK_ADD returns it on failure
  unsigned char* start = buffer.data();
  const int innerLength = mbedtls_pk_write_key_der(key.get(), start, buffer.size());
  if (innerLength < 0) return innerLength;
  unsigned char* p = start + buffer.size() - innerLength;
  size_t length = static_cast<size_t>(innerLength);
  MBEDTLS_ASN1_CHK_ADD(length, writeHeader(&p, start, length, MBEDTLS_ASN1_OCTET_STRING));
  if (type == KeyType::Rsa2048) {
    // rsaEncryption with NULL parameters (a parameter length of 0 writes the NULL).
    MBEDTLS_ASN1_CHK_ADD(length, mbedtls_asn1_write_algorithm_identifier(
                                     &p, start, MBEDTLS_OID_PKCS1_RSA,
                                     MBEDTLS_OID_SIZE(MBEDTLS_OID_PKCS1_RSA), 0));
  } else {
    size_t curveLength = 0;
    MBEDTLS_ASN1_CHK_ADD(curveLength, mbedtls_asn1_write_oid(
                                          &p, start, MBEDTLS_OID_EC_GRP_SECP256R1,
                                          MBEDTLS_OID_SIZE(MBEDTLS_OID_EC_GRP_SECP256R1)));
    MBEDTLS_ASN1_CHK_ADD(length, mbedtls_asn1_write_algorithm_identifier(
                                     &p, start, MBEDTLS_OID_EC_ALG_UNRESTRICTED,
                                     MBEDTLS_OID_SIZE(MBEDTLS_OID_EC_ALG_UNRESTRICTED),
                                     curveLength));
  }
  MBEDTLS_ASN1_CHK_ADD(length, mbedtls_asn1_write_int(&p, start, 0));
  MBEDTLS_ASN1_CHK_ADD(length, writeHeader(&p, start, length,
                                               MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE));
  return static_cast<int>(length);
}

}  // namespace

Result<KeyPairPem> generateKeyPair(KeyType type, PrivateKeyFormat format) {
  if (format == PrivateKeyFormat::Pkcs1 && type != KeyType::Rsa2048) {
    return makeError(ErrorCode::InvalidArgument,
                     "PKCS#1 holds RSA keys only; write ECDSA keys as PKCS#8");
  }
  PkContext key;
  const mbedtls_pk_type_t pkType = type == KeyType::Rsa2048 ? MBEDTLS_PK_RSA : MBEDTLS_PK_ECKEY;
  if (int rc = mbedtls_pk_setup(key.get(), mbedtls_pk_info_from_type(pkType)); rc != 0) {
    return failure("key setup", rc);
  }
  int rc = 0;
  if (type == KeyType::Rsa2048) {
    rc = mbedtls_rsa_gen_key(mbedtls_pk_rsa(*key.get()), RandomGenerator::generate,
                             &sharedRandom(), 2048, 65537);
  } else {
    rc = mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, mbedtls_pk_ec(*key.get()),
                             RandomGenerator::generate, &sharedRandom());
  }
  if (rc != 0) return failure("key generation", rc);

  SecureBytes der(kDerCapacity);
  const bool pkcs8 = format == PrivateKeyFormat::Pkcs8;
  // mbedtls_pk_write_key_der writes an RSA key as PKCS#1, at the end of the buffer.
  const int derLength = pkcs8 ? writePkcs8Der(key, type, der)
                              : mbedtls_pk_write_key_der(key.get(), der.data(), der.size());
  if (derLength < 0) return failure("writing the private key", derLength);

  SecureBytes pem(kPemCapacity);
  size_t pemLength = 0;
  rc = mbedtls_pem_write_buffer(pkcs8 ? "-----BEGIN PRIVATE KEY-----\n" : "-----BEGIN RSA PRIVATE KEY-----\n",
                                pkcs8 ? "-----END PRIVATE KEY-----\n" : "-----END RSA PRIVATE KEY-----\n",
                                der.data() + der.size() - derLength,
                                static_cast<size_t>(derLength), pem.data(), pem.size(),
                                &pemLength);
  if (rc != 0) return failure("writing the private key", rc);

  std::array<unsigned char, kPemCapacity> publicPem{};
  rc = mbedtls_pk_write_pubkey_pem(key.get(), publicPem.data(), publicPem.size());
  if (rc != 0) return failure("writing the public key", rc);

  KeyPairPem pair;
  // pemLength counts the trailing NUL that mbedtls_pem_write_buffer adds.
  pair.privateKey = SecureBytes(pem.data(), pemLength - 1);
  pair.publicKey = reinterpret_cast<const char*>(publicPem.data());
  return pair;
}

}  // namespace cfsigner
