// Percent-encoding that reproduces @aws-sdk/cloudfront-signer byte for byte,
// plus the stricter URL checks we apply before signing.
#pragma once

#include <string>
#include <string_view>

#include "errors.h"

namespace cfsigner {

// JS encodeURIComponent applied to UTF-8 bytes: A-Z a-z 0-9 - _ . ! ~ * ' ( )
// pass through, every other byte becomes %XX (uppercase hex).
std::string encodeUriComponent(std::string_view utf8);

// @smithy/core's extendedEncodeURIComponent: encodeUriComponent, then
// ! ' ( ) * as %21 %27 %28 %29 %2A.
std::string extendedEncodeUriComponent(std::string_view utf8);

// aws-sdk's encodeUrlPath: re-encodes path segments and query components.
// A URL without "//" or without a '/' after the authority is returned as is.
std::string encodeUrlPath(std::string_view url);

// Validates a URL a caller wants signed (ErrorCode::InvalidUrl), then returns
// encodeUrlPath(url). Length limits are checked by the caller.
Result<std::string> prepareUrlForSigning(std::string_view url);

}  // namespace cfsigner
