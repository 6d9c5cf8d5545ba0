/*
 * The Mbed TLS 3.6 configuration for cloudfront-signer-wasm: only what signing and
 * verifying CloudFront URLs needs. It replaces Mbed TLS's default config
 * (MBEDTLS_CONFIG_FILE), so anything not listed here is left out of the build.
 */
#ifndef CFSIGNER_MBEDTLS_CONFIG_H
#define CFSIGNER_MBEDTLS_CONFIG_H

/* Platform: no filesystem, no sockets, no platform entropy. The DRBG is seeded by
 * src/core/entropy.cpp from getentropy(), which is crypto.getRandomValues in wasm. */
#define MBEDTLS_NO_PLATFORM_ENTROPY
#define MBEDTLS_PLATFORM_C

/* Big numbers and the two key types CloudFront accepts. */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_GENPRIME              /* generateKeyPair({ type: 'rsa' }) */
#define MBEDTLS_RSA_C
#define MBEDTLS_MPI_WINDOW_SIZE 5     /* RSA: 8% fewer multiplications than the default 3, about 4% faster */
#define MBEDTLS_PKCS1_V15
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM
#define MBEDTLS_ECDSA_C
/* ECDSA P-256 signing runs on fiat-crypto's verified arithmetic (src/core/p256);
 * Mbed TLS keeps parsing, DER, verification and key generation. */
#define MBEDTLS_ECDSA_SIGN_ALT

/* Hashes: SHA-1 and SHA-256 for signatures, MD5 for legacy encrypted PEM keys. */
#define MBEDTLS_MD_C
#define MBEDTLS_SHA1_C
#define MBEDTLS_SHA224_C              /* Mbed TLS builds SHA-256 and SHA-224 together */
#define MBEDTLS_SHA256_C
#define MBEDTLS_MD5_C

/* Key files: PEM and DER; PKCS#1, PKCS#8 and SEC1; SubjectPublicKeyInfo. */
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_OID_C
#define MBEDTLS_BASE64_C
#define MBEDTLS_PEM_PARSE_C
#define MBEDTLS_PEM_WRITE_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_PK_WRITE_C

/* Encrypted keys: legacy "Proc-Type: 4,ENCRYPTED" PEM (AES-CBC, DES-EDE3-CBC),
 * PKCS#8 PBES2 (PBKDF2 with AES or DES3) and PKCS#12 PBE (SHA-1 with 3DES). */
#define MBEDTLS_CIPHER_C
#define MBEDTLS_CIPHER_MODE_CBC
#define MBEDTLS_CIPHER_PADDING_PKCS7
#define MBEDTLS_AES_C
#define MBEDTLS_DES_C
#define MBEDTLS_PKCS5_C
#define MBEDTLS_PKCS12_C

/* Random numbers for RSA blinding, ECDSA nonces and key generation. */
#define MBEDTLS_CTR_DRBG_C

/* Size over speed where speed does not matter: AES only runs the DRBG and decrypts
 * key files, and SHA-256 hashes a few hundred bytes per signature. The AES tables
 * are built in memory on first use (one table, not four) instead of shipping in
 * the wasm. */
#define MBEDTLS_AES_FEWER_TABLES
#define MBEDTLS_SHA256_SMALLER

/* wasm: 32-bit limbs, whose products fit wasm's native 64-bit integers, with our
 * own multiply-accumulate kernel (src/bignum_kernel.h). */
#if defined(__wasm__)
#define MBEDTLS_HAVE_INT32
#include "bignum_kernel.h"
#endif

#endif /* CFSIGNER_MBEDTLS_CONFIG_H */
