#include "rsa_crt_key.h"

#include <array>
#include <cstdint>

#include <mbedtls/bignum.h>
#include <mbedtls/platform_util.h>

#include "constant_time.h"
#include "emsa_pkcs1.h"
#include "mpi.h"
#include "rsa2048_crt.h"

namespace cfsigner {

namespace {

using crt_pair::kMaxExponentWords;
using crt_pair::Pair;
constexpr int kPrimeBits = 1024;
constexpr size_t kPrimeBytes = kPrimeBits / 8;
// d_p + k (p - 1) with a 32-bit k stays below 2^1057.
constexpr int kBlindedExponentBits = kPrimeBits + 33;

template <typename T>
void wipe(T& value) {
  mbedtls_platform_zeroize(&value, sizeof(value));
}

// Big-endian bytes -> little-endian 32-bit words (`bytes` is a multiple of 4 long).
void wordsFromBytes(uint32_t* words, const unsigned char* bytes, size_t size) {
  for (size_t w = 0; w < size / 4; ++w) {
    const unsigned char* at = bytes + size - 4 * (w + 1);
    words[w] = (uint32_t{at[0]} << 24) | (uint32_t{at[1]} << 16) | (uint32_t{at[2]} << 8) | at[3];
  }
}

void bytesFromWords(unsigned char* bytes, size_t size, const uint32_t* words) {
  for (size_t w = 0; w < size / 4; ++w) {
    unsigned char* at = bytes + size - 4 * (w + 1);
    at[0] = static_cast<unsigned char>(words[w] >> 24);
    at[1] = static_cast<unsigned char>(words[w] >> 16);
    at[2] = static_cast<unsigned char>(words[w] >> 8);
    at[3] = static_cast<unsigned char>(words[w]);
  }
}

// A secret of `size` bytes from Mbed TLS, as words; marked secret for the CT check.
bool exportSecret(mbedtls_mpi* value, uint32_t* words, size_t size) {
  std::array<unsigned char, kPrimeBytes> bytes{};
  if (size > bytes.size() || mbedtls_mpi_write_binary(value, bytes.data(), size) != 0) return false;
  markSecret(bytes.data(), size);
  wordsFromBytes(words, bytes.data(), size);
  wipe(bytes);
  return true;
}

// r = a + k b over kMaxExponentWords words (a, b: kPrimeWords words).
void addMultiple(uint32_t* r, const uint32_t* a, const uint32_t* b, uint32_t k) {
  uint64_t carry = 0;
  for (int i = 0; i < kMaxExponentWords; ++i) {
    const uint64_t ai = i < rsa2048::kPrimeWords ? a[i] : 0;
    const uint64_t bi = i < rsa2048::kPrimeWords ? b[i] : 0;
    carry += bi * k + ai;
    r[i] = static_cast<uint32_t>(carry);
    carry >>= 32;
  }
}

// r = a - small for an a >= small (kPrimeWords words).
void subtractSmall(uint32_t* r, const uint32_t* a, uint32_t small) {
  uint64_t borrow = small;
  for (int i = 0; i < rsa2048::kPrimeWords; ++i) {
    const uint64_t difference = static_cast<uint64_t>(a[i]) - borrow;
    r[i] = static_cast<uint32_t>(difference);
    borrow = difference >> 63;
  }
}

Error randomFailure(int rc) {
  return makeError(ErrorCode::Internal,
                   "the random generator failed (Mbed TLS error " + std::to_string(rc) + ")");
}

}  // namespace

struct RsaCrtKey::State {
  rsa2048::PublicKey publicKey;
  rsa2048::CrtKey crt;
  uint32_t dp[rsa2048::kPrimeWords];
  uint32_t dq[rsa2048::kPrimeWords];
  uint32_t pMinusOne[rsa2048::kPrimeWords];
  uint32_t qMinusOne[rsa2048::kPrimeWords];
  // Blinding pair, Montgomery form mod N: Vf R and Vf^-e R.
  rsa2048::Wide blind;
  rsa2048::Wide blindInverse;
};

RsaCrtKey::RsaCrtKey(std::unique_ptr<State> state) : state_(std::move(state)) {}

RsaCrtKey::~RsaCrtKey() {
  if (state_) wipe(*state_);
}

Result<std::unique_ptr<RsaCrtKey>> RsaCrtKey::create(const mbedtls_rsa_context& rsa,
                                                     RandomGenerator& random) {
  Mpi n, p, q, e, dp, dq, qp;
  if (mbedtls_rsa_export(&rsa, n.get(), p.get(), q.get(), nullptr, e.get()) != 0 ||
      mbedtls_rsa_export_crt(&rsa, dp.get(), dq.get(), qp.get()) != 0) {
    return std::unique_ptr<RsaCrtKey>();
  }
  // The sizes are public (they follow from the key's length); the kernel needs
  // 1024-bit primes, and a public exponent of one word.
  if (mbedtls_mpi_bitlen(n.get()) != 2048 || mbedtls_mpi_bitlen(p.get()) != kPrimeBits ||
      mbedtls_mpi_bitlen(q.get()) != kPrimeBits || mbedtls_mpi_bitlen(e.get()) > 32 ||
      mbedtls_mpi_cmp_int(e.get(), 3) < 0 || mbedtls_mpi_get_bit(e.get(), 0) != 1) {
    return std::unique_ptr<RsaCrtKey>();
  }
  auto state = std::make_unique<State>();
  std::array<unsigned char, kRsa2048Bytes> nBytes{};
  std::array<unsigned char, 4> eBytes{};
  uint32_t nWords[rsa2048::kWords];
  uint32_t eWord = 0;
  uint32_t pWords[rsa2048::kPrimeWords];
  uint32_t qWords[rsa2048::kPrimeWords];
  uint32_t qInverseWords[rsa2048::kPrimeWords];
  const bool exported = mbedtls_mpi_write_binary(n.get(), nBytes.data(), nBytes.size()) == 0 &&
                        mbedtls_mpi_write_binary(e.get(), eBytes.data(), eBytes.size()) == 0 &&
                        exportSecret(p.get(), pWords, kPrimeBytes) &&
                        exportSecret(q.get(), qWords, kPrimeBytes) &&
                        exportSecret(dp.get(), state->dp, kPrimeBytes) &&
                        exportSecret(dq.get(), state->dq, kPrimeBytes) &&
                        exportSecret(qp.get(), qInverseWords, kPrimeBytes);
  if (!exported) {
    wipe(pWords);
    wipe(qWords);
    wipe(qInverseWords);
    wipe(*state);
    return std::unique_ptr<RsaCrtKey>();
  }
  wordsFromBytes(nWords, nBytes.data(), nBytes.size());
  wordsFromBytes(&eWord, eBytes.data(), eBytes.size());
  rsa2048::setUpPublicKey(state->publicKey, nWords, eWord);
  rsa2048::setUpCrtKey(state->crt, pWords, qWords, qInverseWords);
  subtractSmall(state->pMinusOne, pWords, 1);
  subtractSmall(state->qMinusOne, qWords, 1);
  wipe(pWords);
  wipe(qWords);
  wipe(qInverseWords);

  std::unique_ptr<RsaCrtKey> key(new RsaCrtKey(std::move(state)));
  if (Status status = key->setUpBlinding(random); !status) return status.error();
  return key;
}

// A random Vf below 2^2040 < N and Vf^-e mod N. Vf^-1 comes from Fermat's little
// theorem in each half (Vf^(p-2) mod p, Vf^(q-2) mod q), through the same constant-
// time kernel as signing.
Status RsaCrtKey::setUpBlinding(RandomGenerator& random) {
  State& s = *state_;
  std::array<unsigned char, kRsa2048Bytes> bytes{};
  if (int rc = RandomGenerator::generate(&random, bytes.data() + 1, bytes.size() - 1); rc != 0) {
    return randomFailure(rc);
  }
  markSecret(bytes.data() + 1, bytes.size() - 1);
  uint32_t words[rsa2048::kWords];
  wordsFromBytes(words, bytes.data(), bytes.size());
  rsa2048::Wide blind;
  rsa2048::toWide(blind, words);

  uint32_t exponentP[kMaxExponentWords] = {};
  uint32_t exponentQ[kMaxExponentWords] = {};
  subtractSmall(exponentP, s.pMinusOne, 1);
  subtractSmall(exponentQ, s.qMinusOne, 1);
  Pair halves;
  rsa2048::splitToMontgomery(s.crt, halves, blind);
  crt_pair::selected::power(s.crt.moduli, halves, halves, exponentP, exponentQ, kPrimeBits);
  rsa2048::leaveMontgomery(s.crt, halves, halves);
  rsa2048::Wide inverse;
  rsa2048::recombine(s.crt, inverse, halves);
  rsa2048::powerPublic(s.publicKey, inverse, inverse);
  rsa2048::toMontgomery(s.publicKey, s.blindInverse, inverse);
  rsa2048::toMontgomery(s.publicKey, s.blind, blind);

  wipe(bytes);
  wipe(words);
  wipe(blind);
  wipe(exponentP);
  wipe(exponentQ);
  wipe(halves);
  wipe(inverse);
  return Ok{};
}

Result<std::string> RsaCrtKey::sign(HashAlgorithm algorithm, const unsigned char* digest,
                                    RandomGenerator& random) {
  State& s = *state_;
  std::array<uint32_t, 2> k{};
  if (int rc = RandomGenerator::generate(&random, reinterpret_cast<unsigned char*>(k.data()),
                                         sizeof(k));
      rc != 0) {
    return randomFailure(rc);
  }
  markSecret(k.data(), sizeof(k));

  const std::array<unsigned char, kRsa2048Bytes> encoded = encodeEmsaPkcs1(algorithm, digest);
  uint32_t words[rsa2048::kWords];
  wordsFromBytes(words, encoded.data(), encoded.size());
  rsa2048::Wide message;
  rsa2048::toWide(message, words);

  // Base blinding: x = m Vf^-e; then the pair moves on to its square.
  rsa2048::Wide x;
  rsa2048::multiplyMontgomery(s.publicKey, x, message, s.blindInverse);
  rsa2048::multiplyMontgomery(s.publicKey, s.blindInverse, s.blindInverse, s.blindInverse);

  uint32_t exponentP[kMaxExponentWords];
  uint32_t exponentQ[kMaxExponentWords];
  addMultiple(exponentP, s.dp, s.pMinusOne, k[0]);
  addMultiple(exponentQ, s.dq, s.qMinusOne, k[1]);
  Pair halves;
  rsa2048::splitToMontgomery(s.crt, halves, x);
  crt_pair::selected::power(s.crt.moduli, halves, halves, exponentP, exponentQ,
                            kBlindedExponentBits);
  rsa2048::leaveMontgomery(s.crt, halves, halves);
  rsa2048::Wide signature;
  rsa2048::recombine(s.crt, signature, halves);
  // Unblinding: (m Vf^-e)^d Vf = m^d.
  rsa2048::multiplyMontgomery(s.publicKey, signature, signature, s.blind);
  rsa2048::multiplyMontgomery(s.publicKey, s.blind, s.blind, s.blind);

  // A fault anywhere above (or a corrupt key) must not release a wrong signature,
  // which could reveal a prime.
  rsa2048::Wide check;
  rsa2048::powerPublic(s.publicKey, check, signature);
  uint32_t valid = rsa2048::equalMask(check, message);
  declassify(&valid, sizeof(valid));

  std::string result;
  if (valid) {
    rsa2048::toWords(words, signature);
    std::array<unsigned char, kRsa2048Bytes> bytes;
    bytesFromWords(bytes.data(), bytes.size(), words);
    declassify(bytes.data(), bytes.size());
    result.assign(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  }
  wipe(k);
  wipe(words);
  wipe(x);
  wipe(exponentP);
  wipe(exponentQ);
  wipe(halves);
  wipe(signature);
  wipe(check);
  if (!valid) return makeError(ErrorCode::Internal, "the RSA signature failed its own check");
  return result;
}

}  // namespace cfsigner
