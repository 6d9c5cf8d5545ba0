#include "ip_range.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace cfsigner {
namespace {

TEST(NormalizeIpRange, AcceptsCanonicalForms) {
  const std::pair<const char*, const char*> cases[] = {
      {"1.2.3.4", "1.2.3.4/32"},
      {"1.2.3.4/32", "1.2.3.4/32"},
      {"192.0.2.0/24", "192.0.2.0/24"},
      {"0.0.0.0/0", "0.0.0.0/0"},
      {"0.0.0.0", "0.0.0.0/32"},
      {"255.255.255.255", "255.255.255.255/32"},
      {"10.0.0.1/8", "10.0.0.1/8"},  // host bits kept as written
      {"100.64.0.0/10", "100.64.0.0/10"},
  };
  for (const auto& c : cases) {
    auto r = normalizeIpRange(c.first);
    ASSERT_TRUE(r.ok()) << c.first << ": " << r.error().message;
    EXPECT_EQ(r.value(), c.second);
  }
}

TEST(NormalizeIpRange, RejectsNonCanonical) {
  const char* const bad[] = {
      "", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3", "1..2.3", "256.0.0.0", "1.2.3.999",
      "01.2.3.4", "1.2.3.04", "1.2.3.00", "1.2.3.0000", "+1.2.3.4", "-1.2.3.4", " 1.2.3.4",
      "1.2.3.4 ", "1.2 .3.4", "0x1.2.3.4", "1.2.3.4e0", "1.2.3.4/", "/24", "1.2.3.4/33",
      "1.2.3.4/024", "1.2.3.4/00", "1.2.3.4/-1", "1.2.3.4/+8", "1.2.3.4/ 8", "1.2.3.4/8/8",
      "1.2.3.4/1e1", "a.b.c.d", "1.2.3.4/255.0.0.0", "16909060", "1.2.3.4\n",
  };
  for (const char* text : bad) {
    auto r = normalizeIpRange(text);
    ASSERT_FALSE(r.ok()) << "accepted: " << text;
    EXPECT_EQ(r.error().code, ErrorCode::InvalidIp);
    EXPECT_NE(r.error().message.find("is invalid"), std::string::npos) << r.error().message;
  }
  auto r = normalizeIpRange("1.2.3.4/33");
  EXPECT_EQ(r.error().message,
            "IP address \"1.2.3.4/33\" is invalid: the mask must be a whole number 0-32 without leading zeros.");
  r = normalizeIpRange("01.2.3.4");
  EXPECT_EQ(r.error().message,
            "IP address \"01.2.3.4\" is invalid: each octet must be a decimal number 0-255 without leading zeros.");
}

TEST(NormalizeIpRange, Ipv6SaysIpv4Only) {
  for (const char* text : {"::1", "2001:db8::/32", "::ffff:1.2.3.4", "fe80::1%eth0"}) {
    auto r = normalizeIpRange(text);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::InvalidIp);
    EXPECT_NE(r.error().message.find("CloudFront policies accept IPv4 addresses only"), std::string::npos)
        << r.error().message;
  }
}

bool inRange(std::string_view cidr, std::string_view ip) {
  auto r = ipInRange(cidr, ip);
  EXPECT_TRUE(r.ok()) << cidr << " " << ip << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() && r.value();
}

TEST(IpInRange, Matches) {
  EXPECT_TRUE(inRange("1.2.3.4", "1.2.3.4"));
  EXPECT_FALSE(inRange("1.2.3.4", "1.2.3.5"));
  EXPECT_TRUE(inRange("1.2.3.4/32", "1.2.3.4"));
  EXPECT_TRUE(inRange("192.0.2.0/24", "192.0.2.255"));
  EXPECT_TRUE(inRange("192.0.2.0/24", "192.0.2.0"));
  EXPECT_FALSE(inRange("192.0.2.0/24", "192.0.3.0"));
  EXPECT_TRUE(inRange("192.0.2.77/24", "192.0.2.1"));  // host bits in the range are ignored
  EXPECT_TRUE(inRange("0.0.0.0/0", "255.255.255.255"));
  EXPECT_TRUE(inRange("0.0.0.0/0", "0.0.0.0"));
  EXPECT_TRUE(inRange("10.0.0.0/8", "10.255.255.255"));
  EXPECT_FALSE(inRange("10.0.0.0/8", "11.0.0.0"));
  EXPECT_TRUE(inRange("128.0.0.0/1", "200.1.1.1"));
  EXPECT_FALSE(inRange("128.0.0.0/1", "127.255.255.255"));
  EXPECT_TRUE(inRange("100.64.0.0/10", "100.127.255.255"));
  EXPECT_FALSE(inRange("100.64.0.0/10", "100.128.0.0"));
  EXPECT_TRUE(inRange("255.255.255.254/31", "255.255.255.255"));
}

TEST(IpInRange, InvalidInputs) {
  const std::pair<const char*, const char*> bad[] = {
      {"1.2.3.4/33", "1.2.3.4"}, {"", "1.2.3.4"},          {"1.2.3.0/24", ""},
      {"1.2.3.0/24", "1.2.3"},   {"1.2.3.0/24", "1.2.3.4/32"}, {"1.2.3.0/24", "01.2.3.4"},
      {"1.2.3.0/24", "::1"},     {"::/0", "1.2.3.4"},
  };
  for (const auto& c : bad) {
    auto r = ipInRange(c.first, c.second);
    ASSERT_FALSE(r.ok()) << c.first << " " << c.second;
    EXPECT_EQ(r.error().code, ErrorCode::InvalidIp);
  }
  EXPECT_NE(ipInRange("1.2.3.0/24", "::1").error().message.find("IPv4 addresses only"), std::string::npos);
}

}  // namespace
}  // namespace cfsigner
