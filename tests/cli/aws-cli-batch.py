# Runs many `aws ...` command lines in one Python process, through the same entry point
# as Debian's /usr/bin/aws (awscli.clidriver.main, which runs AWSCLIEntryPoint().main), so that a corpus does not pay the AWS
# CLI's start-up (over a second of CPU each) per case.
# stdin: a JSON array of argument lists. stdout: a JSON array of {code, stdout, stderr}.
import contextlib
import io
import json
import sys

import awscli.clidriver


def run(args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = awscli.clidriver.AWSCLIEntryPoint().main(args)
    return {'code': code, 'stdout': out.getvalue(), 'stderr': err.getvalue()}


results = [run(args) for args in json.load(sys.stdin)]
sys.stdout.write(json.dumps(results))
