#include "ip_range.h"

#include <cstdint>

namespace cfsigner {

namespace {

Error ipError(std::string_view input, const std::string& reason) {
  return makeError(ErrorCode::InvalidIp,
                   "IP address \"" + std::string(input) + "\" is invalid: " + reason + ".");
}

// Canonical decimal 0..max: 1-3 digits (max 2 for masks is enforced by max),
// no leading zeros except "0" itself.
bool parseSmallDecimal(std::string_view text, uint32_t max, uint32_t& value) {
  if (text.empty() || text.size() > 3) return false;
  if (text.size() > 1 && text[0] == '0') return false;
  value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<uint32_t>(c - '0');
  }
  return value <= max;
}

// Parses a plain dotted-decimal IPv4 address; on failure sets `reason`.
bool parseIpv4(std::string_view text, uint32_t& address, std::string& reason) {
  if (text.find(':') != std::string_view::npos) {
    reason = "CloudFront policies accept IPv4 addresses only, not IPv6";
    return false;
  }
  address = 0;
  size_t start = 0;
  for (int octet = 0; octet < 4; ++octet) {
    size_t dot = text.find('.', start);
    bool lastOctet = octet == 3;
    if (lastOctet != (dot == std::string_view::npos)) {
      reason = "expected four dot-separated octets";
      return false;
    }
    std::string_view part = text.substr(start, lastOctet ? std::string_view::npos : dot - start);
    uint32_t value;
    if (!parseSmallDecimal(part, 255, value)) {
      reason = "each octet must be a decimal number 0-255 without leading zeros";
      return false;
    }
    address = (address << 8) | value;
    start = dot + 1;
  }
  return true;
}

struct Range {
  uint32_t address;
  uint32_t prefix;
};

bool parseRange(std::string_view text, Range& range, std::string& reason) {
  if (text.empty()) {
    reason = "it is empty";
    return false;
  }
  size_t slash = text.find('/');
  std::string_view addressText = text.substr(0, slash);
  if (!parseIpv4(addressText, range.address, reason)) return false;
  range.prefix = 32;
  if (slash != std::string_view::npos) {
    if (!parseSmallDecimal(text.substr(slash + 1), 32, range.prefix)) {
      reason = "the mask must be a whole number 0-32 without leading zeros";
      return false;
    }
  }
  return true;
}

uint32_t maskFor(uint32_t prefix) {
  return prefix == 0 ? 0 : ~uint32_t{0} << (32 - prefix);
}

}  // namespace

Result<std::string> normalizeIpRange(std::string_view text) {
  Range range;
  std::string reason;
  if (!parseRange(text, range, reason)) return ipError(text, reason);
  size_t slash = text.find('/');
  // Canonical input means the address text is already in normal form.
  return std::string(text.substr(0, slash)) + "/" + std::to_string(range.prefix);
}

Result<bool> ipInRange(std::string_view cidr, std::string_view ip) {
  Range range;
  std::string reason;
  if (!parseRange(cidr, range, reason)) return ipError(cidr, reason);
  uint32_t address;
  if (ip.empty()) return ipError(ip, "it is empty");
  if (ip.find('/') != std::string_view::npos) return ipError(ip, "expected a single address, not a range");
  if (!parseIpv4(ip, address, reason)) return ipError(ip, reason);
  uint32_t mask = maskFor(range.prefix);
  return (address & mask) == (range.address & mask);
}

}  // namespace cfsigner
