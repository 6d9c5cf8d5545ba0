// IPv4 addresses and CIDR ranges as CloudFront policies use them
// ("AWS:SourceIp"). CloudFront policies accept IPv4 only.
#pragma once

#include <string>
#include <string_view>

#include "errors.h"

namespace cfsigner {

// Accepts "a.b.c.d" or "a.b.c.d/n" in canonical dotted decimal (octets 0-255,
// no leading zeros, signs, spaces or hex) with n in 0..32 (no leading zeros).
// Returns "a.b.c.d/n", adding "/32" when no mask is given.
// Errors: ErrorCode::InvalidIp.
Result<std::string> normalizeIpRange(std::string_view text);

// Whether `ip` (a plain IPv4 address) lies inside `cidr` (as accepted by
// normalizeIpRange). Host bits set in `cidr` are ignored, as in the mask
// comparison. Errors: ErrorCode::InvalidIp for either argument.
Result<bool> ipInRange(std::string_view cidr, std::string_view ip);

}  // namespace cfsigner
