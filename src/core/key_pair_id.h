// What a key pair ID may contain. It is written into URLs and Set-Cookie values, so
// a separator in it (";", ",", "=", space, quote) would inject attributes.
#pragma once

#include <string_view>

#include "errors.h"

namespace cfsigner {

// CloudFront's public key IDs are upper-case letters and digits ("K2JCJMDEHXQW5F",
// legacy "APKA…"), 14 to 20 characters. We also take lower case, "_" and "-" (the AWS
// CLI's own test vectors use "my_id"), up to 128 characters; nothing else.
constexpr size_t kMaxKeyPairIdLength = 128;

// ErrorCode::InvalidArgument naming the problem, or Ok.
Status checkKeyPairId(std::string_view keyPairId);

}  // namespace cfsigner
