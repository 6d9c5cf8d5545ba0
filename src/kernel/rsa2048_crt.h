// The arithmetic of an RSA-2048 CRT signature around the pair kernel: numbers mod N
// (blinding and the public-key check) and the moves between mod N and the
// (mod p | mod q) pair (the split before the exponentiation, the recombination
// after). Built for speed with the kernel; the signing steps themselves (random
// values, padding, the check's verdict) are in src/core/rsa_crt_key.cpp.
//
// Constant time: no branch and no memory index depends on a secret. The public
// exponent and the sizes are public.
#pragma once

#include <cstdint>

#include "crt_pair.h"

namespace cfsigner::rsa2048 {

constexpr int kWords = 64;   // 2048 bits as 32-bit words
constexpr int kLimbs = 74;   // 74 x 28 = 2072 bits: R = 2^2072 > 4N
constexpr int kPrimeWords = 32;

// A number mod N as 28-bit limbs.
struct Wide {
  uint32_t limb[kLimbs];
};

struct PublicKey {
  Wide modulus;
  Wide rSquared;  // R^2 mod N
  uint32_t negInverse = 0;
  uint32_t exponent = 0;  // e; fits 32 bits (keys with a larger e take the fallback)
};

// Everything mod p and mod q that signing needs, computed once per key.
struct CrtKey {
  crt_pair::Moduli moduli;
  crt_pair::Pair rSquared;   // R^2 mod p | R^2 mod q
  crt_pair::Pair rCubed;     // R^3 mod p | R^3 mod q
  crt_pair::Pair qInverseR;  // q^-1 R mod p | unused
};

// n: 64 words (little-endian); e odd and >= 3.
void setUpPublicKey(PublicKey& key, const uint32_t* n, uint32_t e);
// p, q: 1024-bit primes, qInverse: q^-1 mod p, 32 words each.
void setUpCrtKey(CrtKey& key, const uint32_t* p, const uint32_t* q, const uint32_t* qInverse);

// x mod N in 28-bit limbs from 64 words (x < N).
void toWide(Wide& r, const uint32_t* words);
void toWords(uint32_t* words, const Wide& a);

// r = a * b / R mod N, reduced below N; r may alias a or b.
void multiplyMontgomery(const PublicKey& key, Wide& r, const Wide& a, const Wide& b);
// r = a R mod N (the Montgomery form of a < N).
void toMontgomery(const PublicKey& key, Wide& r, const Wide& a);
// r = a^e mod N, for a < N.
void powerPublic(const PublicKey& key, Wide& r, const Wide& a);
// All ones when a == b, else zero.
uint32_t equalMask(const Wide& a, const Wide& b);

// x (< N) -> (x R mod p | x R mod q), a valid base for crt_pair power().
void splitToMontgomery(const CrtKey& key, crt_pair::Pair& r, const Wide& x);
// (a R mod p | b R mod q), lazily reduced -> (a mod p | b mod q), fully reduced.
void leaveMontgomery(const CrtKey& key, crt_pair::Pair& r, const crt_pair::Pair& a);
// (s mod p | s mod q), fully reduced -> s mod N (Garner: s = sq + q ((sp - sq) q^-1 mod p)).
void recombine(const CrtKey& key, Wide& r, const crt_pair::Pair& residues);

}  // namespace cfsigner::rsa2048
