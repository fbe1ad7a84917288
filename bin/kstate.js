#!/bin/sh
":" //; exec node --max-semi-space-size=4 "$0" "$@"
// Run as a command, sh starts node with a young generation of 4 MB a half instead of 16: the lists'
// thousands of short-lived objects then cost a hundred megabytes less of resident memory, for the
// same speed (npm run bench). `node bin/kstate.js` runs this file as JavaScript, with node's defaults.
import '../dist/cli/main.js';
