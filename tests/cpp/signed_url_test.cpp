#include "signed_url.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "url_encoding.h"

namespace cfsigner {
namespace {

struct Generated {
  std::string_view signedUrl;
  std::string_view encodedBase;  // aws-sdk's encodeUrlPath(url) for the input url
};

// Produced in node with @aws-sdk/cloudfront-signer 3.1166 getSignedUrl (a
// throwaway 1024-bit RSA key, dateLessThan 2026-01-01T00:00:00Z) next to
// encodeUrlPath of the same input URL. Inputs, in order:
//   https://d111111abcdef8.cloudfront.net/images/image.jpg
//   https://d111111abcdef8.cloudfront.net/a b/café.jpg?size=large&x=it's
//   https://d111111abcdef8.cloudfront.net/p?
//   https://d111111abcdef8.cloudfront.net/p?a&&b=1
//   https://d111111abcdef8.cloudfront.net
//   https://d111111abcdef8.cloudfront.net?
//   https://d111111abcdef8.cloudfront.net?a&&b
//   http://example.com/v.mp4                    (SHA256)
//   https://example.com/v.mp4?q=1               (start date + IP: custom policy)
//   https://example.com/v.mp4                   (keyPairId "K!D(1)*'x y")
//   https://example.com/x?y=1                   (caller policy, SHA256)
const Generated kGenerated[] = {
      {"https://d111111abcdef8.cloudfront.net/images/image.jpg?Expires=1767225600&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=uBV29ZRYlooafU0t3lUDAbQE2IGI0FF9433rE9q1azK0cylFQ-1zMILw3JHw-ZLsc0kTFOb4ssSRyqk9sdqDrajSMr99NzPUa27DIJNSr7mc9B-JlTYL6POfrEYXQTdRQSIrvSaF03KclYo0izC8~vV6CYzBs2T8jlvm5BDjAW8_",
       "https://d111111abcdef8.cloudfront.net/images/image.jpg"},
      {"https://d111111abcdef8.cloudfront.net/a%20b/caf%C3%A9.jpg?size=large&x=it%27s&Expires=1767225600&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=mbS5sAYVHhBx02jy~TCwUY02NhMMNhNZ72Ara95u6bfN0LxLHxWMNzYKLrwdc4PONphl6jfanh3xBJSzGrtQNHa745uXasp9~3BXYlehOFm~V4zRY8AYl4jyVpifKqC8uU-zoRto8BPrDEK1fa2Vv9fn22AIbleS4OQvQQlCN0c_",
       "https://d111111abcdef8.cloudfront.net/a%20b/caf%C3%A9.jpg?size=large&x=it%27s"},
      {"https://d111111abcdef8.cloudfront.net/p?Expires=1767225600&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=KyWme-HmXfvWCQ82N8vqkbJHGWBdc79fPHHRl-ZTueNaDTyuFZ2c8CCRl00vFvpQzcqjr1HCymrjw-r15MKWlMGuiWdaiGyFXfCdwmvLJ2huCEteSLHtJzcmAMCl2VhnIZLKLPQdomOxmc9Zz4LRSnk2oNYp7ypC1IA3rkGpIWY_",
       "https://d111111abcdef8.cloudfront.net/p"},
      {"https://d111111abcdef8.cloudfront.net/p?a=&b=1&Expires=1767225600&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=0l9sq7CTausmAXTgyR1swvDfp6WQ09Bbvq--CF7pZdslNL2WBsegkfAUc9MLAM2ILoIN370WquCHJOVPXvng-UPL5mZ4q8tVbYCk8tBmG1fKCQ-7RDi3RPWBRrubsgJ7zBRtUPyMYc7kukakPy2iUeyrbdfnZ9cgKCEfQSCIUR4_",
       "https://d111111abcdef8.cloudfront.net/p?a=&b=1"},
      {"https://d111111abcdef8.cloudfront.net?Expires=1767225600&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=JO1ljiBEhk~4fJ8TIX~jPY-oC93ftwyUNM84nT2mxp1m9m3eFSS02ZtiigKnI2f1JglJwJwZBRtn~pG9e9UN0fBMEMjV5rE-vlRzJFIW62zpB9BROJo1OZhdwpf8PodblfBxBqBBlPZqIfXFlO92Hl63tAMKMpASMB1QPCmSBO4_",
       "https://d111111abcdef8.cloudfront.net"},
      {"https://d111111abcdef8.cloudfront.net?&Expires=1767225600&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=cp~aMiFg537LebXBQdfEzNjlZKU-9aompxfH4O2xpzVTL8m-03iDSd-E1sKwea8G2EhVNlucQTe1GnssHesFKdbNYgAerzOxG-w96VAgLsIftbAe6RbTKU22jPOyeGCNpmE5IaJ-VOQWwatvvT7OIf1UTAJJPmX-OQ8WTzJnMik_",
       "https://d111111abcdef8.cloudfront.net?"},
      {"https://d111111abcdef8.cloudfront.net?a&&b&Expires=1767225600&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=ZwEXb-0GmtDDa8vHHUW4bSipdBD20jO-ysvB3PDAXZiAPQ97oGTdsuVQ1v1zvkhNi2MQJD521r-M9QPFqtvto67w8HDfa-kJFKIAM8-8iz9OMYPX76PYGBnGoL6IWngmt25kXmum7TOGM850nS30qsuU6UuezeoXaK8SNLcexDg_",
       "https://d111111abcdef8.cloudfront.net?a&&b"},
      {"http://example.com/v.mp4?Expires=1767225600&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=b3svrWGuKctV9keoT~Il-E9V1gOKuJpqJqc1eKqLz~h~EFzvizr38CSGZjC0dpleFb4ChBy2al9SY4p-Q4K735kHHQ6Yh0t8U86dXNFYY9EJxBjyLe4zsGrUAzsvQb7V7mnvtfpSMb2iW2pwyWlTMDmOJbJlwVyKvoSeT~x8FyQ_&Hash-Algorithm=SHA256",
       "http://example.com/v.mp4"},
      {"https://example.com/v.mp4?q=1&Policy=eyJTdGF0ZW1lbnQiOlt7IlJlc291cmNlIjoiaHR0cHM6Ly9leGFtcGxlLmNvbS92Lm1wND9xPTEiLCJDb25kaXRpb24iOnsiRGF0ZUxlc3NUaGFuIjp7IkFXUzpFcG9jaFRpbWUiOjE3NjcyMjU2MDB9LCJEYXRlR3JlYXRlclRoYW4iOnsiQVdTOkVwb2NoVGltZSI6MTczNTY4OTYwMH0sIklwQWRkcmVzcyI6eyJBV1M6U291cmNlSXAiOiIxOTIuMC4yLjAvMjQifX19XX0_&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=7evbYG8Xepz0fHqXlWYFQSMnSQzY1WFFelPHInWB7I-LQ5rFYT7ej1Kk7Ro06-T37oi2dVPZSJa-E5i7hWgND7cqiN9jQJoMjtA0h87MVY9b-G~GtrjmoIFJ8A4FiCn4YfZAZsjZvEbl4ZM-bbRROCdwiQEmVHTHdgTO6Ft5lmE_",
       "https://example.com/v.mp4?q=1"},
      {"https://example.com/v.mp4?Expires=1767225600&Key-Pair-Id=K%21D%281%29%2A%27x%20y&Signature=eIgHtUOou66GQ9T8eHEKvcDS6Bt6YY3kFRz4kTDBu2rRYOD7cSdgSBxmjSG74yN4KPowoCCvT084vThN3NRyFz3IvX3YfQSYHVWO6IbOrCYRSTz4MGeArgA9gU~anRkdiSE-uhzIfKdJjnVVIgsGk-Jycw9Z3BwWxdzMJPa1CKY_",
       "https://example.com/v.mp4"},
      {"https://example.com/x?y=1&Policy=eyJTdGF0ZW1lbnQiOlt7IlJlc291cmNlIjoiaHR0cHM6Ly9leGFtcGxlLmNvbS8qIiwiQ29uZGl0aW9uIjp7IkRhdGVMZXNzVGhhbiI6eyJBV1M6RXBvY2hUaW1lIjoxNzY3MjI1NjAwfX19XX0_&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=zQ3r0-HnQ~M3VEV1N0uyWrPkW-KUgyZgpIyFpOOfZnKg9Kyqn3-8948uP0AFCzf~1tkGDvYXscS8FleDpO0miHD8CJUrrhtGtwGZ2YfABKCe1ieSb1EzzDtaLZLiFkU67-nui5PWH4PDtrPsPl8crd39qXvZsflxBOXDmJk4h00_&Hash-Algorithm=SHA256",
       "https://example.com/x?y=1"},
};

// Rebuilds the URL the way aws-sdk's getSignedUrl appends its parameters.
std::string reassemble(const SignedUrlParts& p) {
  std::string params;
  auto add = [&](const char* name, const std::optional<std::string>& value) {
    if (!value) return;
    if (!params.empty()) params += "&";
    params += std::string(name) + "=" + extendedEncodeUriComponent(*value);
  };
  add("Expires", p.expires);
  add("Policy", p.policy);
  add("Key-Pair-Id", p.keyPairId);
  add("Signature", p.signature);
  add("Hash-Algorithm", p.hashAlgorithm);
  return p.resourceUrl + (p.resourceUrl.find('?') != std::string::npos ? "&" : "?") + params;
}

TEST(SplitSignedUrl, RecoversAwsSdkBaseUrl) {
  for (const Generated& g : kGenerated) {
    auto r = splitSignedUrl(g.signedUrl);
    ASSERT_TRUE(r.ok()) << g.signedUrl << ": " << r.error().message;
    const SignedUrlParts& p = r.value();
    EXPECT_EQ(p.resourceUrl, g.encodedBase);
    ASSERT_TRUE(p.signature.has_value());
    EXPECT_FALSE(p.signature->empty());
    ASSERT_TRUE(p.keyPairId.has_value());
    EXPECT_NE(p.expires.has_value(), p.policy.has_value());
    EXPECT_EQ(reassemble(p), g.signedUrl);
  }
}

TEST(SplitSignedUrl, FieldValues) {
  auto r = splitSignedUrl(kGenerated[7].signedUrl);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().expires, "1767225600");
  EXPECT_EQ(r.value().keyPairId, "K2JCJMDEHXQW5F");
  EXPECT_EQ(r.value().hashAlgorithm, "SHA256");
  EXPECT_FALSE(r.value().policy.has_value());

  r = splitSignedUrl(kGenerated[9].signedUrl);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().keyPairId, "K!D(1)*'x y");
  EXPECT_FALSE(r.value().hashAlgorithm.has_value());

  r = splitSignedUrl(kGenerated[10].signedUrl);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().policy,
            "eyJTdGF0ZW1lbnQiOlt7IlJlc291cmNlIjoiaHR0cHM6Ly9leGFtcGxlLmNvbS8qIiwiQ29uZGl0aW9uIjp7IkRhdGVMZXNzVGhhbiI6eyJBV1M6RXBvY2hUaW1lIjoxNzY3MjI1NjAwfX19XX0_");
  EXPECT_FALSE(r.value().expires.has_value());
}

TEST(SplitSignedUrl, HandWritten) {
  auto r = splitSignedUrl("https://h/p?Signature=s&a=1&Key-Pair-Id=k&b=2&Expires=5");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().resourceUrl, "https://h/p?a=1&b=2");
  EXPECT_EQ(r.value().signature, "s");
  EXPECT_EQ(r.value().keyPairId, "k");
  EXPECT_EQ(r.value().expires, "5");

  r = splitSignedUrl("https://h/p");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().resourceUrl, "https://h/p");
  EXPECT_FALSE(r.value().signature.has_value());
  EXPECT_FALSE(r.value().expires.has_value());

  // A name with no '=' gives an empty value; '+' is not a space.
  r = splitSignedUrl("http://h/p?Signature&Key-Pair-Id=a+b%2Fc%2f");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().resourceUrl, "http://h/p");
  EXPECT_EQ(r.value().signature, "");
  EXPECT_EQ(r.value().keyPairId, "a+b/c/");

  // Names are case-sensitive and must match exactly.
  r = splitSignedUrl("https://h/p?signature=x&Expires2=1&Policy=");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().resourceUrl, "https://h/p?signature=x&Expires2=1");
  EXPECT_EQ(r.value().policy, "");
  EXPECT_FALSE(r.value().signature.has_value());

  // Empty pieces of the caller's own query are preserved.
  r = splitSignedUrl("https://h/p?&&Expires=1&");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().resourceUrl, "https://h/p?&&");
}

TEST(SplitSignedUrl, Rejects) {
  const std::pair<std::string_view, const char*> bad[] = {
      {"", "http"},
      {"ftp://h/p?Expires=1", "http"},
      {"HTTPS://h/p?Expires=1", "http"},
      {"wss://h/p?Expires=1", "http"},
      {"https://h/p?Expires=1&Expires=1", "\"Expires\" parameter more than once"},
      {"https://h/p?Signature=a&x=1&Signature=a", "\"Signature\" parameter more than once"},
      {"https://h/p?Key-Pair-Id=a&Key-Pair-Id", "\"Key-Pair-Id\" parameter more than once"},
      {"https://h/p?Policy=1&Policy=2", "\"Policy\" parameter more than once"},
      {"https://h/p?Hash-Algorithm=SHA1&Hash-Algorithm=SHA256", "\"Hash-Algorithm\" parameter more than once"},
      {"https://h/p?Signature=%zz", "invalid percent-encoding"},
      {"https://h/p?Signature=ab%2", "invalid percent-encoding"},
      {"https://h/p?Key-Pair-Id=%C3", "not valid UTF-8"},
      {"https://h/p?Expires=1#x", "fragment"},
      {"https://h/p\n?Expires=1", "control"},
      {"https://h/\xC3?Expires=1", "UTF-8"},
  };
  for (const auto& c : bad) {
    auto r = splitSignedUrl(c.first);
    ASSERT_FALSE(r.ok()) << "accepted: " << c.first;
    EXPECT_EQ(r.error().code, ErrorCode::Malformed);
    EXPECT_NE(r.error().message.find(c.second), std::string::npos) << c.first << " -> " << r.error().message;
  }
}

}  // namespace
}  // namespace cfsigner
