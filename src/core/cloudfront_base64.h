// CloudFront's URL-safe base64 variant: standard base64 with padding, then
// '+' -> '-', '=' -> '_', '/' -> '~'.
#pragma once

#include <string>
#include <string_view>

#include "errors.h"

namespace cfsigner {

std::string cloudFrontBase64Encode(std::string_view bytes);

// Strict inverse of cloudFrontBase64Encode (padding required, no whitespace,
// unused trailing bits must be zero). The standard characters '+', '/', '='
// are accepted too, since people paste them. Errors: ErrorCode::Malformed.
Result<std::string> cloudFrontBase64Decode(std::string_view text);

}  // namespace cfsigner
