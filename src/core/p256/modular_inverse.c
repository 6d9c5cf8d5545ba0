/* The one C file of the P-256 code: libsecp256k1's headers are C that does not
 * compile as C++, so this shim includes them and converts between our eight
 * 32-bit limbs and their nine signed 30-bit limbs. */
#include <stdint.h>

#include "secp256k1/modinv32_impl.h"

/* Declared in modular_inverse.h (C++). */
void cfsigner_p256_invert_mod_p(uint32_t out[8], const uint32_t in[8]);
void cfsigner_p256_invert_mod_n(uint32_t out[8], const uint32_t in[8]);

/* The moduli in signed30 form, with modulus^-1 mod 2^30 (computed offline). */
static const secp256k1_modinv32_modinfo kModP = {
    {{0x3fffffff, 0x3fffffff, 0x3fffffff, 0x3f, 0x0, 0x0, 0x1000, 0x3fffc000, 0xffff}},
    0x3fffffff};
static const secp256k1_modinv32_modinfo kModN = {
    {{0x3c632551, 0xee72b0b, 0x3179e84f, 0x39beab69, 0x3fffffbc, 0x3fffffff, 0xfff, 0x3fffc000,
      0xffff}},
    0x11ff43b1};

static void to_signed30(secp256k1_modinv32_signed30 *out, const uint32_t a[8]) {
    const uint32_t mask = 0x3fffffff;
    out->v[0] = (int32_t) (a[0] & mask);
    out->v[1] = (int32_t) ((a[0] >> 30 | a[1] << 2) & mask);
    out->v[2] = (int32_t) ((a[1] >> 28 | a[2] << 4) & mask);
    out->v[3] = (int32_t) ((a[2] >> 26 | a[3] << 6) & mask);
    out->v[4] = (int32_t) ((a[3] >> 24 | a[4] << 8) & mask);
    out->v[5] = (int32_t) ((a[4] >> 22 | a[5] << 10) & mask);
    out->v[6] = (int32_t) ((a[5] >> 20 | a[6] << 12) & mask);
    out->v[7] = (int32_t) ((a[6] >> 18 | a[7] << 14) & mask);
    out->v[8] = (int32_t) (a[7] >> 16);
}

/* Output limbs of secp256k1_modinv32 are in [0, 2^30). */
static void from_signed30(uint32_t out[8], const secp256k1_modinv32_signed30 *a) {
    const uint32_t *v = (const uint32_t *) a->v;
    out[0] = v[0] | v[1] << 30;
    out[1] = v[1] >> 2 | v[2] << 28;
    out[2] = v[2] >> 4 | v[3] << 26;
    out[3] = v[3] >> 6 | v[4] << 24;
    out[4] = v[4] >> 8 | v[5] << 22;
    out[5] = v[5] >> 10 | v[6] << 20;
    out[6] = v[6] >> 12 | v[7] << 18;
    out[7] = v[7] >> 14 | v[8] << 16;
}

static void invert(uint32_t out[8], const uint32_t in[8], const secp256k1_modinv32_modinfo *modulus) {
    secp256k1_modinv32_signed30 value;
    to_signed30(&value, in);
    secp256k1_modinv32(&value, modulus);
    from_signed30(out, &value);
    secp256k1_memclear_explicit(&value, sizeof value);
}

void cfsigner_p256_invert_mod_p(uint32_t out[8], const uint32_t in[8]) { invert(out, in, &kModP); }

void cfsigner_p256_invert_mod_n(uint32_t out[8], const uint32_t in[8]) { invert(out, in, &kModN); }
