#!/usr/bin/env node
// Writes a .gz (gzip -9) and a .br (brotli, best) copy beside every file of a
// release build that is worth compressing, for hosts that serve precompressed
// files (nginx gzip_static / brotli_static). Node's own zlib makes both.
//
//   node scripts/precompress.js DIR
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const dir = process.argv[2];
if (!dir) {
  console.error('usage: precompress.js DIR');
  process.exit(2);
}
const worth = /\.(html|js|wasm|css|json|webmanifest|svg|txt)$/;
let files = 0;
for (const name of fs.readdirSync(dir, { recursive: true })) {
  const file = path.join(dir, name);
  if (!worth.test(file) || !fs.statSync(file).isFile()) continue;
  const data = fs.readFileSync(file);
  fs.writeFileSync(file + '.gz', zlib.gzipSync(data, { level: 9 }));
  fs.writeFileSync(file + '.br', zlib.brotliCompressSync(data, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  }));
  files += 1;
}
console.log(`precompress: ${files} files, .gz and .br beside each`);
