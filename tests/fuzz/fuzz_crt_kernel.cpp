// libFuzzer: the portable form of the RSA CRT pair kernel (src/kernel/), driven
// differentially against Mbed TLS's bignum. The input picks two odd 1024-bit
// moduli, operands below 2^1024 (inside the kernel's lazy range [0, 2m)) and
// exponents; the Montgomery multiply, the exponentiation and the mod-N multiply
// must agree with Mbed TLS, or the harness aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "crt_pair.h"
#include "mpi_reference.h"
#include "rsa2048_crt.h"

namespace {

using cfsigner::crt_pair::Pair;
using cfsigner::testing::Mpi;

// Reads the input in order; past its end, zero bytes.
class Input {
 public:
  Input(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  uint8_t byte() { return offset_ < size_ ? data_[offset_++] : 0; }
  std::vector<uint32_t> words(int count) {
    std::vector<uint32_t> result(count);
    for (uint32_t& word : result) {
      for (int b = 0; b < 4; ++b) word |= static_cast<uint32_t>(byte()) << (8 * b);
    }
    return result;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t offset_ = 0;
};

void require(bool condition) {
  if (!condition) std::abort();
}

// r < 2m and m divides r R - a b.
void requireMontgomeryProduct(const Mpi& r, const Mpi& a, const Mpi& b, const Mpi& m, int rBits) {
  Mpi twiceM, rTimesR = r, product, difference, remainder;
  Mpi::check(mbedtls_mpi_mul_int(twiceM.get(), m.get(), 2));
  require(r < twiceM);
  Mpi::check(mbedtls_mpi_shift_l(rTimesR.get(), rBits));
  Mpi::check(mbedtls_mpi_mul_mpi(product.get(), a.get(), b.get()));
  Mpi::check(mbedtls_mpi_sub_mpi(difference.get(), rTimesR.get(), product.get()));
  Mpi::check(mbedtls_mpi_mod_mpi(remainder.get(), difference.get(), m.get()));
  require(mbedtls_mpi_cmp_int(remainder.get(), 0) == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Input input(data, size);
  const uint8_t operation = input.byte();
  std::vector<uint32_t> moduli[2] = {input.words(32), input.words(32)};
  for (std::vector<uint32_t>& m : moduli) m[0] |= 1, m[31] |= 0x80000000u;  // odd, 1024 bits
  const std::vector<uint32_t> zero(32, 0);
  cfsigner::rsa2048::CrtKey key;
  cfsigner::rsa2048::setUpCrtKey(key, moduli[0].data(), moduli[1].data(), zero.data());
  const Mpi m[2] = {cfsigner::testing::fromWords(moduli[0].data(), 32),
                    cfsigner::testing::fromWords(moduli[1].data(), 32)};
  const int rBits = cfsigner::radix28::kLimbBits * cfsigner::crt_pair::kLimbs;

  Pair a = {}, b = {}, r = {};
  Mpi values[2][2];
  for (int lane = 0; lane < 2; ++lane) {
    for (int k = 0; k < 2; ++k) {
      const std::vector<uint32_t> words = input.words(32);
      values[lane][k] = cfsigner::testing::fromWords(words.data(), 32);
      cfsigner::crt_pair::setLane(k == 0 ? a : b, lane, words.data(), 32);
    }
  }
  if (operation % 3 == 0) {
    cfsigner::crt_pair::scalar::montgomeryMultiply(key.moduli, r, a, b);
    for (int lane = 0; lane < 2; ++lane) {
      requireMontgomeryProduct(cfsigner::testing::laneValue(r, lane), values[lane][0], values[lane][1],
                               m[lane], rBits);
    }
  } else if (operation % 3 == 1) {
    // a^e per lane with e from b's words, over 1 to 64 bits (or all 1024).
    const int bits = operation >= 0xf0 ? 1024 : 1 + (operation >> 2) % 64;
    std::vector<uint32_t> exponents[2];
    Mpi e[2];
    for (int lane = 0; lane < 2; ++lane) {
      exponents[lane] = cfsigner::testing::toWords(values[lane][1], cfsigner::crt_pair::kMaxExponentWords);
      for (int w = 0; w < cfsigner::crt_pair::kMaxExponentWords; ++w) {
        if (32 * w >= bits) exponents[lane][w] = 0;
        else if (32 * (w + 1) > bits) exponents[lane][w] &= (1u << (bits - 32 * w)) - 1;
      }
      e[lane] = cfsigner::testing::fromWords(exponents[lane].data(), cfsigner::crt_pair::kMaxExponentWords);
    }
    cfsigner::crt_pair::scalar::montgomeryMultiply(key.moduli, a, a, key.rSquared);
    cfsigner::crt_pair::scalar::power(key.moduli, r, a, exponents[0].data(), exponents[1].data(), bits);
    cfsigner::rsa2048::leaveMontgomery(key, r, r);
    for (int lane = 0; lane < 2; ++lane) {
      require(cfsigner::testing::laneValue(r, lane) == cfsigner::testing::powMod(values[lane][0], e[lane], m[lane]));
    }
  } else {
    // The mod-N multiply: N = the two moduli's words end to end, operands reduced below it.
    std::vector<uint32_t> n(moduli[0]);
    n.insert(n.end(), moduli[1].begin(), moduli[1].end());
    cfsigner::rsa2048::PublicKey publicKey;
    cfsigner::rsa2048::setUpPublicKey(publicKey, n.data(), 3);
    const Mpi modulus = cfsigner::testing::fromWords(n.data(), 64);
    Mpi x, y;
    Mpi::check(mbedtls_mpi_mul_mpi(x.get(), values[0][0].get(), values[0][1].get()));
    Mpi::check(mbedtls_mpi_mod_mpi(x.get(), x.get(), modulus.get()));
    Mpi::check(mbedtls_mpi_mul_mpi(y.get(), values[1][0].get(), values[1][1].get()));
    Mpi::check(mbedtls_mpi_mod_mpi(y.get(), y.get(), modulus.get()));
    cfsigner::rsa2048::Wide wx, wy, wr;
    cfsigner::rsa2048::toWide(wx, cfsigner::testing::toWords(x, 64).data());
    cfsigner::rsa2048::toWide(wy, cfsigner::testing::toWords(y, 64).data());
    cfsigner::rsa2048::multiplyMontgomery(publicKey, wr, wx, wy);
    const Mpi result = cfsigner::testing::wideValue(wr);
    require(result < modulus);
    requireMontgomeryProduct(result, x, y, modulus, cfsigner::radix28::kLimbBits * cfsigner::rsa2048::kLimbs);
  }
  return 0;
}
