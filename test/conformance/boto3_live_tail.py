"""Reads one Live Tail session with boto3 and prints what it got, one JSON object per line.

Usage: python3 boto3_live_tail.py ENDPOINT_URL REGION LOG_GROUP_ARN

Prints {"event": NAME, "body": {...}} for each event of the stream (sessionStart,
sessionUpdate), then {"end": "clean"} when the stream ends, or
{"end": "error", "code": ..., "message": ...} when it ends with an exception frame.
Credentials are dummies; the endpoint is the local sandbox.
"""

import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import EventStreamError


def emit(record):
    print(json.dumps(record), flush=True)


def main():
    endpoint_url, region, log_group_arn = sys.argv[1:4]
    client = boto3.client(
        "logs",
        endpoint_url=endpoint_url,
        region_name=region,
        aws_access_key_id="sandbox",
        aws_secret_access_key="sandbox",
        # Without this botocore sends the request to stream-127.0.0.1 (StartLiveTail's hostPrefix).
        config=Config(inject_host_prefix=False, retries={"total_max_attempts": 1}),
    )
    response = client.start_live_tail(logGroupIdentifiers=[log_group_arn])
    try:
        for event in response["responseStream"]:
            for name, body in event.items():
                emit({"event": name, "body": body})
    except EventStreamError as err:
        error = err.response.get("Error", {})
        emit({"end": "error", "code": error.get("Code"), "message": error.get("Message")})
        return
    emit({"end": "clean"})


if __name__ == "__main__":
    main()
