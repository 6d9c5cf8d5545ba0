// Help text: the overview and one page per command, each with examples.
import { DATE_FORMATS } from './dates.mjs';

const OVERVIEW = `cfsign: CloudFront signed URLs and cookies from the command line (cloudfront-signer-wasm)

Usage: cfsign <command> [options]

Commands:
  sign           Sign a URL (the flags and output of "aws cloudfront sign")
  sign-cookies   Make signed cookies, printed as Set-Cookie lines
  verify         Check a signed URL or signed cookies against a public key
  inspect        Show what a signed URL allows, without a key
  keygen         Make an RSA-2048 or ECDSA P-256 key pair for a CloudFront key group
  upload         PUT a file to a signed URL, streamed, with Content-MD5

Options:
  -h, --help     Help for cfsign or for a command (cfsign sign --help)
  -V, --version  Print the version

Examples:
  cfsign keygen --type ec --out-dir keys
  cfsign sign --url https://d111111abcdef8.cloudfront.net/report.pdf \\
      --key-pair-id K2JCJMDEHXQW5F --private-key file://keys/private_key.pem --date-less-than +1h
  cfsign verify "$URL" --key-pair-id K2JCJMDEHXQW5F --public-key file://keys/public_key.pem
  cfsign upload ./video.mp4 --url "$(cfsign sign --url https://d111111abcdef8.cloudfront.net/uploads/video.mp4 ...)"

Exit status: 0 success; 1 the signature was refused or the upload failed;
252 a bad command line or option value; 255 any other error (for example an unusable key).
Errors are one line on stderr: "cfsign <command>: CODE: reason".
`;

const KEY_OPTIONS = `  --key-pair-id ID          The ID of the public key in the distribution's trusted key group
                            (required, unless infra/cloudfront.json or $CFSIGNER_CONFIG gives it)
  --private-key KEY         file://path/key.pem, a plain path, or the PEM text itself (required).
                            RSA-2048 (PKCS#1/PKCS#8) or ECDSA P-256 (SEC1/PKCS#8), PEM or DER
  --passphrase TEXT         Passphrase of an encrypted key (visible to other local users; prefer:)
  --passphrase-file PATH    Read the passphrase from the first line of a file`;

const CONDITION_OPTIONS = `  --date-less-than DATE     When the signature expires (required)
  --date-greater-than DATE  When it starts to work (makes the policy custom)
  --ip-address CIDR         Viewer IPv4 address or range, e.g. 192.0.2.0/24 (makes the policy custom)
  --algorithm SHA1|SHA256   Hash to sign with (also --hash-algorithm); SHA256 adds Hash-Algorithm=SHA256.
                            Default: SHA1 for RSA keys, SHA256 for ECDSA keys; ECDSA with SHA1 is refused
  --json                    Print JSON: the output, policy, expiry and conditions

DATE is ${DATE_FORMATS}.
YYYY-MM-DD means midnight UTC; YYYYMMDD is read as epoch seconds, as in the AWS CLI.`;

const COMMANDS = {
  sign: `Usage: cfsign sign --url URL --key-pair-id ID --private-key KEY --date-less-than DATE [options]

Prints a signed URL. With the flags of "aws cloudfront sign" (AWS CLI v1 and v2) the output is
that command's, byte for byte: the same canned or custom policy, signature and parameter order.
Two differences: a URL that needs percent-encoding (a space, non-ASCII, or one of $ & , ; = : @
in the path) is signed encoded, as aws-sdk signs it and as a client sends it; the AWS CLI signs it
as typed. And the output ends with a newline; the AWS CLI's does not.

The policy is custom when --date-greater-than or --ip-address is given, or with --policy-resource;
otherwise it is canned. As in the AWS CLI, a * in --url is an ordinary character (a canned policy
for that one URL); to sign a wildcard, use --policy-resource. A --date-less-than in the past is
signed, with a warning on stderr.

Options:
  --url URL                 The http(s) URL to sign (required). A path such as /uploads/a.txt is
                            put on the domain that infra/deploy wrote to infra/cloudfront.json
  --policy-resource RES     Sign a custom policy for RES (with * and ? wildcards) and attach it
                            to --url, so one signature covers every URL RES matches. RES is used
                            as given: it must match --url as sent, percent-encoded. (Not in the
                            AWS CLI.)
${KEY_OPTIONS}
${CONDITION_OPTIONS}

Examples:
  # The same as: aws cloudfront sign --url ... --key-pair-id ... --private-key file://... --date-less-than 2030-12-31
  cfsign sign --url https://d111111abcdef8.cloudfront.net/private/report.pdf \\
      --key-pair-id K2JCJMDEHXQW5F --private-key file://private_key.pem --date-less-than 2030-12-31

  # Valid for 5 minutes, from one office network, signed with SHA-256
  cfsign sign --url https://d111111abcdef8.cloudfront.net/a.mp4 --key-pair-id K2JCJMDEHXQW5F \\
      --private-key private_key.pem --date-less-than +5m --ip-address 203.0.113.0/24 --algorithm SHA256

  # After infra/deploy: the domain and key pair ID come from infra/cloudfront.json
  cfsign sign --url /uploads/report.pdf --private-key file://keys/private_key.pem --date-less-than +5m

  # One signature for everything under /videos/, attached to one of those URLs
  cfsign sign --url https://d111111abcdef8.cloudfront.net/videos/intro.mp4 \\
      --policy-resource 'https://d111111abcdef8.cloudfront.net/videos/*' \\
      --key-pair-id K2JCJMDEHXQW5F --private-key file://private_key.pem --date-less-than +7d --json
`,

  'sign-cookies': `Usage: cfsign sign-cookies --resource URL --key-pair-id ID --private-key KEY --date-less-than DATE [options]

Prints the CloudFront-* cookies as Set-Cookie lines (Secure; HttpOnly; Path=/ unless --path).
The policy is custom when --date-greater-than or --ip-address is given or the resource contains *
(a wildcard); otherwise canned. --json prints the cookie values and the policy. The AWS CLI has
no such command; the flags are named like "cfsign sign"'s.

Options:
  --resource URL            The URL, or a pattern with * and ? wildcards, the cookies grant
                            (required; --url is accepted too)
  --domain DOMAIN           Add Domain=DOMAIN, e.g. example.com when CloudFront serves cdn.example.com
  --path PATH               Cookie Path (default /)
${KEY_OPTIONS}
${CONDITION_OPTIONS}

Examples:
  cfsign sign-cookies --resource 'https://d111111abcdef8.cloudfront.net/members/*' \\
      --key-pair-id K2JCJMDEHXQW5F --private-key file://private_key.pem --date-less-than +12h \\
      --domain d111111abcdef8.cloudfront.net

  # The cookie values and the policy, as JSON
  cfsign sign-cookies --resource https://d111111abcdef8.cloudfront.net/report.pdf ... --json
`,

  verify: `Usage: cfsign verify URL --key-pair-id ID --public-key KEY [options]

Checks a signed URL the way CloudFront does for a behavior with a trusted key group: the
signature, the dates, the Resource (with wildcards), the IP range and Hash-Algorithm.
Exits 0 and prints a one-line summary when it is valid. Otherwise prints the reason
(BAD_SIGNATURE, EXPIRED, NOT_YET_VALID, IP_MISMATCH, RESOURCE_MISMATCH, UNKNOWN_KEY, MALFORMED...)
on stderr and exits 1.

Options:
  --key-pair-id ID          A trusted key pair ID (repeat with --public-key for a key group)
  --public-key KEY          Its public key: file://path.pem, a plain path (PEM or DER) or PEM text
  --source-ip IP            The viewer's IPv4 address; required when the policy has an IP range
  --now DATE                Check at this time instead of now (+1h, 2026-01-01T12:00:00Z, epoch seconds)
  --cookie HEADER           Verify signed cookies for URL instead (a Cookie header value)
  --json                    Print the verified policy as JSON

Examples:
  cfsign verify "$URL" --key-pair-id K2JCJMDEHXQW5F --public-key file://public_key.pem
  cfsign verify "$URL" --key-pair-id K2JCJMDEHXQW5F --public-key public_key.pem --source-ip 203.0.113.7 --now +2h
  cfsign verify https://d111111abcdef8.cloudfront.net/members/a.jpg \\
      --cookie 'CloudFront-Policy=...; CloudFront-Signature=...; CloudFront-Key-Pair-Id=K2JCJMDEHXQW5F' \\
      --key-pair-id K2JCJMDEHXQW5F --public-key public_key.pem
`,

  inspect: `Usage: cfsign inspect URL [--json] [--now DATE]

Decodes a signed URL without any key, with the package's decodeSignedUrl (the verifier's
own reading): canned or custom policy, key pair ID, hash, the Resource it covers, when it
expires and starts, and the viewer IP range. It does not check the signature (use cfsign
verify for that).

Examples:
  cfsign inspect "$URL"
  cfsign inspect "$URL" --json | jq -r .expires
`,

  keygen: `Usage: cfsign keygen [--type rsa|ec] [--format pkcs1|pkcs8] [--out-dir DIR] [--force]

Makes a key pair with Mbed TLS (inside the package, no openssl needed) and writes
DIR/private_key.pem (mode 0600) and DIR/public_key.pem (SubjectPublicKeyInfo).
Existing files are never replaced unless --force is given.

Options:
  --type rsa|ec             RSA-2048 (default) or ECDSA P-256 (shorter signatures; the AWS CLI
                            cannot sign with it, cfsign and the package can)
  --format pkcs1|pkcs8      How the private key is written. RSA default: pkcs1
                            ("BEGIN RSA PRIVATE KEY"), which every AWS tool reads, AWS CLI v1
                            included; pkcs8 ("BEGIN PRIVATE KEY") is what WebCrypto imports.
                            ECDSA keys are always pkcs8
  --out-dir DIR             Where to write the two files (default: the current directory)
  --force                   Replace existing files
  --json                    Print the paths and the public key as JSON

Examples:
  cfsign keygen --type ec --out-dir ~/.cloudfront/prod
  # then upload the public key, e.g.:
  aws cloudfront create-public-key --public-key-config \\
      "CallerReference=$(date +%s),Name=prod,EncodedKey=$(cat ~/.cloudfront/prod/public_key.pem)"
`,

  upload: `Usage: cfsign upload FILE --url SIGNED_URL [--content-type TYPE]

PUTs FILE to a signed URL. The file is streamed from disk (never read whole into memory),
with Content-Length, a Content-Type from its extension (application/octet-stream when
unknown) and a Content-MD5 computed beforehand, so the origin rejects a body that arrives
altered. On a terminal a progress bar is shown; the result is one line. A non-2xx answer is
one error line with CloudFront's or S3's <Code> and <Message>, and exit status 1.

Options:
  --url URL                 The signed URL (required), used exactly as given
  --content-type TYPE       Override the Content-Type
  --timeout SECONDS         Give up when the server is silent this long (default 120)
  --quiet                   No progress bar

Examples:
  URL=$(cfsign sign --url https://d111111abcdef8.cloudfront.net/uploads/site.zip \\
      --key-pair-id K2JCJMDEHXQW5F --private-key file://private_key.pem --date-less-than +10m)
  cfsign upload site.zip --url "$URL"
  cfsign upload data.bin --url "$URL" --content-type application/x-ndjson
`,
};

export const COMMAND_NAMES = Object.keys(COMMANDS);

export function overview() {
  return OVERVIEW;
}

export function commandHelp(name) {
  return COMMANDS[name];
}
