// Mbed TLS's ECDSA signing, replaced (MBEDTLS_ECDSA_SIGN_ALT in src/mbedtls_config.h)
// by the fiat-crypto P-256 code. Mbed TLS keeps everything around it: key parsing,
// mbedtls_pk_sign and mbedtls_ecdsa_write_signature (which call this function with
// the caller's DRBG), DER encoding, verification and key generation. With
// MBEDTLS_ECDSA_DETERMINISTIC and MBEDTLS_ECP_RESTARTABLE off (they are), this is
// Mbed TLS's only signing path.
#include <mbedtls/ecdsa.h>
#include <mbedtls/platform_util.h>

#include "ecdsa_sign.h"

#if !defined(MBEDTLS_ECDSA_SIGN_ALT)
#error "src/mbedtls_config.h must define MBEDTLS_ECDSA_SIGN_ALT"
#endif

extern "C" int mbedtls_ecdsa_sign(mbedtls_ecp_group* grp, mbedtls_mpi* r, mbedtls_mpi* s,
                                  const mbedtls_mpi* d, const unsigned char* buf, size_t blen,
                                  int (*f_rng)(void*, unsigned char*, size_t), void* p_rng) {
  // P-256 is the only curve the configuration enables.
  if (grp->id != MBEDTLS_ECP_DP_SECP256R1) return MBEDTLS_ERR_ECP_FEATURE_UNAVAILABLE;
  if (f_rng == nullptr) return MBEDTLS_ERR_ECP_BAD_INPUT_DATA;
  unsigned char key[32];
  int rc = mbedtls_mpi_write_binary(d, key, sizeof key);
  if (rc != 0) {
    rc = MBEDTLS_ERR_ECP_INVALID_KEY;
  } else {
    cfsigner::p256::EcdsaSignature signature;
    rc = cfsigner::p256::signP256(signature, key, buf, blen, f_rng, p_rng);
    if (rc == 0) rc = mbedtls_mpi_read_binary(r, signature.r, sizeof signature.r);
    if (rc == 0) rc = mbedtls_mpi_read_binary(s, signature.s, sizeof signature.s);
  }
  mbedtls_platform_zeroize(key, sizeof key);
  return rc;
}
