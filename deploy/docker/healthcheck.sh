#!/bin/bash
# Container HEALTHCHECK without curl in the image: one HTTP/1.0 GET over bash's /dev/tcp,
# healthy when the status line says 200. Usage: healthcheck <port> <path>
set -eu
exec 3<>"/dev/tcp/127.0.0.1/$1"
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$2" >&3
IFS= read -r -t 3 status <&3
[[ "$status" == *" 200 "* ]]
