// Parses HLS playlists with the npm package hls-parser in strict mode, a parser this project did not
// write: a rule it enforces (RFC 8216bis MUSTs, and some of Apple's, such as the 85 % floor of
// partial segments) that a playlist breaks throws instead of being logged.
//
// Usage: node strict-parse.cjs NODE_MODULES_DIR FILE...
// Prints one line per file, tab-separated: "OK <media|multivariant> FILE" or "FAIL FILE MESSAGE";
// exits 0 either way (the caller judges), 2 on bad usage.
'use strict';

const fs = require('fs');
const path = require('path');

const [modules, ...files] = process.argv.slice(2);
if (!modules || files.length === 0) {
  console.error('usage: node strict-parse.cjs NODE_MODULES_DIR FILE...');
  process.exit(2);
}
const HLS = require(path.join(path.resolve(modules), 'hls-parser'));
HLS.setOptions({ strictMode: true });

for (const file of files) {
  try {
    const playlist = HLS.parse(fs.readFileSync(file, 'utf8'));
    console.log(['OK', playlist.isMasterPlaylist ? 'multivariant' : 'media', file].join('\t'));
  } catch (e) {
    const message = String(e && e.message ? e.message : e).replace(/\s+/g, ' ');
    console.log(['FAIL', file, message].join('\t'));
  }
}
