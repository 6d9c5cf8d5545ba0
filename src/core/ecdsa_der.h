// The one encoding CloudFront accepts for an ECDSA signature: DER, not BER.
#pragma once

#include <string_view>

namespace cfsigner {

// True for SEQUENCE { INTEGER r, INTEGER s } in DER: short-form lengths, minimal
// non-negative integers, nothing after. Mbed TLS alone also reads BER spellings
// (long-form lengths, extra leading zeros, negative integers read as positive), so
// one signature could be written several ways.
bool isStrictDerEcdsaSignature(std::string_view signature);

}  // namespace cfsigner
