#!/usr/bin/env node
// Shrinks what wasm-bindgen writes for each page (`sotay-*.js` and its
// `sotay-*_bg.wasm`), both fetched before the first screen, and puts the new
// sha384 of each into the `integrity` of every page that preloads it, so the
// browser still accepts them:
// - the JavaScript glue is minified with terser (trunk's own minifier fails
//   on it): about 2 KB of gzip;
// - the wasm's imports are renamed to short names, in the wasm and in the
//   glue's import object alike. wasm-bindgen names each one after its Rust
//   binding plus a 16-digit hash (`__wbg_new_bb74001155cb8ca8`), and both
//   files carry all of them: about 5 KB of gzip for the two.
//   A short name says nothing about the binding, so a glue must never meet
//   another build's wasm: it cannot, as both are named after trunk's hash
//   of that wasm, and the names follow only the order of its imports;
// - the stream classes Leptos' server functions export, which nothing here
//   uses, leave the wasm and the glue (see "Exports nothing uses" below):
//   1.4 KB of gzip for the two.
//
//   node scripts/minify-glue.js DIR
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { execFileSync } = require('child_process');
const { minify } = require('terser');

const dir = process.argv[2];
if (!dir) {
  console.error('usage: minify-glue.js DIR');
  process.exit(2);
}

const sri = (data) => 'sha384-' + crypto.createHash('sha384').update(data).digest('base64');

// --- The few parts of the wasm binary format read or written here. ---

function readU32(buf, pos) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[pos++];
    if (byte === undefined) throw new Error('the wasm ends inside a number');
    result += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) return [result, pos];
    shift += 7;
  }
}

function u32(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
}

const name = (s) => {
  const bytes = Buffer.from(s, 'utf8');
  return Buffer.concat([u32(bytes.length), bytes]);
};

// Where an import's description (after its two names) ends.
function skipImportDesc(buf, pos) {
  const kind = buf[pos++];
  const limits = (p) => {
    const flags = buf[p++];
    [, p] = readU32(buf, p);
    if (flags & 1) [, p] = readU32(buf, p);
    return p;
  };
  switch (kind) {
    case 0: return readU32(buf, pos)[1]; // function: type index
    case 1: return limits(pos + 1); // table: element type, limits
    case 2: return limits(pos); // memory: limits
    case 3: return pos + 2; // global: value type, mutability
    case 4: return readU32(buf, pos + 1)[1]; // tag: attribute, type index
    default: throw new Error(`unknown import kind ${kind}`);
  }
}

// a, b, ... z, A ... Z, aa, ab ...: valid as JavaScript property names.
function shortName(i) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let s = '';
  for (i += 1; i > 0; i = Math.floor((i - 1) / letters.length)) s = letters[(i - 1) % letters.length] + s;
  return s;
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Replaces the one place the glue's import object names `key` (unquoted or
// quoted); anything else means the glue is not shaped as expected.
function renameKey(js, key, to, what) {
  const re = new RegExp(`([{,])("?)${escapeRe(key)}\\2:`, 'g');
  const found = js.match(re) || [];
  if (found.length !== 1) throw new Error(`${what}: the glue names import ${key} ${found.length} times, not once`);
  return js.replace(re, `$1${to}:`);
}

// Renames every import of the wasm and the matching keys of the glue.
function renameImports(wasm, js, what) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error(`${what}: not a wasm file`);
  const parts = [wasm.subarray(0, 8)];
  let renamed = 0;
  for (let pos = 8; pos < wasm.length;) {
    const id = wasm[pos];
    const [size, start] = readU32(wasm, pos + 1);
    const end = start + size;
    if (id !== 2) {
      parts.push(wasm.subarray(pos, end));
      pos = end;
      continue;
    }
    const body = wasm.subarray(start, end);
    let [count, p] = readU32(body, 0);
    const out = [u32(count)];
    let module = null;
    for (let i = 0; i < count; i++) {
      let len;
      [len, p] = readU32(body, p);
      const mod = body.subarray(p, p + len).toString('utf8');
      p += len;
      [len, p] = readU32(body, p);
      const imp = body.subarray(p, p + len).toString('utf8');
      p += len;
      const descEnd = skipImportDesc(body, p);
      if (module === null) module = mod;
      if (mod !== module) throw new Error(`${what}: imports from two modules (${module}, ${mod})`);
      const to = shortName(i);
      js = renameKey(js, imp, to, what);
      out.push(name('a'), name(to), body.subarray(p, descEnd));
      p = descEnd;
      renamed += 1;
    }
    if (p !== body.length) throw new Error(`${what}: the import section has bytes after its last import`);
    if (module !== null) js = renameKey(js, module, 'a', what);
    const section = Buffer.concat(out);
    parts.push(Buffer.from([2]), u32(section.length), section);
    pos = end;
  }
  if (renamed === 0) throw new Error(`${what}: no imports found`);
  const result = Buffer.concat(parts);
  // Node compiles it as the browser will: a wrong byte fails the build here.
  new WebAssembly.Module(result);
  return { wasm: result, js, renamed };
}

// --- Exports nothing uses. ---
//
// Leptos 0.8 always turns on the browser side of its server functions
// (server_fn's "browser" feature), and with it wasm-streams, which exports
// three classes to JavaScript for streaming a server's responses. The app
// has no server functions and nothing constructs them, yet an export keeps
// its code in the wasm. They go here, from the wasm (wasm-opt drops the
// exports, then optimises again, which removes what only they reached,
// imports included) and from the glue (the classes, their finalizers, and
// the import functions the wasm no longer imports).
const UNUSED_CLASSES = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];
const WASM_FEATURES = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-reference-types',
  '--enable-sign-ext', '--enable-mutable-globals', '--enable-multivalue'];

// Removes the one match of `re` in `js`; anything else means the glue is
// not shaped as expected.
function removeOnce(js, re, what, thing) {
  const found = js.match(new RegExp(re.source, re.flags + 'g')) || [];
  if (found.length !== 1) throw new Error(`${what}: found ${thing} ${found.length} times, not once`);
  return js.replace(re, '');
}

function dropUnusedExports(wasmFile, source, what) {
  const exportsOf = (file) => WebAssembly.Module.exports(new WebAssembly.Module(fs.readFileSync(file))).map((e) => e.name);
  const unused = (name) => /^(__wbg_)?intounderlying/.test(name);
  const dropped = exportsOf(wasmFile).filter(unused);
  if (dropped.length === 0) return source; // a later Leptos without them
  // npm's binaryen, as trunk uses (never Debian's older wasm-opt on PATH),
  // with the pages' own option (--low-memory-unused, see index.html).
  const wasmOpt = path.join(path.dirname(require.resolve('binaryen/package.json')), 'bin', 'wasm-opt');
  execFileSync(process.execPath, [wasmOpt, ...WASM_FEATURES, '--remove-exports',
    '--pass-arg=remove-exports@*intounderlying*', '--low-memory-unused', '-Oz', wasmFile, '-o', wasmFile], { stdio: 'inherit' });
  if (exportsOf(wasmFile).some(unused)) throw new Error(`${what}: wasm-opt left stream exports in the wasm`);
  let js = source;
  for (const c of UNUSED_CLASSES) {
    js = removeOnce(js, new RegExp(`^export class ${c} \\{\\n[\\s\\S]*?^\\}\\n`
      + `if \\(Symbol\\.dispose\\) ${c}\\.prototype\\[Symbol\\.dispose\\] = ${c}\\.prototype\\.free;\\n`, 'm'), what, `class ${c}`);
    js = removeOnce(js, new RegExp(`^const ${c}Finalization = [^;]*;\\n`, 'm'), what, `${c}Finalization`);
  }
  js = removeOnce(js, /^const __wbindgen_enum_ReadableStreamType = \[[^\]]*\];\n/m, what, 'the ReadableStreamType enum');
  // The import object's functions the wasm no longer imports: each starts
  // with its name at eight spaces and ends at the next line there.
  const imports = new Set(WebAssembly.Module.imports(new WebAssembly.Module(fs.readFileSync(wasmFile))).map((i) => i.name));
  js = js.replace(/^ {8}(__wbg_\w+|__wbindgen_\w+): function[^\n]*\n(?: {12}[^\n]*\n| *\n)*? {8}\}[^\n]*,\n/gm,
    (entry, name) => (imports.has(name) ? entry : ''));
  for (const name of [...dropped, ...UNUSED_CLASSES, '__wbindgen_enum_ReadableStreamType']) {
    if (js.includes(name)) throw new Error(`${what}: the glue still names ${name}`);
  }
  return js;
}

(async () => {
  const pages = fs.readdirSync(dir).filter((n) => n.endsWith('.html'));
  const glue = fs.readdirSync(dir).filter((n) => /^sotay(-[a-z]+)?-[0-9a-f]+\.js$/.test(n));
  if (glue.length === 0) throw new Error(`no wasm-bindgen glue (sotay-*.js) in ${dir}`);
  const integrity = []; // [old sha384, new sha384, file name]
  let [before, after, renamed] = [0, 0, 0];
  for (const jsName of glue) {
    const wasmName = jsName.replace(/\.js$/, '_bg.wasm');
    const [jsFile, wasmFile] = [path.join(dir, jsName), path.join(dir, wasmName)];
    const source = fs.readFileSync(jsFile, 'utf8');
    const wasmBefore = fs.readFileSync(wasmFile);
    const glue = dropUnusedExports(wasmFile, source, jsName);
    const wasm = fs.readFileSync(wasmFile);
    const min = await minify(glue, { module: true, compress: true, mangle: true, format: { comments: false } });
    if (!min.code) throw new Error(`terser gave nothing for ${jsName}`);
    const out = renameImports(wasm, min.code, jsName);
    fs.writeFileSync(jsFile, out.js);
    fs.writeFileSync(wasmFile, out.wasm);
    integrity.push([sri(source), sri(out.js), jsName], [sri(wasmBefore), sri(out.wasm), wasmName]);
    before += source.length + wasmBefore.length;
    after += out.js.length + out.wasm.length;
    renamed += out.renamed;
  }
  for (const page of pages) {
    const p = path.join(dir, page);
    let html = fs.readFileSync(p, 'utf8');
    for (const [oldSri, newSri, file] of integrity) {
      if (!html.includes(file)) continue;
      // A page that names a file must carry its integrity, or the browser
      // would refuse the changed file.
      if (!html.includes(oldSri)) throw new Error(`${page} names ${file} without its integrity ${oldSri}`);
      html = html.split(oldSri).join(newSri);
    }
    fs.writeFileSync(p, html);
  }
  console.log(`minify-glue: ${glue.length} pages, ${renamed} imports renamed, ${before} -> ${after} bytes`);
})().catch((e) => {
  console.error(`minify-glue: ${e.message}`);
  process.exit(1);
});
