#!/usr/bin/env node
// Minifies the JavaScript glue wasm-bindgen writes beside each page's wasm
// (`sotay-*.js`; trunk's own minifier fails on it) with terser, and puts the
// new sha384 into the `integrity` of every page that preloads it, so the
// browser still accepts it. The glue is fetched before the first screen:
// this takes about 2 KB of gzip off the first load.
//
//   node scripts/minify-glue.js DIR
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { minify } = require('terser');

const dir = process.argv[2];
if (!dir) {
  console.error('usage: minify-glue.js DIR');
  process.exit(2);
}

const sri = (data) => 'sha384-' + crypto.createHash('sha384').update(data).digest('base64');

(async () => {
  const pages = fs.readdirSync(dir).filter((n) => n.endsWith('.html'));
  const glue = fs.readdirSync(dir).filter((n) => /^sotay(-[a-z]+)?-[0-9a-f]+\.js$/.test(n));
  if (glue.length === 0) throw new Error(`no wasm-bindgen glue (sotay-*.js) in ${dir}`);
  let before = 0;
  let after = 0;
  for (const name of glue) {
    const file = path.join(dir, name);
    const source = fs.readFileSync(file, 'utf8');
    const out = await minify(source, { module: true, compress: true, mangle: true, format: { comments: false } });
    if (!out.code) throw new Error(`terser gave nothing for ${name}`);
    const [oldSri, newSri] = [sri(source), sri(out.code)];
    fs.writeFileSync(file, out.code);
    before += source.length;
    after += out.code.length;
    for (const page of pages) {
      const p = path.join(dir, page);
      const html = fs.readFileSync(p, 'utf8');
      if (html.includes(name)) {
        // A page that names the glue must carry its integrity, or the browser
        // would refuse the minified file.
        if (!html.includes(oldSri)) throw new Error(`${page} names ${name} without its integrity ${oldSri}`);
        fs.writeFileSync(p, html.split(oldSri).join(newSri));
      }
    }
  }
  console.log(`minify-glue: ${glue.length} files, ${before} -> ${after} bytes`);
})().catch((e) => {
  console.error(`minify-glue: ${e.message}`);
  process.exit(1);
});
