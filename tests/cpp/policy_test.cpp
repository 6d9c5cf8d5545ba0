#include "policy.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace cfsigner {
namespace {

// Expected JSON is what aws-sdk's CloudfrontSignBuilder.setPolicyParameters /
// buildPolicy produced in node for the same inputs.
TEST(BuildPolicyJson, MatchesAwsSdk) {
  PolicyConditions c;
  c.resource = "https://d111111abcdef8.cloudfront.net/images/*";
  c.dateLessThan = 1767225600;
  EXPECT_EQ(buildPolicyJson(c),
            R"({"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/images/*","Condition":{"DateLessThan":{"AWS:EpochTime":1767225600}}}]})");

  c.resource = "https://d111111abcdef8.cloudfront.net/a%20b/caf%C3%A9?x=1";
  c.dateGreaterThan = 1748736000;
  EXPECT_EQ(buildPolicyJson(c),
            R"({"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/a%20b/caf%C3%A9?x=1","Condition":{"DateLessThan":{"AWS:EpochTime":1767225600},"DateGreaterThan":{"AWS:EpochTime":1748736000}}}]})");

  c = PolicyConditions();
  c.resource = "https://example.com/x";
  c.dateLessThan = 2147483647;
  c.ipAddress = "192.0.2.0/24";
  EXPECT_EQ(buildPolicyJson(c),
            R"({"Statement":[{"Resource":"https://example.com/x","Condition":{"DateLessThan":{"AWS:EpochTime":2147483647},"IpAddress":{"AWS:SourceIp":"192.0.2.0/24"}}}]})");

  c.dateGreaterThan = 1735689600;
  c.ipAddress = "10.0.0.1/32";
  EXPECT_EQ(buildPolicyJson(c),
            R"({"Statement":[{"Resource":"https://example.com/x","Condition":{"DateLessThan":{"AWS:EpochTime":2147483647},"DateGreaterThan":{"AWS:EpochTime":1735689600},"IpAddress":{"AWS:SourceIp":"10.0.0.1/32"}}}]})");

  c = PolicyConditions();
  c.resource = "https://example.com/\"q\"\\\xC3\xA9\xE2\x80\xA8";
  c.dateLessThan = 1;
  EXPECT_EQ(buildPolicyJson(c),
            "{\"Statement\":[{\"Resource\":\"https://example.com/\\\"q\\\"\\\\\xC3\xA9\xE2\x80\xA8\","
            "\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1}}}]}");
}

TEST(BuildPolicyJson, OmissionsLikeAwsSdk) {
  PolicyConditions c;
  c.dateLessThan = 5;
  EXPECT_EQ(buildPolicyJson(c), R"({"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":5}}}]})");

  // aws-sdk tests truthiness: a start of 0 and an empty IP are dropped.
  c.resource = "https://example.com/x";
  c.dateLessThan = 1767225600;
  c.dateGreaterThan = 0;
  c.ipAddress = "";
  EXPECT_EQ(buildPolicyJson(c),
            R"({"Statement":[{"Resource":"https://example.com/x","Condition":{"DateLessThan":{"AWS:EpochTime":1767225600}}}]})");

  c.resource = "x";
  c.dateLessThan = 5;
  c.dateGreaterThan = -3;
  c.ipAddress = "0.0.0.0/0";
  EXPECT_EQ(buildPolicyJson(c),
            R"({"Statement":[{"Resource":"x","Condition":{"DateLessThan":{"AWS:EpochTime":5},"DateGreaterThan":{"AWS:EpochTime":-3},"IpAddress":{"AWS:SourceIp":"0.0.0.0/0"}}}]})");
}

// botocore's build_policy writes IpAddress before DateGreaterThan.
TEST(BuildPolicyJson, AwsCliConditionOrder) {
  PolicyConditions c;
  c.resource = "https://example.com/x";
  c.dateLessThan = 2147483647;
  c.dateGreaterThan = 1735689600;
  c.ipAddress = "10.0.0.1/32";
  EXPECT_EQ(buildPolicyJson(c, OutputOrder::AwsCli),
            R"({"Statement":[{"Resource":"https://example.com/x","Condition":{"DateLessThan":{"AWS:EpochTime":2147483647},"IpAddress":{"AWS:SourceIp":"10.0.0.1/32"},"DateGreaterThan":{"AWS:EpochTime":1735689600}}}]})");
  // With one condition or none the two orders agree.
  c.ipAddress.reset();
  EXPECT_EQ(buildPolicyJson(c, OutputOrder::AwsCli), buildPolicyJson(c));
  c.dateGreaterThan.reset();
  c.ipAddress = "10.0.0.1/32";
  EXPECT_EQ(buildPolicyJson(c, OutputOrder::AwsCli), buildPolicyJson(c));
}

TEST(ParsePolicy, AcceptsFullPolicy) {
  auto r = parsePolicy(R"( {"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/*",
      "Condition":{"IpAddress":{"AWS:SourceIp":"192.0.2.0/24"},
                   "DateGreaterThan":{"AWS:EpochTime":1735689600},
                   "DateLessThan":{"AWS:EpochTime":2147483647}}}]} )");
  ASSERT_TRUE(r.ok()) << r.error().message;
  const PolicyConditions& c = r.value();
  ASSERT_TRUE(c.resource.has_value());
  EXPECT_EQ(*c.resource, "https://d111111abcdef8.cloudfront.net/*");
  EXPECT_EQ(c.dateLessThan, 2147483647);
  ASSERT_TRUE(c.dateGreaterThan.has_value());
  EXPECT_EQ(*c.dateGreaterThan, 1735689600);
  ASSERT_TRUE(c.ipAddress.has_value());
  EXPECT_EQ(*c.ipAddress, "192.0.2.0/24");
}

TEST(ParsePolicy, MinimalPolicyAndNormalizedIp) {
  auto r = parsePolicy(R"({"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":0}}}]})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_FALSE(r.value().resource.has_value());
  EXPECT_EQ(r.value().dateLessThan, 0);
  EXPECT_FALSE(r.value().dateGreaterThan.has_value());
  EXPECT_FALSE(r.value().ipAddress.has_value());

  r = parsePolicy(
      R"({"Statement":[{"Resource":"https://a/\u00e9","Condition":{"DateLessThan":{"AWS:EpochTime":10},"IpAddress":{"AWS:SourceIp":"10.1.2.3"}}}]})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r.value().resource, "https://a/\xC3\xA9");
  EXPECT_EQ(*r.value().ipAddress, "10.1.2.3/32");
}

TEST(ParsePolicy, RoundTripsBuiltPolicy) {
  PolicyConditions c;
  c.resource = "https://example.com/a?b=1";
  c.dateLessThan = 1767225600;
  c.dateGreaterThan = 1735689600;
  c.ipAddress = "203.0.113.7/32";
  auto r = parsePolicy(buildPolicyJson(c));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().resource, c.resource);
  EXPECT_EQ(r.value().dateLessThan, c.dateLessThan);
  EXPECT_EQ(r.value().dateGreaterThan, c.dateGreaterThan);
  EXPECT_EQ(r.value().ipAddress, c.ipAddress);
}

struct BadPolicy {
  const char* json;
  const char* messagePart;
};

TEST(ParsePolicy, RejectsWithPreciseMessages) {
  const BadPolicy cases[] = {
      {"", "not valid JSON"},
      {"{\"Statement\":[", "not valid JSON"},
      {R"({"Statement":[],"Statement":[]})", "duplicate key \"Statement\""},
      {"[]", "must be a JSON object, not an array"},
      {"\"x\"", "must be a JSON object, not a string"},
      {"{}", "missing \"Statement\""},
      {R"({"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":1}}}],"Version":"1"})",
       "unexpected top-level key \"Version\""},
      {R"({"Statement":{}})", "\"Statement\" must be an array, not an object"},
      {R"({"Statement":[]})", "exactly one statement (found 0)"},
      {R"({"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":1}}},{"Condition":{"DateLessThan":{"AWS:EpochTime":1}}}]})",
       "exactly one statement (found 2)"},
      {R"({"Statement":[1]})", "statement must be an object, not a number"},
      {R"({"Statement":[{"Resource":"x"}]})", "missing \"Condition\""},
      {R"({"Statement":[{"Resource":"x","Effect":"Allow","Condition":{}}]})", "unexpected key \"Effect\""},
      {R"({"Statement":[{"Resource":["x"],"Condition":{"DateLessThan":{"AWS:EpochTime":1}}}]})",
       "\"Resource\" must be a string, not an array"},
      {R"({"Statement":[{"Resource":null,"Condition":{"DateLessThan":{"AWS:EpochTime":1}}}]})",
       "\"Resource\" must be a string, not null"},
      {R"({"Statement":[{"Condition":[]}]})", "\"Condition\" must be an object, not an array"},
      {R"({"Statement":[{"Condition":{}}]})", "missing \"DateLessThan\""},
      {R"({"Statement":[{"Condition":{"DateGreaterThan":{"AWS:EpochTime":1}}}]})", "missing \"DateLessThan\""},
      {R"({"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":9},"StringLike":{}}}]})",
       "unexpected key \"StringLike\""},
      {R"({"Statement":[{"Condition":{"DateLessThan":5}}]})", "\"DateLessThan\" must be an object, not a number"},
      {R"({"Statement":[{"Condition":{"DateLessThan":{}}}]})", "\"DateLessThan\" is missing \"AWS:EpochTime\""},
      {R"({"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":1,"x":2}}}]})", "unexpected key \"x\""},
      {R"({"Statement":[{"Condition":{"DateLessThan":{"aws:epochtime":1}}}]})", "unexpected key \"aws:epochtime\""},
      {R"({"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":"1"}}}]})", "must be a number, not a string"},
      {R"({"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":1.5}}}]})", "without fraction or exponent (got 1.5)"},
      {R"({"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":1e9}}}]})", "without fraction or exponent (got 1e9)"},
      {R"({"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":-1}}}]})", "must not be negative (got -1)"},
      {R"({"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":-0}}}]})", "must not be negative (got -0)"},
      {R"({"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":2147483648}}}]})",
       "at most 2147483647 (2038-01-19T03:14:07Z, the latest time CloudFront accepts; got 2147483648)"},
      {R"({"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":99999999999999999999}}}]})",
       "at most 2147483647 (2038-01-19T03:14:07Z, the latest time CloudFront accepts; got 99999999999999999999)"},
      {R"({"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":10},"DateGreaterThan":{"AWS:EpochTime":true}}}]})",
       "\"DateGreaterThan\" \"AWS:EpochTime\" must be a number, not a boolean"},
      {R"({"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":10},"DateGreaterThan":{"AWS:EpochTime":10}}}]})",
       "\"DateGreaterThan\" (10) must be earlier than \"DateLessThan\" (10)"},
      {R"({"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":10},"DateGreaterThan":{"AWS:EpochTime":11}}}]})",
       "must be earlier than"},
      {R"({"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":10},"IpAddress":"1.2.3.4"}}]})",
       "\"IpAddress\" must be an object, not a string"},
      {R"({"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":10},"IpAddress":{}}}]})",
       "missing \"AWS:SourceIp\""},
      {R"({"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":10},"IpAddress":{"AWS:SourceIp":["1.2.3.4"]}}}]})",
       "must be a string, not an array"},
      {R"({"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":10},"IpAddress":{"AWS:SourceIp":"1.2.3.4","x":1}}}]})",
       "unexpected key \"x\""},
      {R"({"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":10},"IpAddress":{"AWS:SourceIp":"1.2.3.256"}}}]})",
       "IP address \"1.2.3.256\" is invalid"},
      {R"({"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":10},"IpAddress":{"AWS:SourceIp":"2001:db8::/32"}}}]})",
       "IPv4 addresses only"},
  };
  for (const BadPolicy& c : cases) {
    auto r = parsePolicy(c.json);
    ASSERT_FALSE(r.ok()) << "accepted: " << c.json;
    EXPECT_EQ(r.error().code, ErrorCode::InvalidPolicy) << c.json;
    EXPECT_NE(r.error().message.find(c.messagePart), std::string::npos)
        << c.json << "\n  -> " << r.error().message;
  }
}

TEST(ResourceMatches, Wildcards) {
  EXPECT_TRUE(resourceMatches("https://a.com/x", "https://a.com/x"));
  EXPECT_FALSE(resourceMatches("https://a.com/x", "https://a.com/x/"));
  EXPECT_FALSE(resourceMatches("https://a.com/x", "https://a.com/"));
  EXPECT_FALSE(resourceMatches("https://a.com/X", "https://a.com/x"));
  EXPECT_TRUE(resourceMatches("https://a.com/*", "https://a.com/"));
  EXPECT_TRUE(resourceMatches("https://a.com/*", "https://a.com/a/b/c?d=e"));
  EXPECT_TRUE(resourceMatches("*", ""));
  EXPECT_TRUE(resourceMatches("*", "anything"));
  EXPECT_TRUE(resourceMatches("", ""));
  EXPECT_FALSE(resourceMatches("", "x"));
  EXPECT_FALSE(resourceMatches("?", ""));
  EXPECT_TRUE(resourceMatches("http*://a.com/*.mp4", "https://a.com/v/1.mp4"));
  EXPECT_TRUE(resourceMatches("http*://a.com/*.mp4", "http://a.com/.mp4"));
  EXPECT_FALSE(resourceMatches("http*://a.com/*.mp4", "https://a.com/v/1.mp4?x=1"));
  EXPECT_TRUE(resourceMatches("https://a.com/v?.mp4", "https://a.com/v1.mp4"));
  EXPECT_FALSE(resourceMatches("https://a.com/v?.mp4", "https://a.com/v.mp4"));
  EXPECT_FALSE(resourceMatches("https://a.com/v?.mp4", "https://a.com/v12.mp4"));
  EXPECT_TRUE(resourceMatches("a*b*c", "abc"));
  EXPECT_TRUE(resourceMatches("a*b*c", "aXbYbZc"));
  EXPECT_FALSE(resourceMatches("a*b*c", "aXbYbZ"));
  EXPECT_TRUE(resourceMatches("*?", "x"));
  EXPECT_FALSE(resourceMatches("*??", "x"));
  EXPECT_TRUE(resourceMatches("**a**", "bab"));
}

TEST(ResourceMatches, QuestionMarkIsOneCodePoint) {
  EXPECT_TRUE(resourceMatches("/caf?", "/caf\xC3\xA9"));
  EXPECT_TRUE(resourceMatches("/?", "/\xF0\x9F\x98\x80"));
  EXPECT_FALSE(resourceMatches("/??", "/\xF0\x9F\x98\x80"));
  EXPECT_TRUE(resourceMatches("/\xE6\x97\xA5*", "/\xE6\x97\xA5\xE6\x9C\xAC"));
  EXPECT_FALSE(resourceMatches("/\xE6\x97\xA5", "/\xE6\x97\xA6"));
  // Invalid bytes count one each and never equal a real character.
  EXPECT_TRUE(resourceMatches("/??", "/\xFF\xC3"));
  EXPECT_TRUE(resourceMatches("/\xFF", "/\xFF"));
  EXPECT_FALSE(resourceMatches("/\xC3", "/\xC3\xA9"));
}

TEST(ResourceMatches, NoExponentialBacktracking) {
  std::string pattern;
  for (int i = 0; i < 2000; ++i) pattern += "*a";
  pattern += "*b";
  const std::string text(20000, 'a');
  EXPECT_FALSE(resourceMatches(pattern, text));
  EXPECT_TRUE(resourceMatches(pattern, text + "b"));
}

}  // namespace
}  // namespace cfsigner
